import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSession, CHROMIUM, choose, hasChromium, snap, waitForRoute } from './harness.ts';

const title = hasChromium
  ? 'knowledge hub, templates and configuration in a real browser'
  : `knowledge hub, templates and configuration in a real browser — SKIPPED: ${CHROMIUM} is absent`;

/** The harness's screenshot, and a copy where the reviewers of this area look. */
async function shot(page: Page, name: string) {
  await snap(page, name);
  await page.screenshot({ path: join('/tmp/shots-hub', `${name}.png`), fullPage: true }).catch(() => {});
}

describe.skipIf(!hasChromium)(title, () => {
  const session = browserSession({ failurePrefix: 'knowledge-failed' });

  it('lists the assets and ranks search results with highlighted snippets', async () => {
    const { page } = session;
    await page.getByRole('link', { name: 'Knowledge hub', exact: true }).click();
    await waitForRoute(page, /\/knowledge$/);
    const table = page.getByTestId('assets-table');
    await table.getByText('Orrery delivery methodology').waitFor();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(7);
    await shot(page, 'knowledge-01-hub');
    await page.getByTestId('hub-search').fill('escalation');
    const hits = page.getByTestId('search-hit');
    await expect.poll(() => hits.count()).toBeGreaterThan(0);
    await expect
      .poll(async () => (await hits.first().textContent()) ?? '')
      .toContain('Risk management standard');
    await expect.poll(() => page.locator('[data-testid=search-hit] mark').count()).toBeGreaterThan(0);
    await shot(page, 'knowledge-02-search');
  }, 120_000);

  it('renders an asset and shows the diff between two versions', async () => {
    const { page } = session;
    await page.getByTestId('hub-search').fill('');
    await page.getByTestId('assets-table').getByRole('link', { name: 'Orrery delivery methodology' }).click();
    await waitForRoute(page, /\/knowledge\/[0-9a-f-]+$/);
    const markdown = page.getByTestId('markdown');
    await markdown.getByRole('heading', { name: 'Tailoring' }).waitFor();
    await markdown.getByRole('cell', { name: 'the plan, the risks and the change log' }).waitFor();
    await expect.poll(() => page.getByTestId('asset-versions').locator('tr').count()).toBe(3);
    await shot(page, 'knowledge-03-asset');
    await page.getByTestId('tab-compare').click();
    const diff = page.getByTestId('asset-diff');
    await diff.getByText('Version 2 → version 3').waitFor();
    await expect.poll(() => diff.locator('[data-kind=added]').count()).toBeGreaterThan(0);
    await expect.poll(() => diff.locator('[data-kind=removed]').count()).toBeGreaterThan(0);
    await shot(page, 'knowledge-04-diff');
  }, 120_000);

  it('drafts, reviews and publishes a new version', async () => {
    const { page } = session;
    await page.goto('/knowledge');
    await page.getByTestId('assets-table').getByRole('link', { name: 'Project charter template' }).click();
    await page.getByTestId('new-version').click();
    const editor = page.getByTestId('draft-body');
    await editor.waitFor();
    await editor.fill(
      '# Project charter — template\n\n## Purpose\nWhy the project exists.\n\n## Sponsor\nWho pays.',
    );
    await page.getByTestId('save-draft').click();
    await page.getByTestId('markdown').getByRole('heading', { name: 'Sponsor' }).waitFor();
    await page.getByTestId('submit-review').click();
    await page.getByTestId('publish').click();
    const versions = page.getByTestId('asset-versions');
    await expect
      .poll(async () => (await versions.locator('tr').first().textContent()) ?? '')
      .toContain('Published');
    await expect
      .poll(async () => (await versions.locator('tr').nth(1).textContent()) ?? '')
      .toContain('Retired');
    await shot(page, 'knowledge-05-published');
  }, 120_000);

  it('previews a template and creates a project from it', async () => {
    const { page } = session;
    await page.goto('/templates');
    await page.getByTestId('templates-list').getByRole('link', { name: 'Software release' }).click();
    const wbs = page.getByTestId('wbs-preview');
    await wbs.getByText('User acceptance testing').waitFor();
    await shot(page, 'knowledge-06-template');
    const form = page.getByTestId('instantiate-form');
    await form.getByRole('textbox', { name: 'Code' }).fill('REL-901');
    await form.getByRole('textbox', { name: 'Name' }).fill('Billing release 9');
    await choose(form, 'Business unit', 'Digital & Technology (DT)', 'Digital');
    await choose(form, 'Portfolio', 'Enterprise Transformation', 'Enterprise');
    await page.getByTestId('instantiate').click();
    await waitForRoute(page, /\/projects\/[0-9a-f-]+$/);
    await page.getByText('Billing release 9').first().waitFor();
    await page.getByTestId('tab-configuration').click();
    const items = page.getByTestId('ci-table');
    await items.getByText('SPEC-REQ').waitFor();
    await expect.poll(() => items.locator('tbody tr').count()).toBe(4);
    await shot(page, 'knowledge-07-instantiated');
  }, 120_000);

  it('refuses a template version whose links form a cycle, naming the tasks', async () => {
    const { page } = session;
    await page.goto('/templates');
    await page.getByTestId('templates-list').getByRole('link', { name: 'Facility fit-out' }).click();
    await page.getByTestId('wbs-preview').getByText('Strip-out').waitFor();
    await page.getByTestId('new-template-version').click();
    const json = page.getByTestId('template-json');
    const content = JSON.parse(await json.inputValue()) as { links: unknown[] };
    content.links.push({ from: '3', to: '1.1', type: 'FS', lagDays: 0 });
    await json.fill(JSON.stringify(content, null, 2));
    await page.getByTestId('save-template').click();
    await expect
      .poll(async () => (await page.getByTestId('problem-alert').textContent()) ?? '')
      .toContain('the links form a cycle: 1.1 Site survey → 1.2 Layout design');
    await shot(page, 'knowledge-09-template-cycle');
    await page.getByRole('button', { name: 'Cancel' }).click();
  }, 120_000);

  it("shows a project's configuration and refuses a baselined change without an approved request", async () => {
    const { page } = session;
    await page.goto('/projects');
    await page.getByRole('link', { name: 'Payments gateway migration' }).click();
    await page.getByTestId('tab-configuration').click();
    const items = page.getByTestId('ci-table');
    await items.getByText('SPEC-API').click();
    const versions = page.getByTestId('ci-versions');
    await expect.poll(() => versions.locator('tbody tr').count()).toBe(3);
    await page.getByTestId('approve-version').click();
    await expect
      .poll(async () => (await page.getByTestId('approve-error').textContent()) ?? '')
      .toMatch(/SPEC-API is under baseline: .*changes only through an approved change request/);
    await expect.poll(() => page.getByTestId('configuration-as-of').locator('tr').count()).toBe(3);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Propose a file' }).click();
    await (await chooser).setFiles({
      name: 'api-spec-v4.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.7 spec'),
    });
    await expect.poll(() => versions.locator('tbody tr').count()).toBe(4);
    await versions.getByRole('link', { name: 'api-spec-v4.pdf' }).waitFor();
    await page.getByTestId('as-of').fill('2000-01-01');
    await page.getByText('No items existed then.').waitFor();
    await page.getByTestId('as-of').fill('');
    await expect.poll(() => page.getByTestId('configuration-as-of').locator('tr').count()).toBe(3);
    await shot(page, 'knowledge-08-configuration');
    expect(session.pageErrors).toEqual([]);
  }, 120_000);
});
