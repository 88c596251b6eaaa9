import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSession, CHROMIUM, hasChromium, snap, waitForRoute } from './harness.ts';

const title = hasChromium
  ? 'stage gates, termination, benefits and lessons in a real browser'
  : `stage gates, termination, benefits and lessons in a real browser — SKIPPED: ${CHROMIUM} is absent`;

const shots = '/tmp/shots-gates';
mkdirSync(shots, { recursive: true });

/** Into the suite's screenshots and /tmp/shots-gates, where a person looks at them. */
async function shoot(page: Page, name: string) {
  await snap(page, `governance-${name}`);
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

interface ProjectRow {
  id: string;
  code: string;
  stage: string;
  businessUnitName: string;
}

async function api<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(`/api/v1${path}`);
  expect(response.ok(), path).toBe(true);
  return (await response.json()) as T;
}

describe.skipIf(!hasChromium)(title, () => {
  const session = browserSession({ failurePrefix: 'governance-failed' });

  it('shows the configured lifecycles: the organization’s and Energy Services’ own', async () => {
    const { page } = session;
    await page.getByRole('link', { name: 'Lifecycle', exact: true }).click();
    await waitForRoute(page, /\/lifecycle$/);
    const list = page.getByTestId('lifecycle-list');
    await list.getByText('Standard project lifecycle').waitFor();
    await list.getByText('Energy Services asset lifecycle').waitFor();
    await expect.poll(() => page.getByTestId('stage-editor').count()).toBe(6);
    await page.getByRole('textbox', { name: 'Gate' }).first().waitFor();
    await shoot(page, '01-lifecycle');
  }, 120_000);

  it('reviews a gate with its checklist and passes it: the project moves to the next stage', async () => {
    const { page } = session;
    const planning = (await api<{ items: ProjectRow[] }>(page, '/projects?stage=planning&pageSize=100'))
      .items;
    let chosen: ProjectRow | undefined;
    for (const project of planning) {
      const gates = await api<{ openReview: unknown; lifecycle: { name: string } | null }>(
        page,
        `/projects/${project.id}/gates`,
      );
      if (!gates.openReview && gates.lifecycle?.name === 'Standard project lifecycle') {
        chosen = project;
        break;
      }
    }
    expect(chosen, 'a planning project of the standard lifecycle without an open review').toBeDefined();
    await page.goto(`/projects/${chosen!.id}`);
    await page.getByTestId('tab-gates').click();
    const tab = page.getByTestId('gates-tab');
    await tab.getByText('Next gate: G2 Baseline approval').waitFor();
    await page.getByTestId('open-review').click();
    const rows = page.getByTestId('criterion-row');
    await expect.poll(() => rows.count()).toBe(4);
    for (let i = 0; i < 4; i += 1)
      await page.getByTestId(`criterion-result-${i}`).getByText('Met', { exact: true }).click();
    await page.getByTestId('save-checklist').click();
    await page.getByText('4 / 4 met or waived').waitFor();
    await expect.poll(() => page.getByTestId('save-checklist').isDisabled()).toBe(true);
    await page.getByTestId('decision-reason').fill('Baseline, budget and bookings are in place.');
    await shoot(page, '02-gate-checklist');
    await page.getByTestId('decide').click();
    await page.getByTestId('gates-tab').getByText('Next gate: G3 Ready for handover').waitFor();
    const history = page.getByTestId('gate-history');
    await history.getByText('Baseline, budget and bookings are in place.').waitFor();
    await expect
      .poll(async () => (await api<{ stage: string }>(page, `/projects/${chosen!.id}`)).stage)
      .toBe('execution');
    await shoot(page, '03-gate-passed');
  }, 180_000);

  it('terminates a project after showing its impact, then asks for a lesson', async () => {
    const { page } = session;
    const bookings = (await api<{ items: Array<{ projectId: string }> }>(page, '/bookings?pageSize=500'))
      .items;
    const booked = new Set(bookings.map((b) => b.projectId));
    const running = (await api<{ items: ProjectRow[] }>(page, '/projects?stage=execution&pageSize=100'))
      .items;
    const victim = running.find((p) => booked.has(p.id)) ?? running[0];
    await page.goto(`/projects/${victim!.id}`);
    await page.getByTestId('tab-gates').click();
    await page.getByTestId('terminate').click();
    const dialog = page.getByTestId('terminate-modal');
    await dialog.getByTestId('impact-bookings').waitFor();
    await dialog.getByTestId('impact-successors').waitFor();
    await shoot(page, '04-termination-impact');
    // No reason: refused, nothing changes.
    await dialog.getByTestId('terminate-confirm').click();
    await dialog.getByText('is required').waitFor();
    await dialog
      .getByTestId('terminate-reason')
      .fill('Superseded by the cloud programme; stop before the next spend.');
    await dialog.getByTestId('terminate-confirm').click();
    const capture = page.getByTestId('lesson-capture');
    await capture.getByText('The project was terminated.', { exact: false }).waitFor();
    await capture
      .getByTestId('lesson-title')
      .fill('Check overlap with running programmes before approving scope');
    await shoot(page, '05-lesson-capture');
    await capture.getByTestId('lesson-save').click();
    await expect.poll(() => page.getByTestId('lesson-capture').count()).toBe(0);
    await expect
      .poll(async () => (await api<{ stage: string }>(page, `/projects/${victim!.id}`)).stage)
      .toBe('terminated');
    await page.getByTestId('gate-history').getByText('terminate').first().waitFor();
    await page
      .getByTestId('project-lessons')
      .getByText('Check overlap with running programmes before approving scope')
      .waitFor();
  }, 180_000);

  it('tracks benefits against their targets, closed projects included', async () => {
    const { page } = session;
    await page.getByRole('link', { name: 'Benefits', exact: true }).click();
    await waitForRoute(page, /\/benefits$/);
    const table = page.getByTestId('benefits-table');
    await table.getByText('Faster month-end close').waitFor();
    await table.getByText('closed').first().waitFor();
    await expect.poll(() => page.getByTestId('benefit-chart').count()).toBeGreaterThanOrEqual(4);
    await shoot(page, '06-benefits');
    // The closed project's benefit is still measured: record November's figure.
    const card = page.getByTestId('benefit-card').filter({ hasText: 'Faster month-end close' });
    await card.getByTestId('record-measurement').click();
    await page.getByTestId('measure-date').fill('2026-11-30');
    await page.getByTestId('measure-value').fill('4.5');
    await page.getByTestId('measure-save').click();
    await expect
      .poll(() => table.getByRole('row', { name: /Faster month-end close/ }).textContent())
      .toContain('4.5');
  }, 120_000);

  it('finds lessons by their words, best match first, and proposes a change from one', async () => {
    const { page } = session;
    await page.getByRole('link', { name: 'Lessons learned', exact: true }).click();
    await waitForRoute(page, /\/lessons$/);
    await page.getByTestId('lesson-search').fill('transformer');
    const cards = page.getByTestId('lesson-list').getByTestId('lesson-card');
    await expect.poll(() => cards.count()).toBe(1);
    await cards.first().getByText('Order substation transformers at initiation').waitFor();
    await page.getByTestId('lesson-search').fill('overlap programmes');
    await cards.first().getByText('Check overlap with running programmes before approving scope').waitFor();
    await cards.first().getByRole('button', { name: 'Propose change' }).click();
    await page.getByTestId('proposal-target').fill('G1 Charter approval criteria');
    // Linked to the hub's template, so the PMO opens what the change is for.
    await page.getByTestId('proposal-link').click();
    await page.getByRole('option', { name: 'Software release' }).click();
    await shoot(page, '07a-propose-linked');
    await page
      .getByTestId('proposal-text')
      .fill('Add a check: overlapping scope with running programmes reviewed.');
    await page.getByTestId('proposal-save').click();
    await page.getByTestId('proposals').getByText('Template: G1 Charter approval criteria').waitFor();
    await page
      .getByTestId('proposals')
      .getByTestId('proposal-target-link')
      .filter({ hasText: 'Software release' })
      .first()
      .waitFor();
    await page.getByTestId('lesson-search').fill('');
    await expect.poll(() => cards.count()).toBeGreaterThanOrEqual(9);
    await shoot(page, '07-lessons');
    expect(session.pageErrors).toEqual([]);
  }, 120_000);
});
