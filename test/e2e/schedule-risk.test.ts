import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSession, CHROMIUM, hasChromium, snap, textOf } from './harness.ts';

const title = hasChromium
  ? 'schedule risk in a real browser'
  : `schedule risk in a real browser — SKIPPED: ${CHROMIUM} is absent (install Debian's chromium to run it)`;

describe.skipIf(!hasChromium)(title, () => {
  const session = browserSession({ failurePrefix: 'failed-risk' });
  const pageErrors = session.pageErrors;
  let page: Page;
  beforeAll(() => {
    ({ page } = session);
  });

  async function projectId(code: string): Promise<string> {
    const res = await page.request.get(`/api/v1/projects?q=${code}&pageSize=5`);
    const body = (await res.json()) as { items: { id: string; code: string }[] };
    return body.items.find((p) => p.code === code)!.id;
  }

  it('shows the estimates and the seeded run of a project with its charts', async () => {
    await page.goto(`/projects/${await projectId('GM-301')}`);
    await page.getByRole('tab', { name: 'Schedule risk' }).click();
    await page.getByTestId('estimates-table').waitFor();
    await page.getByTestId('risk-histogram').locator('canvas').waitFor();
    await page.getByTestId('risk-s-curve').locator('canvas').waitFor();
    await page.getByTestId('risk-tornado').locator('canvas').waitFor();
    const summary = await textOf(page.getByTestId('risk-summary'));
    expect(summary).toMatch(/P50 \d{4}-\d{2}-\d{2}/);
    expect(summary).toMatch(/Target 2026-08-31/);
    const rows = await page.getByTestId('risk-criticality').locator('tbody tr').count();
    expect(rows).toBeGreaterThan(3);
    await snap(page, 'risk-01-project');
  });

  it('runs a new simulation with a target date and shows it', async () => {
    await page.getByTestId('target-date').fill('2026-10-30');
    await page.getByTestId('run-simulation').click();
    await page.getByText(/Target 2026-10-30/).waitFor();
    await page.getByTestId('simulation-runs').locator('tbody tr').nth(1).waitFor();
    expect(await page.getByTestId('simulation-runs').locator('tbody tr').count()).toBe(2);
    await snap(page, 'risk-02-project-new-run');
  });

  it('simulates the whole program', async () => {
    const res = await page.request.get('/api/v1/programs?q=Grid%20Modernization&pageSize=5');
    const program = ((await res.json()) as { items: { id: string }[] }).items[0]!;
    await page.goto(`/programs/${program.id}`);
    await page.getByRole('tab', { name: 'Schedule risk' }).click();
    await page.getByTestId('risk-histogram').locator('canvas').waitFor();
    // project names arrive with their own request, after the results
    await page
      .getByTestId('risk-projects')
      .getByText(/GM-301/)
      .waitFor();
    const projects = await textOf(page.getByTestId('risk-projects'));
    expect(projects).toContain('GM-301');
    expect(projects).toContain('GM-302');
    await snap(page, 'risk-03-program');
    expect(pageErrors).toEqual([]);
  });
});
