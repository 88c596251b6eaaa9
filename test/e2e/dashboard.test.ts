import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { browserSession, CHROMIUM, choose, hasChromium, snap, textOf, waitForRoute } from './harness.ts';

const title = hasChromium
  ? 'enterprise dashboard in a real browser'
  : `enterprise dashboard in a real browser — SKIPPED: ${CHROMIUM} is absent`;
const shots = '/tmp/shots-dashboard';

describe.skipIf(!hasChromium)(title, () => {
  const session = browserSession({ failurePrefix: 'dashboard-failed' });
  const shoot = async (name: string) => {
    mkdirSync(shots, { recursive: true });
    await snap(session.page, `dashboard-${name}`);
    await session.page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  };

  it('shows the organization dashboard with KPIs, charts, roll-up rows and projects', async () => {
    const { page } = session;
    await page.goto('/');
    await page.getByTestId('enterprise-dashboard').waitFor();
    await expect
      .poll(async () => Number(await textOf(page.getByTestId('kpi-projects'))))
      .toBeGreaterThanOrEqual(20);
    await page.getByTestId('rag-matrix').waitFor();
    await page.getByTestId('s-curve-chart').locator('canvas').waitFor();
    await page.getByTestId('burn-chart').locator('canvas').waitFor();
    await page.getByTestId('program-timeline').locator('canvas').waitFor();
    await expect
      .poll(() => page.getByTestId('children-table').locator('tbody tr').count())
      .toBeGreaterThanOrEqual(3);
    await expect.poll(() => page.getByTestId('dashboard-projects').locator('tbody tr').count()).toBe(20);
    await expect.poll(async () => await textOf(page.getByTestId('kpi-cpi'))).toMatch(/^\d\.\d\d$/);
    await shoot('01-organization');
  });

  it('opens the projects behind a figure', async () => {
    const { page } = session;
    await page.getByTestId('kpi-budget').click();
    const drawer = page.getByTestId('contributors-drawer');
    await expect.poll(() => drawer.locator('tbody tr').count()).toBeGreaterThanOrEqual(20);
    await expect.poll(async () => await textOf(drawer.getByTestId('contributors-value'))).toMatch(/\d/);
    await shoot('02-contributors-budget');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    const cell = page.locator('[data-testid^="rag-red-"]').first();
    const count = Number(await textOf(cell));
    await cell.click();
    await expect.poll(() => drawer.locator('tbody tr').count()).toBe(count);
    await shoot('03-contributors-rag-cell');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
  });

  it('filters by health and offers the consolidated report as XLSX', async () => {
    const { page } = session;
    const before = Number(await textOf(page.getByTestId('kpi-projects')));
    await choose(page.getByTestId('dashboard-filters'), 'Health', 'Red');
    await expect
      .poll(async () => Number(await textOf(page.getByTestId('kpi-projects'))))
      .toBeLessThan(before);
    const red = Number(await textOf(page.getByTestId('kpi-projects')));
    await expect.poll(() => page.getByTestId('dashboard-projects').locator('tbody tr').count()).toBe(red);
    const href = await page.getByTestId('export-xlsx').getAttribute('href');
    expect(href).toContain('/api/v1/dashboard/export.xlsx');
    expect(href).toContain('health=red');
    const download = await page.request.get(href as string);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toContain('spreadsheetml');
    await shoot('04-filtered-red');
  });

  it('shows the same dashboard for a business unit, rolled up by portfolio', async () => {
    const { page } = session;
    await page.goto('/');
    await page.getByTestId('children-table').getByRole('link', { name: 'Digital & Technology' }).click();
    await waitForRoute(page, /\/business-units\/[0-9a-f-]+$/);
    await page.getByTestId('tab-dashboard').click();
    const children = page.getByTestId('children-table');
    await children.getByText('Portfolio', { exact: true }).waitFor();
    await expect.poll(() => children.locator('tbody tr').count()).toBeGreaterThanOrEqual(1);
    await expect.poll(async () => Number(await textOf(page.getByTestId('kpi-projects')))).toBeGreaterThan(0);
    await page.getByTestId('s-curve-chart').locator('canvas').waitFor();
    await shoot('05-business-unit');
    expect(session.pageErrors).toEqual([]);
  });
});
