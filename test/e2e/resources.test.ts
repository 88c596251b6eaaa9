import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM,
  choose,
  type Harness,
  hasChromium,
  login,
  newPage,
  snap,
  startHarness,
  waitForRoute,
} from './harness.ts';

const title = hasChromium
  ? 'resource pool, capacity and staffing in a real browser'
  : `resource pool, capacity and staffing in a real browser — SKIPPED: ${CHROMIUM} is absent`;

describe.skipIf(!hasChromium)(title, () => {
  let h: Harness;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
    ({ context, page } = await newPage(h));
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await login(page, h.admin.email, h.admin.password);
    await waitForRoute(page, `${h.baseUrl}/`);
  }, 300_000);

  afterEach(async (test) => {
    if (test.task.result?.state === 'fail' && page) {
      const name = test.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
      await snap(page, `resources-failed-${name}`).catch(() => {});
    }
  });

  afterAll(async () => {
    await context?.close();
    await h?.close();
  });

  it('lists the pool and filters it by kind', async () => {
    await page.getByRole('link', { name: 'Resources', exact: true }).click();
    await waitForRoute(page, /\/resources$/);
    const table = page.getByTestId('resources-table');
    await table.getByText('Lena Fischer').waitFor();
    await choose(page, 'Kind', 'Generic role');
    await table.getByText('Test engineer (to be named)').waitFor();
    // The generic row is on the unfiltered page too: wait for the filtered list to replace it.
    await expect.poll(() => table.getByText('Lena Fischer').count()).toBe(0);
    await snap(page, 'resources-01-pool-generic');
    await page.goto('/resources');
    await table.getByText('Lena Fischer').waitFor();
    await snap(page, 'resources-02-pool');
  });

  it('shows a resource with its skills, rates and assignments', async () => {
    await page.getByTestId('resources-table').getByRole('link', { name: 'Lena Fischer' }).click();
    await waitForRoute(page, /\/resources\/[0-9a-f-]+$/);
    await page.getByText('TypeScript · 5/5').waitFor();
    await expect.poll(() => page.getByTestId('rates-table').locator('tbody tr').count()).toBe(2);
    const assignments = page.getByTestId('assignments-table');
    await assignments.getByText('Billing and invoices').waitFor();
    await assignments.getByText('API client layer').waitFor();
    await snap(page, 'resources-03-detail');
    await page.getByTestId('edit-skills').click();
    await page.getByRole('textbox', { name: 'Proficiency in React' }).fill('5');
    await page.getByTestId('save-skills').click();
    await page.getByText('React · 5/5').waitFor();
  });

  it("changes, adds and deletes a resource's cost rates, and the assignments are repriced", async () => {
    const rates = page.getByTestId('rates-table');
    const billingCost = () =>
      page
        .getByTestId('assignments-table')
        .getByRole('row', { name: /Billing and invoices/ })
        .locator('td')
        .last();
    const before = await billingCost().textContent();
    // Lena's 2026 rate prices her 2026 work: raise it and the billing work costs more.
    await rates.getByTestId('edit-rate').first().click();
    const editing = rates.getByTestId('rate-editing');
    await editing.getByRole('textbox', { name: 'Standard / h' }).fill('120');
    await snap(page, 'resources-03b-rate-editing');
    await editing.getByTestId('save-rate').click();
    await rates.getByRole('cell', { name: '$120', exact: true }).waitFor();
    await expect.poll(() => billingCost().textContent()).not.toBe(before);
    const form = page.getByTestId('add-rate-form');
    await form.getByRole('textbox', { name: 'Effective from' }).fill('2026-07-01');
    await form.getByRole('textbox', { name: 'Standard / h' }).fill('130');
    await form.getByRole('textbox', { name: 'Overtime / h' }).fill('195');
    await form.getByRole('textbox', { name: 'Per use' }).fill('40');
    await page.getByTestId('add-rate').click();
    await expect.poll(() => rates.locator('tbody tr').count()).toBe(3);
    await rates.getByRole('cell', { name: '$195', exact: true }).waitFor();
    await snap(page, 'resources-03c-rate-added');
    await rates.getByRole('row', { name: /\$195/ }).getByTestId('edit-rate').click();
    await rates.getByTestId('rate-editing').getByTestId('delete-rate').click();
    await expect.poll(() => rates.locator('tbody tr').count()).toBe(2);
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('draws the capacity heatmap, red where people are over-allocated, and opens a cell', async () => {
    await page.getByRole('link', { name: 'Capacity', exact: true }).click();
    await waitForRoute(page, /\/capacity$/);
    // The resource page's own "From"/"To" fields can linger a frame after the URL changes.
    await page.getByTestId('capacity-from').fill('2026-03-02');
    await page.getByTestId('capacity-to').fill('2026-08-30');
    const heatmap = page.getByTestId('capacity-heatmap');
    await heatmap.getByText('Lena Fischer (DT-01)').waitFor();
    const over = heatmap.locator('td[data-over="true"]');
    await expect.poll(() => over.count()).toBeGreaterThan(1);
    const lenaRow = heatmap.getByRole('row', { name: /Lena Fischer/ });
    // The Easter week is over-allocated only because Good Friday is a company holiday (32 h of capacity);
    // the next over-allocated week is where Lena's billing work meets the account pages.
    const lenaOver = lenaRow.locator('td[data-over="true"]').nth(1);
    await snap(page, 'resources-04-capacity-heatmap');
    await lenaOver.click();
    const sources = page.getByTestId('cell-sources');
    await sources.getByText('Billing and invoices').waitFor();
    await sources.getByText('Account and profile pages').waitFor();
    await snap(page, 'resources-05-capacity-cell');
    await page.keyboard.press('Escape');
    await choose(page, 'Rows', 'Skills');
    await heatmap.getByText('Identity and access').waitFor();
  });

  it('fills a staffing request from the ranked candidates', async () => {
    await page.getByRole('link', { name: 'Staffing', exact: true }).click();
    await waitForRoute(page, /\/staffing$/);
    const open = page.getByTestId('column-open');
    const partial = page.getByTestId('column-partially_filled');
    await open.getByText(/CP-103 · Mobile/).waitFor();
    await page
      .getByTestId('column-filled')
      .getByText(/CP-102/)
      .waitFor();
    await snap(page, 'resources-06-staffing-board');
    await open.getByTestId('request-card').filter({ hasText: 'CP-103' }).getByTestId('fill-request').click();
    const candidates = page.getByTestId('candidates');
    await candidates.getByText('Sofia Marin').waitFor();
    await page.getByText('Hard booking').click();
    await snap(page, 'resources-07-candidates');
    await candidates.getByTestId('book-DT-10').click();
    await partial.getByText(/CP-103 · Mobile/).waitFor();
    expect(await open.getByText(/CP-103 · Mobile/).count()).toBe(0);
    await snap(page, 'resources-08-request-partially-filled');
  });

  it("lists a person's time off, adds a range and removes it", async () => {
    await page.getByRole('link', { name: 'Resources', exact: true }).click();
    await page.getByTestId('resources-table').getByRole('link', { name: 'Mei Tanaka' }).click();
    await waitForRoute(page, /\/resources\/[0-9a-f-]+$/);
    const timeOff = page.getByTestId('time-off-table');
    // The demo gives Mei a week of vacation, on a calendar of her own that inherits the company's.
    await timeOff.locator('tr[data-time-off="Vacation"]').waitFor();
    await page.getByText('Mei Tanaka (DT-03)').waitFor();
    await page.getByTestId('time-off-from').fill('2026-09-14');
    await page.getByTestId('time-off-to').fill('2026-09-15');
    await page.getByTestId('time-off-name').fill('Training');
    await page.getByTestId('add-time-off').click();
    const training = timeOff.locator('tr[data-time-off="Training"]');
    await training.waitFor();
    await snap(page, 'resources-12-time-off');
    await training.getByTestId('remove-time-off').click();
    await expect.poll(() => training.count()).toBe(0);
    expect(await timeOff.locator('tbody tr').count()).toBe(1);
  });

  it('opens the company calendar, adds a holiday and saves it', async () => {
    await page.getByRole('link', { name: 'Calendars', exact: true }).click();
    await waitForRoute(page, /\/calendars$/);
    const row = page.getByTestId('calendars-table').locator('tr[data-calendar="Northwind company calendar"]');
    await row.waitFor();
    const exceptionsCell = row.locator('td').nth(3);
    // Three fixed holidays and Easter in each of the four years around the seed's.
    expect(await exceptionsCell.textContent()).toBe('7');
    await snap(page, 'resources-13-calendars');
    await row.getByTestId('open-calendar').click();
    const editor = page.getByTestId('calendar-editor');
    await editor.getByTestId('work-week').locator('tr[data-weekday="Monday"]').waitFor();
    await editor.getByTestId('add-holiday').click();
    const added = editor.getByTestId('exceptions-table').locator('tbody tr').last();
    await added.getByRole('textbox', { name: 'Exception name' }).fill("Founders' Day");
    await added.getByRole('textbox', { name: 'Exception from' }).fill('2026-10-05');
    await snap(page, 'resources-14-calendar-editor');
    await editor.getByTestId('save-calendar').click();
    await expect.poll(() => editor.count()).toBe(0);
    await expect.poll(() => exceptionsCell.textContent()).toBe('8');
  });

  it('adds a dated work week with Fridays off to the company calendar, and finds it after a reload', async () => {
    const row = page.getByTestId('calendars-table').locator('tr[data-calendar="Northwind company calendar"]');
    await row.getByTestId('open-calendar').click();
    const editor = page.getByTestId('calendar-editor');
    await editor.getByText('No dated work weeks: the default week applies all year.').waitFor();
    await editor.getByTestId('add-work-week').click();
    const added = editor.getByTestId('work-weeks-table').locator('tbody tr').last();
    await added.getByRole('textbox', { name: 'Work week name' }).fill('Summer hours');
    await added.getByRole('textbox', { name: 'Work week from' }).fill('2026-07-06');
    await added.getByRole('textbox', { name: 'Work week to' }).fill('2026-08-28');
    const hours = editor.getByTestId('work-week-hours');
    await hours.locator('tr[data-weekday="Friday"]').getByText('Non-working').click();
    await expect
      .poll(() => added.locator('td').nth(3).textContent())
      .toBe('Fri off · other days as the default week');
    await snap(page, 'resources-15-work-week-editor');
    await editor.getByTestId('save-calendar').click();
    await expect.poll(() => editor.count()).toBe(0);
    await expect.poll(() => row.getByTestId('work-weeks-count').textContent()).toBe('+ 1 dated work week');

    await page.reload();
    await waitForRoute(page, /\/calendars$/);
    await row.getByTestId('open-calendar').click();
    const saved = editor.getByTestId('work-weeks-table').locator('tr[data-work-week="Summer hours"]');
    await saved.waitFor();
    expect(await saved.getByRole('textbox', { name: 'Work week from' }).inputValue()).toBe('2026-07-06');
    expect(await saved.getByRole('textbox', { name: 'Work week to' }).inputValue()).toBe('2026-08-28');
    await saved.getByRole('button', { name: 'Edit work week hours' }).click();
    const friday = editor.getByTestId('work-week-hours').locator('tr[data-weekday="Friday"]');
    expect(await friday.getByRole('radio', { name: 'Non-working' }).isChecked()).toBe(true);
    await snap(page, 'resources-16-work-week-saved');
    await page.keyboard.press('Escape');
    await expect.poll(() => editor.count()).toBe(0);
  });

  it('cancels the booking on the resource page, which reopens the request, then cancels the request on the board', async () => {
    await page.getByRole('link', { name: 'Resources', exact: true }).click();
    await page.getByTestId('resources-table').getByRole('link', { name: 'Kwame Mensah' }).click();
    await waitForRoute(page, /\/resources\/[0-9a-f-]+$/);
    const booking = page.getByTestId('bookings-table').locator('tr[data-booking="CP-103"]');
    await booking.getByTestId('cancel-booking').click();
    await snap(page, 'resources-09-cancel-booking');
    await booking.getByTestId('confirm-cancel-booking').click();
    await expect.poll(() => booking.count()).toBe(0);
    await page.getByText('No bookings.').waitFor();

    await page.getByRole('link', { name: 'Staffing', exact: true }).click();
    await waitForRoute(page, /\/staffing$/);
    const open = page.getByTestId('column-open');
    const card = open.getByTestId('request-card').filter({ hasText: 'CP-103 · Mobile' });
    await card.waitFor();
    expect(
      await page
        .getByTestId('column-partially_filled')
        .getByText(/CP-103 · Mobile/)
        .count(),
    ).toBe(0);
    await card.getByTestId('cancel-request').click();
    await snap(page, 'resources-10-cancel-request');
    await card.getByTestId('confirm-cancel-request').click();
    await expect.poll(() => page.getByText(/CP-103 · Mobile/).count()).toBe(0);
    await snap(page, 'resources-11-request-cancelled');
    expect(pageErrors).toEqual([]);
  });
});
