import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  browserSession,
  CHROMIUM,
  type Harness,
  hasChromium,
  login,
  newPage,
  snap,
  textOf,
  waitForRoute,
} from './harness.ts';

const PROGRAM_MANAGER = { email: 'grace.liu@northwind.example', password: 'orrery-demo' };

const title = hasChromium
  ? 'risks, issues and escalation in a real browser'
  : `risks, issues and escalation in a real browser — SKIPPED: ${CHROMIUM} is absent`;

describe.skipIf(!hasChromium)(title, () => {
  const session = browserSession({ failurePrefix: 'risks-failed', signIn: null });
  const pageErrors = session.pageErrors;
  let h: Harness;
  let page: Page;
  beforeAll(() => {
    ({ h, page } = session);
  });

  it('shows the top risks on the overview', async () => {
    await login(page, h.admin.email, h.admin.password);
    await waitForRoute(page, `${h.baseUrl}/`);
    const top = page.getByTestId('top-risks');
    await top
      .getByText(/^R-\d+/)
      .first()
      .waitFor();
    expect(await top.getByRole('row').count()).toBe(8);
    await snap(page, 'risks-01-overview-top-risks');
  });

  it('shows the register with its heat map, and lists a cell when clicked', async () => {
    await page.getByRole('link', { name: 'Risks', exact: true }).click();
    await waitForRoute(page, /\/risks$/);
    const map = page.getByTestId('heat-map');
    await map.getByText(/· \d+ risks/).waitFor();
    const total = Number((await textOf(map.getByText(/· \d+ risks/))).match(/(\d+) risks/)![1]);
    expect(total).toBeGreaterThanOrEqual(20);
    await page
      .getByTestId('risks-table')
      .getByText(/^R-\d+$/)
      .first()
      .waitFor();
    await snap(page, 'risks-02-register');

    // The busiest cell: its count is the number of rows the filtered register shows.
    const cells = map.locator('[data-testid^="heat-cell-"]');
    let best = { id: '', count: 0 };
    for (const cell of await cells.all()) {
      const count = Number((await cell.textContent()) || 0);
      if (count > best.count) best = { id: (await cell.getAttribute('data-testid'))!, count };
    }
    expect(best.count).toBeGreaterThan(0);
    await page.getByTestId(best.id).click();
    await page.getByTestId('clear-cell').waitFor();
    await expect
      .poll(async () =>
        page
          .getByTestId('risks-table')
          .getByText(/^R-\d+$/)
          .count(),
      )
      .toBe(best.count);
    await snap(page, 'risks-03-register-cell');
    await page.getByTestId('clear-cell').click();

    // The category filter narrows the list and the heat map alike.
    await page
      .getByRole('textbox', { name: 'Category' })
      .or(page.getByRole('combobox', { name: 'Category' }))
      .click();
    await page.getByRole('option', { name: 'EXT.SUP Suppliers' }).click();
    await expect.poll(async () => textOf(map.getByText(/· \d+ risks?/))).toMatch(/· 6 risks/);
    // The map and the table come from separate requests; either may answer first.
    await expect
      .poll(() =>
        page
          .getByTestId('risks-table')
          .getByText(/^R-\d+$/)
          .count(),
      )
      .toBe(6);
    await page
      .getByRole('textbox', { name: 'Category' })
      .or(page.getByRole('combobox', { name: 'Category' }))
      .click();
    await page.getByRole('option', { name: 'EXT.SUP Suppliers' }).click();
  });

  it('shows the escalation inbox with where each item came from', async () => {
    await page.getByTestId('inbox-tab').click();
    const inbox = page.getByTestId('escalation-inbox');
    await inbox.waitFor();
    expect(await inbox.getByRole('row').count()).toBeGreaterThanOrEqual(4);
    expect(await textOf(inbox)).toContain('Identity provider migration slips');
    await snap(page, 'risks-04-escalation-inbox');
  });

  it('opens a risk, escalates it to the PMO, and refuses to go beyond the top', async () => {
    await page.getByRole('link', { name: /Identity provider migration slips/ }).click();
    await waitForRoute(page, /\/risks\/[0-9a-f-]+$/);
    await page.getByTestId('risk-actions').getByText('Overdue').waitFor();
    await snap(page, 'risks-05-risk-detail');
    await page.getByTestId('escalate').click();
    await page.getByTestId('escalate-reason').fill('Vendor decision affects the whole enterprise');
    await page.getByTestId('escalate-submit').click();
    await page.getByTestId('escalate-reason').waitFor({ state: 'hidden' });
    await page.getByRole('tab', { name: /Escalations/ }).click();
    await page.getByText('Vendor decision affects the whole enterprise').waitFor();
    await snap(page, 'risks-06-escalated-to-pmo');
    await page.getByTestId('escalate').click();
    await page.getByTestId('escalate-reason').fill('Higher still');
    await page.getByTestId('escalate-submit').click();
    expect(await textOf(page.getByTestId('escalate-error'))).toMatch(/top level; there is nowhere higher/);
    await snap(page, 'risks-07-beyond-the-top');
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it("quantifies the risk's schedule impact on a plan task", async () => {
    const projects = (await (await page.request.get('/api/v1/projects?q=CP-101')).json()) as {
      items: { id: string }[];
    };
    const created = await page.request.post(`/api/v1/projects/${projects.items[0]!.id}/tasks`, {
      data: { name: 'Integrate the identity provider', durationMinutes: 4800 },
    });
    expect(created.status()).toBe(201);
    await page.reload();
    await page.getByRole('tab', { name: /Affected tasks/ }).click();
    await page.getByRole('combobox', { name: 'Task' }).click();
    await page.getByRole('option', { name: /Integrate the identity provider/ }).click();
    await page.getByRole('button', { name: 'Add' }).click();
    await page.getByTestId('risk-tasks').getByText('Integrate the identity provider').waitFor();
    expect(await textOf(page.getByTestId('risk-tasks'))).toContain('16 h');
    await snap(page, 'risks-07b-affected-tasks');
  });

  it('creates a risk through the form and shows its score', async () => {
    await page.goto('/risks');
    await page.getByTestId('new-risk').click();
    await page.getByTestId('risk-title').fill('Vendor lock-in on the analytics stack');
    await page.getByTestId('risk-scope').click();
    await page.getByRole('option', { name: /Customer portal rebuild/ }).click();
    await page.getByTestId('risk-probability').fill('0.6');
    await page.getByTestId('risk-impactCost').click();
    await page.getByRole('option', { name: '4', exact: true }).click();
    await snap(page, 'risks-08-new-risk-form');
    await page.getByTestId('form-submit').click();
    await waitForRoute(page, /\/risks\/[0-9a-f-]+$/);
    await page.getByText('16 (P4 × I4)').waitFor();
    await snap(page, 'risks-09-new-risk');
  });

  it('shows the issues log and the project Risks & issues tab', async () => {
    await page.getByRole('link', { name: 'Issues', exact: true }).click();
    await page.getByTestId('issues-table').getByText('December outage window cancelled').waitFor();
    await snap(page, 'risks-10-issues-log');
    // Escalate the cold-store issue from the log: OX-201 sits in the Operational Excellence program.
    const row = page.getByRole('row', { name: /Handheld scanners fail/ });
    await row.getByTestId('escalate').click();
    await page.getByTestId('escalate-reason').fill('Needs the program network budget');
    await page.getByTestId('escalate-submit').click();
    await row.getByText(/escalated from OX-201/i).waitFor();
    await page.goto('/projects');
    await page.getByRole('link', { name: 'Customer portal rebuild' }).first().click();
    await page.getByRole('tab', { name: 'Risks & issues' }).click();
    await page.getByTestId('risks-table').getByText('Accessibility audit finds blocking defects').waitFor();
    await snap(page, 'risks-11-project-tab');
  });

  it('tells the program manager what was escalated to the program', async () => {
    const other = await newPage(h);
    try {
      await login(other.page, PROGRAM_MANAGER.email, PROGRAM_MANAGER.password);
      await waitForRoute(other.page, `${h.baseUrl}/`);
      const bell = other.page.getByTestId('notifications');
      await bell.click();
      await other.page
        .getByText(/was escalated from/)
        .first()
        .waitFor();
      await snap(other.page, 'risks-12-notifications');
    } finally {
      await other.context.close();
    }
  });

  it('lets a project manager edit the risks of their project and escalate only those still there', async () => {
    const other = await newPage(h);
    try {
      await login(other.page, 'kavya.nair@northwind.example', 'orrery-demo');
      await waitForRoute(other.page, `${h.baseUrl}/`);
      await other.page.goto('/risks');
      await other.page
        .getByTestId('risks-table')
        .getByRole('link', { name: 'Accessibility audit finds blocking defects' })
        .click();
      await other.page.getByTestId('escalate').waitFor();
      expect(await other.page.getByTestId('edit').count()).toBe(1);
      await other.page.goto('/risks');
      // R-1 was raised in Kavya's project and now sits with the organization's PMO.
      await other.page
        .getByTestId('risks-table')
        .getByRole('link', { name: 'Identity provider migration slips' })
        .click();
      await other.page.getByTestId('edit').waitFor();
      await other.page.getByText('escalated from CP-101').first().waitFor();
      expect(await other.page.getByTestId('escalate').count()).toBe(0);
      await snap(other.page, 'risks-13-project-manager-escalated-risk');
    } finally {
      await other.context.close();
    }
  });

  it('raised no uncaught error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
