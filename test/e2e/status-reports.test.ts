import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  browserSession,
  CHROMIUM,
  hasChromium,
  login,
  newPage,
  snap,
  textOf,
  waitForRoute,
} from './harness.ts';

// Grace Liu runs the Customer Platform program: she reviews its projects' reports and sees who is late.
const PROGRAM_MANAGER = { email: 'grace.liu@northwind.example', password: 'orrery-demo' };

const title = hasChromium
  ? 'status reports in a real browser'
  : `status reports in a real browser — SKIPPED: ${CHROMIUM} is absent (install Debian's chromium to run it)`;

describe.skipIf(!hasChromium)(title, () => {
  const session = browserSession({ failurePrefix: 'status-failed', signIn: PROGRAM_MANAGER });
  let page: Page;
  beforeAll(() => {
    ({ page } = session);
  });

  async function projectId(code: string): Promise<string> {
    const res = await page.request.get(`/api/v1/projects?pageSize=1&q=${code}`);
    return ((await res.json()) as { items: { id: string }[] }).items[0]!.id;
  }

  it('lists reports awaiting review and the late projects of the program', async () => {
    await page.getByRole('link', { name: 'Status reports', exact: true }).click();
    await waitForRoute(page, /\/reports$/);
    const awaiting = page.getByTestId('awaiting-reports');
    await awaiting.getByText('CP-101 · Customer portal rebuild').waitFor();
    // Only the program's own projects: nothing of the other programs reaches Grace's queue.
    await expect
      .poll(async () =>
        (await awaiting.locator('tbody tr').allTextContents()).every((r) => r.startsWith('CP-')),
      )
      .toBe(true);
    await snap(page, 'status-01-awaiting-review');
    await page.getByTestId('tab-late').click();
    const late = page.getByTestId('late-reports');
    await late.getByText(/^CP-105/).waitFor();
    await expect.poll(() => late.locator('tbody tr').count()).toBe(1);
    await snap(page, 'status-02-late-reports');
  });

  it('reviews a report whose ratings disagree with the data, with a comment thread', async () => {
    await page.getByTestId('tab-awaiting').click();
    await page.getByTestId('awaiting-reports').getByText('CP-101 · Customer portal rebuild').click();
    const view = page.getByTestId('report-view');
    await view.waitFor();
    const ratings = view.getByTestId('report-ratings');
    await expect.poll(() => ratings.locator('[data-disagrees="true"]').count()).toBeGreaterThan(0);
    expect(await textOf(view.getByTestId('disagreement'))).toMatch(
      /^Disagrees: self-assessed (green|amber), but /,
    );
    await page
      .getByTestId('comment-body')
      .fill('The schedule is red in the data: what is the recovery plan?');
    await page.getByTestId('send-comment').click();
    await view.getByTestId('comment').getByText('what is the recovery plan?', { exact: false }).waitFor();
    await snap(page, 'status-03-review-with-disagreement');
    await page.getByTestId('review-note').fill('Accepted; bring the recovery plan to the board.');
    await page.getByTestId('mark-reviewed').click();
    await expect.poll(() => textOf(view.getByTestId('report-status'))).toBe('reviewed');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('awaiting-reports').getByText('CP-101').count()).toBe(0);
  });

  it("shows a late project's status tab and writes and submits its report", async () => {
    await page.goto(`/projects/${await projectId('CP-105')}`);
    await page.getByTestId('tab-status').click();
    await page.getByTestId('late-alert').waitFor();
    const latest = page.getByTestId('latest-report');
    await latest.getByTestId('report-ratings').waitFor();
    await expect.poll(() => page.getByTestId('report-history').locator('tbody tr').count()).toBe(4);
    await snap(page, 'status-04-project-tab-late');

    await page.getByTestId('new-report').click();
    for (const field of ['overallRag', 'costRag', 'scopeRag', 'resourcesRag', 'riskRag', 'qualityRag'])
      await page.getByTestId(`rag-${field}`).getByText('Amber', { exact: true }).click();
    await page.getByTestId('rag-scheduleRag').getByText('Green', { exact: true }).click();
    await page.getByTestId('text-narrative').fill('Vendor delivered the gateway; two milestones still open.');
    await page.getByTestId('text-decisionsNeeded').fill('Approve a two-week extension of the pilot.');
    await snap(page, 'status-05-new-report-form');
    await page.getByTestId('form-submit').click();
    await expect.poll(() => textOf(latest.getByTestId('report-status'))).toBe('draft');
    await latest.getByTestId('submit-report').click();
    await expect.poll(() => textOf(latest.getByTestId('report-status'))).toBe('awaiting review');
    // Schedule rated green while milestones are late in the plan: flagged, with the reason.
    await expect
      .poll(() => latest.getByTestId('rating-schedule').getAttribute('data-disagrees'))
      .toBe('true');
    await expect.poll(() => page.getByTestId('late-alert').count()).toBe(0);
    await snap(page, 'status-06-submitted-report');
    expect(session.pageErrors).toEqual([]);
  });

  it('lets the organization PMO change the indicator thresholds', async () => {
    const { context, page: admin } = await newPage(session.h);
    try {
      await login(admin, session.h.admin.email, session.h.admin.password);
      await waitForRoute(admin, (url) => !url.pathname.startsWith('/login'));
      await admin.goto('/reports');
      await admin.getByTestId('tab-thresholds').click();
      const spiRed = admin.getByTestId('threshold-spiRed');
      await expect.poll(() => spiRed.inputValue()).toBe('0.9');
      await spiRed.fill('0.97');
      await admin.getByTestId('save-thresholds').click();
      // Red above amber is refused, naming the field.
      await admin.getByText('must not be above spiAmber (0.95): red is the worse band').waitFor();
      await spiRed.fill('0.85');
      await admin.getByTestId('save-thresholds').click();
      await admin.getByText('Saved.').waitFor();
      await snap(admin, 'status-07-thresholds');
      const saved = await admin.request.get('/api/v1/status-thresholds');
      expect(((await saved.json()) as { spiRed: number }).spiRed).toBe(0.85);
    } finally {
      await context.close();
    }
  });
});
