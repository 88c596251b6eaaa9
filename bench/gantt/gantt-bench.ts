/**
 * Gantt benchmark in headless Chromium: a generated plan of 10,000 and 50,000 tasks (the MSPDI
 * import benchmark's generator, imported and scheduled through `importMspdiPlan` into a fresh
 * PGlite directory), served by the real app, opened at /projects/:id/gantt.
 *
 * - first bars: navigation start → the `gantt-first-bars` performance mark the chart sets after
 *   the first frame with bars is painted (HTML, scripts, session check, data request, render), the
 *   median of several loads with a warm HTTP cache; the data request's own time and size beside it.
 * - scroll: a programmatic scroll of ROWS_PER_FRAME rows per animation frame down through
 *   SCROLL_ROWS rows; frame time is the gap between requestAnimationFrame callbacks (16.7 ms at
 *   60 Hz means every frame kept up).
 *
 *   node --import tsx bench/gantt/gantt-bench.ts [sizes…]
 *
 * Prints an aligned table and writes bench/results/gantt.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { openDatabase } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/migrate.ts';
import { buildApp } from '../../src/http/app.ts';
import { writeMspdi } from '../../src/interop/mspdi-write/index.ts';
import { importMspdiPlan } from '../../src/services/plan-import.ts';
import { CHROMIUM, ensureWebBuild } from '../../test/e2e/harness.ts';
import { makeActor, makeOrganization, makeProject, TEST_PASSWORD } from '../../test/support/factories.ts';
import { generatePlan } from '../import/generate-plan.ts';

const LOADS = 5;
const SCROLL_ROWS = 3000;
const ROWS_PER_FRAME = 3;
const root = fileURLToPath(new URL('../..', import.meta.url));

interface SizeResult {
  tasks: number;
  links: number;
  importSeconds: number;
  firstBarsMs: number[];
  firstBarsMedianMs: number;
  dataRequestMs: number;
  dataBytes: number;
  scroll: { rows: number; frames: number; meanMs: number; p95Ms: number; maxMs: number; over33Ms: number };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

// Browser-side code as strings: the server's tsconfig has no DOM types.
const READ_FIRST_BARS = `(() => {
  const mark = performance.getEntriesByName('gantt-first-bars')[0];
  const data = performance.getEntriesByType('resource').find((e) => e.name.includes('/gantt/columns'));
  return { ms: mark.startTime, dataMs: data ? data.responseEnd - data.requestStart : 0, dataBytes: data ? data.encodedBodySize : 0 };
})()`;

async function firstBars(page: Page, url: string) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  try {
    await page.waitForFunction("performance.getEntriesByName('gantt-first-bars').length > 0", null, {
      timeout: 60_000,
    });
  } catch (error) {
    const shot = join(os.tmpdir(), 'gantt-bench-failed.png');
    await page.screenshot({ path: shot });
    throw new Error(
      `no bars at ${page.url()} (screenshot ${shot}; page errors: ${errors.join('; ') || 'none'})`,
      {
        cause: error,
      },
    );
  }
  return page.evaluate<{ ms: number; dataMs: number; dataBytes: number }>(READ_FIRST_BARS);
}

/** Scrolls `rows` rows down, `perFrame` rows each animation frame, and returns the gaps between frames. */
function scrollFrames(page: Page, rows: number, perFrame: number) {
  return page.evaluate<number[]>(`new Promise((resolve) => {
    const scroller = document.querySelector('[data-testid=gantt-scroller]');
    const gaps = [];
    let last = 0;
    let scrolled = 0;
    const frame = (now) => {
      if (last) gaps.push(now - last);
      last = now;
      if (scrolled >= ${rows}) return resolve(gaps);
      scroller.scrollTop += ${perFrame * 28};
      scrolled += ${perFrame};
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  })`);
}

async function measure(size: number): Promise<SizeResult> {
  const dir = mkdtempSync(join(os.tmpdir(), 'orrery-gantt-bench-'));
  const db = await openDatabase({ dataDir: dir });
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
  const app = await buildApp({ db, webRoot: join(root, 'web', 'dist'), logger: false });
  try {
    await migrate(db);
    const { orgId, system } = await makeOrganization(db);
    const admin = await makeActor(db, orgId, 'pmo_admin');
    const project = await makeProject(db, orgId);
    const plan = generatePlan(size);
    const started = performance.now();
    const summary = await importMspdiPlan(db, system, project.id, writeMspdi(plan), `gantt-${size}.xml`);
    const importSeconds = (performance.now() - started) / 1000;
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no TCP address');
    const context = await browser.newContext({
      baseURL: `http://127.0.0.1:${address.port}`,
      viewport: { width: 1440, height: 900 },
    });
    const login = await context.request.post('/api/v1/auth/login', {
      data: { email: admin.email, password: TEST_PASSWORD },
    });
    if (!login.ok()) throw new Error(`login failed: ${login.status()}`);
    const url = `/projects/${project.id}/gantt`;
    const loads = [];
    // One load warms the HTTP cache and the server's JIT; then the measured loads.
    for (let run = 0; run <= LOADS; run++) {
      const page = await context.newPage();
      const load = await firstBars(page, url);
      if (run > 0) loads.push(load);
      if (run < LOADS) await page.close();
      else {
        await page.waitForTimeout(300);
        const gaps = await scrollFrames(page, Math.min(SCROLL_ROWS, size - 60), ROWS_PER_FRAME);
        const sorted = [...gaps].sort((a, b) => a - b);
        const result: SizeResult = {
          tasks: summary.tasks,
          links: summary.links,
          importSeconds: round(importSeconds, 2),
          firstBarsMs: loads.map((l) => round(l.ms)),
          firstBarsMedianMs: round(median(loads.map((l) => l.ms))),
          dataRequestMs: round(median(loads.map((l) => l.dataMs))),
          dataBytes: loads[0].dataBytes,
          scroll: {
            rows: Math.min(SCROLL_ROWS, size - 60),
            frames: gaps.length,
            meanMs: round(gaps.reduce((s, g) => s + g, 0) / gaps.length, 2),
            p95Ms: round(sorted[Math.floor(sorted.length * 0.95)], 2),
            maxMs: round(sorted[sorted.length - 1], 2),
            over33Ms: gaps.filter((g) => g > 33.4).length,
          },
        };
        await page.screenshot({ path: join(root, 'bench', 'results', `gantt-${size}.png`) });
        await context.close();
        return result;
      }
    }
    throw new Error('unreachable');
  } finally {
    await browser.close();
    await app.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

ensureWebBuild();
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const results: SizeResult[] = [];
for (const size of sizes.length ? sizes : [10_000, 50_000]) results.push(await measure(size));

const header = [
  'tasks',
  'links',
  'first bars ms',
  'data ms',
  'data KB',
  'scroll rows',
  'frame mean',
  'frame p95',
  'frame max',
  '>33 ms',
];
const rows = results.map((r) => [
  r.tasks.toLocaleString('en'),
  r.links.toLocaleString('en'),
  r.firstBarsMedianMs.toFixed(0),
  r.dataRequestMs.toFixed(0),
  String(Math.round(r.dataBytes / 1024)),
  r.scroll.rows.toLocaleString('en'),
  r.scroll.meanMs.toFixed(1),
  r.scroll.p95Ms.toFixed(1),
  r.scroll.maxMs.toFixed(1),
  String(r.scroll.over33Ms),
]);
const widths = header.map((h, k) => Math.max(h.length, ...rows.map((row) => row[k].length)));
const line = (cells: string[]) =>
  cells.map((c, k) => (k === 0 ? c.padEnd(widths[k]) : c.padStart(widths[k]))).join('  ');
const chromiumVersion = await (async () => {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox'] });
  const version = browser.version();
  await browser.close();
  return version;
})();
const machine = {
  cpu: os.cpus()[0].model,
  cores: os.cpus().length,
  node: process.version,
  chromium: chromiumVersion,
};
console.log(
  `Gantt in headless Chromium ${machine.chromium}: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load ${os.loadavg()[0].toFixed(2)}`,
);
console.log(
  `first bars: median of ${LOADS} loads (navigation → first painted frame with bars), warm HTTP cache`,
);
console.log(`scroll: ${ROWS_PER_FRAME} rows per animation frame; frame = gap between rAF callbacks`);
console.log(line(header));
for (const row of rows) console.log(line(row));
writeFileSync(
  join(root, 'bench', 'results', 'gantt.json'),
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      machine,
      loadAverage: os.loadavg()[0],
      method: {
        firstBars: `median of ${LOADS} page loads of /projects/:id/gantt after one warm-up load: navigation start to the gantt-first-bars mark (set in a task queued from the requestAnimationFrame after the first render with bars, i.e. after that frame is painted)`,
        scroll: `${ROWS_PER_FRAME} rows (84 px) per requestAnimationFrame, programmatic scrollTop, frame time = gap between rAF callbacks`,
        yardstick: 'DESIGN.md: SVAR React Gantt 10k 0.61 s, dhtmlx 0.78 s; 50k 0.89 s / 1.24 s',
      },
      results,
    },
    null,
    2,
  )}\n`,
);
