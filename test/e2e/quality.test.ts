import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/services/access.ts';
import { listProjects } from '../../src/services/projects.ts';
import { browserSession, CHROMIUM, type Harness, hasChromium, snap, waitForRoute } from './harness.ts';

const SHOTS = '/tmp/shots-quality';

const title = hasChromium
  ? 'quality, maturity, stakeholders and announcements in a real browser'
  : `quality, maturity, stakeholders and announcements in a real browser — SKIPPED: ${CHROMIUM} is absent`;

describe.skipIf(!hasChromium)(title, () => {
  const session = browserSession({ failurePrefix: 'quality-failed' });
  let h: Harness;
  let page: Page;
  /** Where the screenshots are looked at, besides the suite's own folder. */
  const shot = async (name: string) => {
    await snap(page, name);
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  };
  beforeAll(() => {
    ({ h, page } = session);
    mkdirSync(SHOTS, { recursive: true });
  });

  it('rolls compliance up per portfolio and program', async () => {
    await page.getByRole('link', { name: 'Quality', exact: true }).click();
    await waitForRoute(page, /\/quality$/);
    const portfolios = page.getByTestId('portfolio-compliance');
    await expect
      .poll(() => portfolios.getByTestId('compliance-badge').count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await expect.poll(() => portfolios.getByText('At risk').count()).toBeGreaterThan(0);
    await page.getByTestId('standards').getByText('QS-GOV').waitFor();
    await shot('quality-01-rollup');
  });

  it('shows each project manager with the oversight their level earns, and refuses an incomplete assessment', async () => {
    await page.getByRole('link', { name: 'Maturity', exact: true }).click();
    await waitForRoute(page, /\/maturity$/);
    const managers = page.getByTestId('managers');
    await managers.getByTestId('oversight-badge').getByText('intensive').first().waitFor();
    await managers.getByTestId('oversight-badge').getByText('light').first().waitFor();
    await page.getByTestId('level-history').locator('canvas').waitFor();
    await page
      .getByTestId('mentoring')
      .getByText(/Baseline and status the schedule/)
      .waitFor();
    await page.getByTestId('oversight-policy').getByRole('button', { name: 'Save policy' }).waitFor();
    await shot('quality-02-maturity');

    // Someone never assessed, so the project shown below keeps its manager's level.
    await managers
      .getByRole('row')
      .filter({ hasText: 'never' })
      .first()
      .getByRole('button', { name: 'Assess' })
      .click();
    const modal = page.getByRole('dialog');
    await modal.getByText('Integration', { exact: true }).waitFor();
    const scales = modal.locator('[data-testid^="answer-"]');
    const count = await scales.count();
    expect(count).toBe(8);
    for (let i = 0; i < count - 1; i++) await scales.nth(i).getByText('4', { exact: true }).click();
    await modal.getByTestId('save-assessment').click();
    await modal.getByText(/question 8 .* is not answered/).waitFor();
    await shot('quality-03-missing-answer');
    await scales
      .nth(count - 1)
      .getByText('5', { exact: true })
      .click();
    await modal.getByTestId('save-assessment').click();
    await modal.waitFor({ state: 'hidden' });
  });

  it("shows a project's quality: compliance, audits with their checklists, findings and actions", async () => {
    const projects = await listProjects(
      h.db,
      systemActor((await h.db.query<{ id: string }>('SELECT id FROM organizations'))[0].id),
      {
        page: 1,
        pageSize: 1,
        order: 'asc',
        sort: 'code',
      },
    );
    const project = projects.items[0];
    await page.goto(`/projects/${project.id}`);
    await page.getByTestId('tab-quality').click();
    const quality = page.getByTestId('project-quality');
    await quality.getByTestId('compliance-badge').waitFor();
    await quality.getByTestId('oversight-badge').getByText('intensive').waitFor();
    await quality.getByText('PMO quarterly audit').click();
    await quality.getByText('Risk register reviewed this month').waitFor();
    await expect.poll(() => page.getByTestId('findings').getByText('Overdue').count()).toBeGreaterThan(0);
    await shot('quality-04-project-quality');

    await page.getByTestId('tab-stakeholders').click();
    const register = page.getByTestId('stakeholder-register');
    await register.getByText('Works council').waitFor();
    await page.getByTestId('stakeholder-name').fill('Regulator');
    await page.getByTestId('add-stakeholder').click();
    await register.getByText('Regulator').waitFor();
    await page.getByTestId('stakeholder-grid').locator('canvas').waitFor();
    await page.getByTestId('communication-plans').getByText('Steering committee').waitFor();
    await shot('quality-05-stakeholders');
  });

  it('sends an announcement that lands in notifications, and shows the outbox', async () => {
    await page.getByRole('link', { name: 'Announcements', exact: true }).click();
    await waitForRoute(page, /\/announcements$/);
    await page.getByTestId('announce-title').fill('Gate reviews move to Thursdays');
    await page
      .getByTestId('announce-body')
      .fill('From next month every gate review is held on Thursday mornings.');
    await page.getByText('Also send by e-mail').click();
    await page.getByTestId('announce-send').click();
    await page.getByTestId('announcement-list').getByText('Gate reviews move to Thursdays').waitFor();
    await shot('quality-06-announcements');
    await page.getByTestId('tab-outbox').click();
    await expect
      .poll(() => page.getByTestId('outbox').getByText('Gate reviews move to Thursdays').count(), {
        timeout: 20_000,
      })
      .toBeGreaterThan(3);
    await page
      .getByTestId('mail-server')
      .getByText(/No mail server is set|Mail goes through/)
      .waitFor();
    await page
      .getByTestId('outbox')
      .getByText(/550 5\.1\.1/)
      .waitFor();
    await shot('quality-07-outbox');
    expect(session.pageErrors).toEqual([]);
  });
});
