import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  browserSession,
  CHROMIUM,
  type Harness,
  hasChromium,
  login,
  snap,
  textOf,
  waitForRoute,
} from './harness.ts';

const VIEWER = { email: 'amara.okafor@northwind.example', password: 'orrery-demo' };

const title = hasChromium
  ? 'the Gantt chart in a real browser'
  : `the Gantt chart in a real browser — SKIPPED: ${CHROMIUM} is absent`;

interface Columns {
  tasks: { id: string[]; name: string[]; finish: (number | null)[] };
  links: { id: string[] };
}

describe.skipIf(!hasChromium)(title, () => {
  const session = browserSession({ failurePrefix: 'failed-gantt' });
  const pageErrors = session.pageErrors;
  let h: Harness;
  let page: Page;
  beforeAll(() => {
    ({ h, page } = session);
  });
  let projectId: string;
  beforeAll(async () => {
    const res = await page.request.get('/api/v1/projects?q=CP-101&pageSize=1');
    projectId = ((await res.json()) as { items: { id: string }[] }).items[0].id;
  });

  async function columns(): Promise<Columns> {
    const res = await page.request.get(`/api/v1/projects/${projectId}/gantt/columns`);
    return (await res.json()) as Columns;
  }

  const bar = (name: string) => page.locator(`[data-testid=gantt-bars] [data-name="${name}"]`);

  it('shows the project plan as a Gantt: WBS, bars, links, the critical path and the today line', async () => {
    await page.goto(`/projects/${projectId}`);
    await page.getByTestId('gantt-tab').click();
    await bar('Service requests and tracking').waitFor();
    expect(await page.locator('[data-testid=gantt-bars] .gantt-bar').count()).toBeGreaterThanOrEqual(15);
    expect(await page.locator('[data-testid=gantt-bars] .gantt-link').count()).toBeGreaterThanOrEqual(10);
    expect(
      await page.locator('[data-testid=gantt-bars] .gantt-bar[data-critical=true]').count(),
    ).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=gantt-bars] [data-kind=milestone]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=gantt-bars] [data-kind=summary]').count()).toBe(4);
    expect(await textOf(page.getByTestId('gantt-count'))).toMatch(/18 tasks/);
    await page.getByTestId('today-line').waitFor({ state: 'attached' });
    await page.getByTestId('status-line').waitFor({ state: 'attached' });
    await snap(page, 'gantt-01-project-tab');
  });

  it('draws the chosen baseline beneath the bars', async () => {
    await page.getByTestId('gantt-baseline').click();
    await page.getByRole('option', { name: 'Baseline 0: Approved plan' }).click();
    await page.locator('[data-baseline=true]').first().waitFor();
    expect(await page.locator('[data-baseline=true]').count()).toBeGreaterThanOrEqual(15);
    await page
      .getByTestId('gantt-scroller')
      .screenshot({ path: 'test/e2e/screenshots/gantt-02-baseline.png' });
  });

  it('edits a duration in the task form and the engine moves the finish', async () => {
    const row = page.locator('[data-task-row="User acceptance testing"]');
    const before = await textOf(row.locator('[data-cell=finish]'));
    await row.dblclick();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('Duration (working days)').waitFor();
    await drawer.getByLabel('Duration (working days)').fill('30');
    await snap(page, 'gantt-03-task-form');
    await drawer.getByTestId('task-save').click();
    await drawer.waitFor({ state: 'hidden' });
    await expect.poll(() => textOf(row.locator('[data-cell=duration]'))).toBe('30 d');
    expect(await textOf(row.locator('[data-cell=finish]'))).not.toBe(before);
  });

  it('moves a task by dragging its bar (Start No Earlier Than at the dropped date)', async () => {
    const target = bar('Accessibility audit').locator('[data-bar]');
    await target.scrollIntoViewIfNeeded();
    const box = (await target.boundingBox())!;
    const index = (await columns()).tasks.name.indexOf('Accessibility audit');
    const startBefore = ((await columns()) as unknown as { tasks: { start: number[] } }).tasks.start[index];
    await page.mouse.move(box.x + box.width / 3, box.y + box.height / 2);
    await page.mouse.down();
    for (let step = 1; step <= 8; step++) await page.mouse.move(box.x + box.width / 3 + step * 12, box.y + 6);
    await page.getByTestId('drag-preview').waitFor();
    await snap(page, 'gantt-04-dragging');
    await page.mouse.up();
    await expect
      .poll(async () => ((await columns()) as unknown as { tasks: { start: number[] } }).tasks.start[index])
      .toBeGreaterThan(startBefore);
    const id = (await columns()).tasks.id[index];
    const task = (await (await page.request.get(`/api/v1/tasks/${id}`)).json()) as { constraintType: string };
    expect(task.constraintType).toBe('SNET');
  });

  it('links two tasks by dragging from the end of one bar onto another', async () => {
    const linksBefore = (await columns()).links.id.length;
    // Months fit both bars, handle and all, in the view.
    await page.getByTestId('gantt-zoom').getByText('Months', { exact: true }).click();
    await page.getByTestId('gantt-scroller').evaluate((el) => {
      el.scrollLeft = 0;
    });
    const from = bar('Visual design system');
    await from.locator('[data-bar]').hover();
    const handle = from.getByTestId('link-handle');
    const hb = (await handle.boundingBox())!;
    const tb = (await bar('Billing and invoices').locator('[data-bar]').boundingBox())!;
    await page.mouse.move(hb.x + hb.width / 2, hb.y + hb.height / 2);
    await page.mouse.down();
    for (let step = 1; step <= 10; step++)
      await page.mouse.move(
        hb.x + ((tb.x + tb.width / 2 - hb.x) * step) / 10,
        hb.y + ((tb.y + tb.height / 2 - hb.y) * step) / 10,
      );
    await snap(page, 'gantt-05-linking');
    await page.mouse.up();
    await expect.poll(async () => (await columns()).links.id.length).toBe(linksBefore + 1);
  });

  it('zooms from days to quarters', async () => {
    for (const zoom of ['Days', 'Months', 'Quarters']) {
      await page.getByTestId('gantt-zoom').getByText(zoom, { exact: true }).click();
      await bar('Service requests and tracking').waitFor();
    }
    await page.getByTestId('gantt-zoom').getByText('Days', { exact: true }).click();
    await page.getByRole('button', { name: 'Today' }).click();
    await page.goto(`/projects/${projectId}/gantt`);
    await bar('Service requests and tracking').waitFor();
    await snap(page, 'gantt-06-full-page');
  });

  it('shows a program’s projects on one timeline with the links between them', async () => {
    const res = await page.request.get('/api/v1/programs?q=Customer%20Platform&pageSize=1');
    const programId = ((await res.json()) as { items: { id: string }[] }).items[0].id;
    await page.goto(`/programs/${programId}/gantt`);
    await page.locator('[data-project-bar="CP-101"]').waitFor();
    await snap(page, 'gantt-07-program-folded');
    await page.getByRole('button', { name: 'Expand all' }).click();
    await bar('SSO go-live').waitFor();
    expect(await page.locator('[data-testid=gantt-bars] .gantt-link').count()).toBeGreaterThanOrEqual(10);
    await snap(page, 'gantt-08-program-expanded');
    expect(pageErrors).toEqual([]);
  });

  it('shows a reader the chart without edit handles', async () => {
    const other = await h.browser.newContext({ baseURL: h.baseUrl, viewport: { width: 1440, height: 900 } });
    try {
      const p = await other.newPage();
      await login(p, VIEWER.email, VIEWER.password);
      await waitForRoute(p, `${h.baseUrl}/`);
      await p.goto(`/projects/${projectId}/gantt`);
      await p.locator('[data-testid=gantt-bars] [data-name="Billing and invoices"]').waitFor();
      expect(await p.getByTestId('link-handle').count()).toBe(0);
      expect(await p.locator('.gantt-bar[data-readonly=false]').count()).toBe(0);
    } finally {
      await other.close();
    }
  });
});
