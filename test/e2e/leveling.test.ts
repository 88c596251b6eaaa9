import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/services/access.ts';
import { previewLeveling } from '../../src/services/leveling.ts';
import { createTask } from '../../src/services/planning.ts';
import { makeProject } from '../support/factories.ts';
import { insertAssignment, insertResource } from '../support/leveling-fixtures.ts';
import {
  CHROMIUM,
  type Harness,
  hasChromium,
  login,
  newPage,
  snap,
  startHarness,
  textOf,
  waitForRoute,
} from './harness.ts';

const VIEWER = { email: 'amara.okafor@northwind.example', password: 'orrery-demo' };

const title = hasChromium
  ? 'resource leveling on the Gantt in a real browser'
  : `resource leveling on the Gantt in a real browser — SKIPPED: ${CHROMIUM} is absent`;

interface Columns {
  tasks: { id: string[]; name: string[]; start: (number | null)[] };
}

describe.skipIf(!hasChromium)(title, () => {
  let h: Harness;
  let context: BrowserContext;
  let page: Page;
  let projectId: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
    ({ context, page } = await newPage(h));
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await login(page, h.admin.email, h.admin.password);
    await waitForRoute(page, `${h.baseUrl}/`);
    const res = await page.request.get('/api/v1/projects?q=CP-104&pageSize=1');
    projectId = ((await res.json()) as { items: { id: string }[] }).items[0].id;
  });

  afterEach(async (test) => {
    if (test.task.result?.state === 'fail' && page) {
      const name = test.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
      await snap(page, `failed-leveling-${name}`).catch(() => {});
    }
  });

  afterAll(async () => {
    await context?.close();
    await h?.close();
  });

  async function starts(): Promise<Map<string, number | null>> {
    const res = await page.request.get(`/api/v1/projects/${projectId}/gantt/columns`);
    const columns = (await res.json()) as Columns;
    return new Map(columns.tasks.name.map((name, i) => [name, columns.tasks.start[i]]));
  }

  const panel = () => page.getByTestId('leveling-panel');

  it('previews leveling: ghost bars where tasks would go, what moves, why, and the finish change', async () => {
    await page.goto(`/projects/${projectId}/gantt`);
    await page.locator('[data-testid=gantt-bars] [data-name="Architecture and data model"]').waitFor();
    await page.getByTestId('level-resources').click();
    // The demo left one preview in the history.
    await panel().getByTestId('leveling-history').locator('[data-run-status=preview]').first().waitFor();
    await panel().getByTestId('leveling-preview').click();
    await panel().getByTestId('leveling-result').waitFor();
    expect(await panel().getByTestId('leveling-status').textContent()).toBe('preview');
    const moved = await panel().locator('[data-moved-task]').count();
    expect(moved).toBeGreaterThan(3);
    expect(await page.getByTestId('leveling-ghost').count()).toBeGreaterThan(0);
    expect(await textOf(panel().getByTestId('leveling-summary'))).toMatch(
      /over-allocated resource-days \d+ → 0/,
    );
    expect(await textOf(panel().locator('[data-moved-task]').first())).toMatch(/CREW-|follows/);
    expect(await textOf(panel().getByTestId('leveling-finish'))).toMatch(/^Finish .+ → .+/);
    await snap(page, 'leveling-01-preview');
    await page
      .getByTestId('gantt-scroller')
      .screenshot({ path: 'test/e2e/screenshots/leveling-01b-ghosts.png' });
  });

  it('applies the preview: the bars move to the ghosts, and undo from the history puts them back', async () => {
    const before = await starts();
    await panel().getByTestId('leveling-apply').click();
    await expect.poll(async () => panel().getByTestId('leveling-status').textContent()).toBe('applied');
    await expect
      .poll(async () => [...(await starts())].filter(([name, start]) => before.get(name) !== start).length)
      .toBeGreaterThan(3);
    expect(await page.getByTestId('leveling-ghost').count()).toBe(0);
    await snap(page, 'leveling-02-applied');
    await panel().getByTestId('history-undo').first().click();
    await expect.poll(async () => panel().getByTestId('leveling-status').textContent()).toBe('undone');
    await expect
      .poll(async () => [...(await starts())].every(([name, start]) => before.get(name) === start))
      .toBe(true);
    await snap(page, 'leveling-03-undone');
  });

  it('discards a preview, which then leaves the plan and the chart as they were', async () => {
    await panel().getByTestId('leveling-within-slack').click();
    await panel().getByTestId('leveling-preview').click();
    await expect.poll(async () => panel().getByTestId('leveling-status').textContent()).toBe('preview');
    await panel().getByTestId('leveling-discard').click();
    await expect.poll(async () => panel().getByTestId('leveling-status').textContent()).toBe('discarded');
    await expect.poll(() => page.getByTestId('leveling-ghost').count()).toBe(0);
    // The run history is refetched after the discard; poll rather than read it once.
    await expect.poll(() => panel().locator('[data-run-status=discarded]').count()).toBe(1);
    expect(pageErrors).toEqual([]);
  });

  it("pages a large run's moved tasks, and the ghost bars follow the page shown", async () => {
    // Sixty one-day tasks wanting one crew at once: leveling queues 59 of them behind each other.
    const [{ orgId }] = await h.db.query<{ orgId: string }>(
      'SELECT org_id AS "orgId" FROM projects WHERE id = $1',
      [projectId],
    );
    const system = systemActor(orgId);
    const queue = await makeProject(h.db, orgId, { code: 'LV-QUEUE' });
    const crew = await insertResource(h.db, orgId, { code: 'CREW-QUEUE', name: 'Queue crew' });
    for (let i = 1; i <= 60; i++) {
      const task = await createTask(h.db, system, queue.id, { name: `Job ${i}`, durationMinutes: 480 });
      await insertAssignment(h.db, orgId, { taskId: task.id, resourceId: crew });
    }
    await previewLeveling(h.db, system, { scopeType: 'project', scopeId: queue.id, schedules: 10 });
    await page.goto(`/projects/${queue.id}/gantt`);
    await page.locator('[data-testid=gantt-bars] [data-name="Job 1"]').waitFor();
    await page.getByTestId('level-resources').click();
    await panel().getByTestId('leveling-history').getByRole('button', { name: 'Show' }).first().click();
    await panel().getByTestId('leveling-result').waitFor();
    expect(await textOf(panel().getByTestId('leveling-summary'))).toMatch(/^59 tasks move/);
    expect(await panel().locator('[data-moved-task]').count()).toBe(50);
    expect(await textOf(panel().getByTestId('leveling-page-range'))).toMatch(/^Tasks 1–50 of 59/);
    // Job 2 moves on the first page, and its row is on screen: its ghost shows with that page only.
    const ghostOfJob2 = page.locator('[data-testid=leveling-ghost][data-ghost-of="Job 2"]');
    expect(await panel().locator('[data-moved-task="Job 2"]').count()).toBe(1);
    await expect.poll(() => ghostOfJob2.count()).toBe(1);
    await panel().getByTestId('leveling-pages').getByRole('button', { name: '2' }).click();
    await expect.poll(() => panel().locator('[data-moved-task]').count()).toBe(9);
    expect(await textOf(panel().getByTestId('leveling-page-range'))).toMatch(/^Tasks 51–59 of 59/);
    await expect.poll(() => ghostOfJob2.count()).toBe(0);
    await snap(page, 'leveling-04-second-page');
    expect(pageErrors).toEqual([]);
  });

  it('offers no leveling to a reader', async () => {
    const other = await h.browser.newContext({ baseURL: h.baseUrl, viewport: { width: 1440, height: 900 } });
    try {
      const p = await other.newPage();
      await login(p, VIEWER.email, VIEWER.password);
      await waitForRoute(p, `${h.baseUrl}/`);
      await p.goto(`/projects/${projectId}/gantt`);
      await p.locator('[data-testid=gantt-bars] [data-name="Architecture and data model"]').waitFor();
      expect(await p.getByTestId('level-resources').count()).toBe(0);
    } finally {
      await other.close();
    }
  });
});
