import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { type App, buildApp } from '../../src/http/app.ts';
import { openDemoTestDatabase } from '../support/database.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const webDir = join(root, 'web');
const distIndex = join(webDir, 'dist', 'index.html');
export const screenshotDir = join(root, 'test', 'e2e', 'screenshots');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const t = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

/** Builds web/dist unless it is newer than every source file of the web app. */
export function ensureWebBuild(): void {
  if (existsSync(distIndex)) {
    const sources = Math.max(
      newestMtime(join(webDir, 'src')),
      statSync(join(webDir, 'index.html')).mtimeMs,
      statSync(join(webDir, 'vite.config.ts')).mtimeMs,
    );
    if (statSync(distIndex).mtimeMs > sources) return;
  }
  const result = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'web/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    // vitest sets NODE_ENV=test; inherited, it would make Vite bundle React's development build.
    { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } },
  );
  if (result.status !== 0) throw new Error(`web build failed:\n${result.stdout}\n${result.stderr}`);
}

export interface Harness {
  db: Database;
  app: App;
  baseUrl: string;
  browser: Browser;
  admin: { email: string; password: string };
  close(): Promise<void>;
}

/** The real server (fresh database with the demo organization, built SPA) and a headless Chromium. */
export async function startHarness(): Promise<Harness> {
  ensureWebBuild();
  mkdirSync(screenshotDir, { recursive: true });
  const { db, seeded } = await openDemoTestDatabase();
  const app = await buildApp({ db, webRoot: join(webDir, 'dist'), logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the server has no TCP address');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    db,
    app,
    baseUrl: `http://127.0.0.1:${address.port}`,
    browser,
    admin: { email: seeded.adminEmail, password: seeded.adminPassword },
    async close() {
      await browser.close();
      await app.close();
      await db.close();
    },
  };
}

export async function newPage(h: Harness): Promise<{ context: BrowserContext; page: Page }> {
  const context = await h.browser.newContext({ baseURL: h.baseUrl, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  // Generous: CI and shared machines can be slow; a healthy run waits milliseconds.
  page.setDefaultTimeout(30_000);
  return { context, page };
}

export async function login(page: Page, email: string, password: string, open = true): Promise<void> {
  if (open) await page.goto('/login');
  await page.locator('input[name=email]').fill(email);
  await page.locator('input[name=password]').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * Waits until the address is `url` and the page on screen is the one for it: after a click the
 * previous page stays rendered until the next has loaded, so locators run too early can match it.
 */
export async function waitForRoute(
  page: Page,
  url: string | RegExp | ((url: URL) => boolean),
): Promise<void> {
  await page.waitForURL(url);
  await page.waitForFunction('document.body.dataset.route === window.location.pathname');
}

/**
 * Saves a full-page screenshot once no loader or loading overlay is showing (each step waits
 * for its own content first; this only lets secondary panels settle).
 */
export async function snap(page: Page, name: string): Promise<void> {
  await page
    .waitForFunction("!document.querySelector('.mantine-Loader-root, .mantine-LoadingOverlay-root')", null, {
      timeout: 5_000,
    })
    .catch(() => {});
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/**
 * Picks `option` in the Mantine select labelled `label` (typing `type` first narrows the
 * server-side search). Retries the opening click: a click that lands while a modal is still
 * animating in can leave the dropdown closed.
 */
export async function choose(
  scope: Page | Locator,
  label: string,
  option: string,
  type?: string,
): Promise<void> {
  const page = 'page' in scope ? scope.page() : scope;
  const input = scope.getByRole('combobox', { name: labelPattern(label) });
  const target = page.getByRole('option', { name: option, exact: true });
  for (let attempt = 1; ; attempt++) {
    await input.click();
    if (type) await input.fill(type);
    try {
      await target.click({ timeout: 6_000 });
      break;
    } catch (error) {
      if (attempt === 3) throw error;
      // Blur rather than Escape: Escape would close the whole modal.
      await input.blur().catch(() => {});
    }
  }
  await target.waitFor({ state: 'hidden' });
}

/** Matches a field's label with or without the required-field asterisk. */
export function labelPattern(label: string): RegExp {
  return new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\*?$`);
}

/** The text of the first match, trimmed. */
export async function textOf(locator: Locator): Promise<string> {
  return ((await locator.first().textContent()) ?? '').trim();
}

export interface BrowserSession {
  readonly h: Harness;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Uncaught errors of the page; a suite ends by expecting none. */
  readonly pageErrors: string[];
}

/**
 * Registers, inside a describe block, the lifecycle every browser suite shares: the server and
 * Chromium up and one page signed in (as the demo administrator, as `signIn`, or not at all when
 * null), a screenshot of each failed step named after it, and the teardown.
 */
export function browserSession(options: {
  failurePrefix: string;
  signIn?: { email: string; password: string } | null;
}): BrowserSession {
  let h: Harness | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
    ({ context, page } = await newPage(h));
    page.on('pageerror', (e) => pageErrors.push(e.message));
    if (options.signIn === null) return;
    const user = options.signIn ?? h.admin;
    await login(page, user.email, user.password);
    await waitForRoute(page, (url) => !url.pathname.startsWith('/login'));
  }, 300_000);

  afterEach(async (test) => {
    if (test.task.result?.state === 'fail' && page) {
      const name = test.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
      await snap(page, `${options.failurePrefix}-${name}`).catch(() => {});
    }
  });

  afterAll(async () => {
    await context?.close();
    await h?.close();
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the browser session has not started (use it inside a test)');
    return value;
  };
  return {
    get h() {
      return started(h);
    },
    get context() {
      return started(context);
    },
    get page() {
      return started(page);
    },
    pageErrors,
  };
}
