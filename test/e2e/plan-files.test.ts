import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSession, CHROMIUM, hasChromium, snap, textOf } from './harness.ts';

const sample = readFileSync(new URL('../../../shared/data/xer/XERNative/sample.xer', import.meta.url));

const title = hasChromium
  ? 'plan files in a real browser'
  : `plan files in a real browser — SKIPPED: ${CHROMIUM} is absent`;

describe.skipIf(!hasChromium)(title, () => {
  const session = browserSession({ failurePrefix: 'plan-files-failed' });
  const pageErrors = session.pageErrors;
  let page: Page;
  beforeAll(() => {
    ({ page } = session);
  });

  async function openPlanFiles(): Promise<string> {
    const res = await page.request.get('/api/v1/projects?pageSize=1');
    const id = ((await res.json()) as { items: { id: string }[] }).items[0]!.id;
    await page.goto(`/projects/${id}`);
    await page.getByRole('tab', { name: 'Plan files' }).click();
    await page.getByTestId('plan-files').waitFor();
    return id;
  }

  it('imports a Primavera XER file and offers the plan back in every format', async () => {
    const id = await openPlanFiles();
    expect(await page.getByTestId('export-xer').getAttribute('href')).toBe(
      `/api/v1/projects/${id}/export?format=xer`,
    );
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('import-plan').click();
    await (await chooser).setFiles({
      name: 'sample.xer',
      mimeType: 'application/octet-stream',
      buffer: sample,
    });
    const result = page.getByTestId('import-result');
    await result.waitFor();
    expect(await textOf(result)).toMatch(/Imported sample\.xer.*30 tasks, 40 links and 2 calendars/s);
    await snap(page, 'plan-files-01-xer-imported');
    const xer = await page.request.get(`/api/v1/projects/${id}/export?format=xer`);
    expect((await xer.text()).startsWith('ERMHDR\t')).toBe(true);
  });

  it('shows where a bad file is wrong and keeps the plan', async () => {
    await openPlanFiles();
    const broken = Buffer.from(sample.toString('latin1').replace('PR_FS', 'PR_??'), 'latin1');
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('import-plan').click();
    await (await chooser).setFiles({
      name: 'broken.xer',
      mimeType: 'application/octet-stream',
      buffer: broken,
    });
    const alert = page.getByTestId('import-error');
    await alert.waitFor();
    expect(await textOf(alert)).toMatch(/plan is unchanged.*broken\.xer:\d+: TASKPRED pred_type is unknown/s);
    await snap(page, 'plan-files-02-bad-file');
    expect(pageErrors).toEqual([]);
  });
});
