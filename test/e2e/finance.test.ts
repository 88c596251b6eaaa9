import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { browserSession, CHROMIUM, choose, hasChromium, snap } from './harness.ts';

const title = hasChromium
  ? 'the Cost tab and envelopes in a real browser'
  : `the Cost tab and envelopes in a real browser — SKIPPED: ${CHROMIUM} is absent`;
const shots = '/tmp/shots-finance';

describe.skipIf(!hasChromium)(title, () => {
  const session = browserSession({ failurePrefix: 'finance-failed' });
  const shot = async (name: string) => {
    await snap(session.page, `finance-${name}`);
    mkdirSync(shots, { recursive: true });
    await session.page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  };
  const projectId = async (code: string) =>
    (await session.h.db.query<{ id: string }>('SELECT id FROM projects WHERE code = $1', [code]))[0].id;

  it('shows earned value KPIs, the S-curve and the budget of a project in flight', async () => {
    const { page } = session;
    await page.goto(`/projects/${await projectId('CP-101')}`);
    await page.getByTestId('tab-cost').click();
    const evm = page.getByTestId('evm-panel');
    await evm.getByText('Earned value', { exact: true }).waitFor();
    await expect.poll(() => page.getByTestId('kpi-cpi').textContent()).toMatch(/CPI\d\.\d\d/);
    await page.getByTestId('s-curve').locator('canvas').first().waitFor();
    await page.getByTestId('budget-grid').waitFor();
    await expect.poll(() => page.getByTestId('budget-grid-total').textContent()).toMatch(/1,850,/);
    await expect.poll(() => page.getByTestId('actuals-table').locator('tbody tr').count()).toBeGreaterThan(5);
    await expect.poll(() => page.getByTestId('forecast-versions').locator('tbody tr').count()).toBe(2);
    await page.getByTestId('forecast-comparison').waitFor();
    await shot('01-cost-tab');
  }, 120_000);

  it('saves an edited budget cell, adds an actual cost and deletes it again', async () => {
    const { page } = session;
    const cell = page.getByRole('textbox', { name: 'Other 2027-03' });
    await cell.fill('25000');
    await page.getByTestId('save-budget').click();
    await expect.poll(() => page.getByTestId('save-budget').isDisabled()).toBe(true);
    const form = page.getByTestId('actual-form');
    await form.getByLabel('Date').fill('2026-11-20');
    await form.getByRole('textbox', { name: 'Amount' }).fill('4321');
    await form.getByLabel('Description').fill('Penetration test retainer');
    await page.getByTestId('add-actual').click();
    await page.getByTestId('actuals-table').getByText('Penetration test retainer').waitFor();
    await page
      .getByTestId('actuals-table')
      .getByRole('row', { name: /Penetration test retainer/ })
      .getByRole('button', { name: /Delete the cost/ })
      .click();
    await expect
      .poll(() => page.getByTestId('actuals-table').getByText('Penetration test retainer').count())
      .toBe(0);
  }, 120_000);

  it('lists every bad line of a CSV and imports nothing, then imports a good one', async () => {
    const { page } = session;
    const upload = async (csv: string) => {
      const chooser = page.waitForEvent('filechooser');
      await page.getByTestId('upload-actuals').click();
      await (await chooser).setFiles({ name: 'actuals.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    };
    const rowsBefore = await page.getByTestId('actuals-table').locator('tbody tr').count();
    await upload(
      'date,category,amount,description\n2026-11-02,labour,100,ok\n2026-11-03,labour,-5,refund\n2026-11-04,food,7,lunch\n',
    );
    const errors = page.getByTestId('import-errors');
    await errors.getByText('line 3: amount').waitFor();
    await errors.getByText('line 4: category').waitFor();
    await shot('02-csv-errors');
    expect(await page.getByTestId('actuals-table').locator('tbody tr').count()).toBe(rowsBefore);
    await upload(
      'date,category,amount,description\n2026-11-02,other,150,Courier\n2026-11-05,other,80,Parking\n',
    );
    await page.getByTestId('import-result').getByText('Imported 2 rows', { exact: false }).waitFor();
    await expect
      .poll(() => page.getByTestId('actuals-table').locator('tbody tr').count())
      .toBe(rowsBefore + 2);
  }, 120_000);

  it("flags the months a program's projects budget beyond its envelope, and sets a new one", async () => {
    const { page } = session;
    const [program] = await session.h.db.query<{ id: string }>(
      `SELECT e.program_id AS id FROM budget_envelopes e WHERE e.program_id IS NOT NULL
       GROUP BY e.program_id ORDER BY min(e.created_at) LIMIT 1`,
    );
    await page.goto(`/programs/${program.id}`);
    await page.getByTestId('tab-envelope').click();
    await expect.poll(() => page.getByTestId('envelope-over').textContent()).toMatch(/months? over/);
    const form = page.getByTestId('envelope-form');
    await form.getByLabel('Month').fill('2027-05');
    await form.getByRole('textbox', { name: 'Envelope' }).fill('12345');
    await page.getByTestId('add-envelope').click();
    // The seed gave every month an envelope over all categories: a second one is refused.
    await page.getByTestId('envelope-taken').waitFor();
    await choose(form, 'Category', 'Capital');
    await page.getByTestId('add-envelope').click();
    await page.getByTestId('envelope-panel').getByText('$12,345').waitFor();
    await shot('03-program-envelope');
    expect(session.pageErrors).toEqual([]);
  }, 120_000);
});
