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

const PROGRAM_MANAGER = { email: 'grace.liu@northwind.example', password: 'orrery-demo' };

const title = hasChromium
  ? 'change requests in a real browser'
  : `change requests in a real browser — SKIPPED: ${CHROMIUM} is absent (install Debian's chromium to run it)`;

describe.skipIf(!hasChromium)(title, () => {
  const session = browserSession({ failurePrefix: 'changes-failed', signIn: PROGRAM_MANAGER });
  const pageErrors = session.pageErrors;
  let h: Harness;
  let page: Page;
  beforeAll(() => {
    ({ h, page } = session);
  });

  async function idOf(collection: string, query: string): Promise<string> {
    const res = await page.request.get(`/api/v1/${collection}?pageSize=1&${query}`);
    return ((await res.json()) as { items: { id: string }[] }).items[0]!.id;
  }

  it("lists a project's requests and shows a slip's impact crossing into the linked project", async () => {
    await page.goto(`/projects/${await idOf('projects', 'q=CP-105')}`);
    await page.getByTestId('tab-changes').click();
    const table = page.getByTestId('change-requests');
    await table.getByText('Extend portal build for the accessibility audit').waitFor();
    expect(await table.locator('tbody tr').count()).toBe(2);
    await page.getByTestId('decision-log').waitFor();
    await snap(page, 'changes-01-project-list');

    await table.getByText('Extend portal build for the accessibility audit').click();
    const impact = page.getByTestId('impact-projects');
    await impact.waitFor();
    const rows = await impact.locator('tbody tr').allTextContents();
    expect(rows.find((r) => r.includes('CP-105'))).toContain('+5 d');
    // The identity project's go-live readiness follows the portal build across the link.
    expect(rows.find((r) => r.includes('CP-106'))).toMatch(/\+\d+ d/);
    expect(await textOf(page.getByTestId('cr-detail-status'))).toBe('Under review');
    await page.getByTestId('approve').waitFor();
    // Recomputing on today's plan gives the same answer: nothing moved since the request was raised.
    await page.getByTestId('recompute').click();
    await page.getByTestId('recompute').and(page.locator(':not([data-loading])')).waitFor();
    expect(await impact.locator('tbody tr').allTextContents()).toEqual(rows);
    await snap(page, 'changes-02-impact-under-review');
    await page.keyboard.press('Escape');
  });

  it('raises a request with a plan change, sees its impact, reviews and approves it', async () => {
    await page.getByTestId('new-change-request').click();
    await page.getByTestId('cr-title').fill('Longer portal design');
    await page.getByTestId('cr-reason').fill('Two more personas to cover.');
    await page.getByTestId('cr-cost').fill('9000');
    await page.getByTestId('add-operation').click();
    await page.getByTestId('add-update_task').click();
    const operation = page.getByTestId('operation-0');
    await operation.getByTestId('op-task').click();
    await page.getByRole('option', { name: 'Portal design', exact: true }).click();
    await operation.getByTestId('op-duration').fill('12');
    await snap(page, 'changes-03-form');
    await page.getByTestId('form-submit').click();

    const detail = page.getByTestId('impact-projects');
    await detail.waitFor();
    expect((await detail.locator('tbody tr').allTextContents()).find((r) => r.includes('CP-105'))).toContain(
      '+2 d',
    );
    await page.getByTestId('start-review').click();
    await page.getByTestId('approve').waitFor();
    await page.getByTestId('decision-note').fill('Approved at the board.');
    await page.getByTestId('approve').click();
    await page.getByTestId('cr-detail-status').filter({ hasText: 'Approved' }).waitFor();
    expect(await page.getByTestId('decision-log').last().locator('.mantine-Timeline-item').count()).toBe(3);
    await snap(page, 'changes-04-approved');
    await page.keyboard.press('Escape');

    // The plan itself changed: the design task now lasts twelve days.
    const projectId = await idOf('projects', 'q=CP-105');
    const tasks = (await (await page.request.get(`/api/v1/projects/${projectId}/tasks`)).json()) as {
      items: { name: string; durationMinutes: number }[];
    };
    expect(tasks.items.find((t) => t.name === 'Portal design')?.durationMinutes).toBe(12 * 480);
  });

  it("shows a program's own requests beside its projects'", async () => {
    await page.goto(`/programs/${await idOf('programs', 'q=Customer')}`);
    await page.getByTestId('tab-changes').click();
    const table = page.getByTestId('change-requests');
    await table.getByText('Launch the portal only once identity is ready').waitFor();
    expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(6);
    await snap(page, 'changes-05-program');
    // A program change goes to the PMO: the program manager sees it but may not take it up.
    await table.getByText('Launch the portal only once identity is ready').click();
    await page.getByTestId('impact-projects').waitFor();
    expect(await page.getByTestId('start-review').count()).toBe(0);
    await snap(page, 'changes-06-program-request');
    await page.keyboard.press('Escape');
  });

  it('refuses a request on a closed project with a clear error', async () => {
    // The PMO sees every project, the closed ones too.
    const admin = await h.browser.newContext({ baseURL: h.baseUrl });
    const adminPage = await admin.newPage();
    await login(adminPage, h.admin.email, h.admin.password);
    await waitForRoute(adminPage, `${h.baseUrl}/`);
    const found = await adminPage.request.get('/api/v1/projects?pageSize=1&q=IT-504');
    const closedId = ((await found.json()) as { items: { id: string }[] }).items[0]!.id;
    const res = await adminPage.request.post(`/api/v1/projects/${closedId}/change-requests`, {
      data: { title: 'Too late' },
    });
    expect(res.status()).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/project "IT-504 .*" is closed/);
    await admin.close();
    expect(pageErrors).toEqual([]);
  });
});
