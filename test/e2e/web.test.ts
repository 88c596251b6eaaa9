import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  browserSession,
  CHROMIUM,
  choose,
  type Harness,
  hasChromium,
  labelPattern,
  login,
  snap,
  textOf,
  waitForRoute,
} from './harness.ts';

const VIEWER = { email: 'amara.okafor@northwind.example', password: 'orrery-demo' };

const title = hasChromium
  ? 'the web app in a real browser'
  : `the web app in a real browser — SKIPPED: ${CHROMIUM} is absent (install Debian's chromium to run it)`;

describe.skipIf(!hasChromium)(title, () => {
  const session = browserSession({ failurePrefix: 'failed', signIn: null });
  const pageErrors = session.pageErrors;
  let h: Harness;
  let page: Page;
  beforeAll(() => {
    ({ h, page } = session);
  });

  /** An id from the API, read with the browser's session. */
  async function firstId(collection: string, query = ''): Promise<string> {
    const res = await page.request.get(`/api/v1/${collection}?pageSize=1${query}`);
    const body = (await res.json()) as { items: { id: string }[] };
    return body.items[0]!.id;
  }

  it('shows the API’s message when the password is wrong', async () => {
    await login(page, h.admin.email, 'not-the-password');
    const alert = page.getByTestId('login-error');
    await alert.waitFor();
    expect(await textOf(alert)).toMatch(/wrong email or password/i);
    expect(page.url()).toContain('/login');
    await snap(page, '00-login-error');
  });

  it('signs the demo admin in and shows the organization overview', async () => {
    await login(page, h.admin.email, h.admin.password);
    await waitForRoute(page, `${h.baseUrl}/`);
    expect(await textOf(page.getByTestId('org-name'))).toBe('Northwind Group');
    await page.getByTestId('stat-projects').filter({ hasText: /\d/ }).waitFor();
    expect(Number(await textOf(page.getByTestId('stat-projects')))).toBeGreaterThanOrEqual(20);
    await page.getByTestId('attention-table').waitFor();
    await snap(page, '01-overview');
  });

  it('sends a signed-out visitor to the login page and back to where they were going', async () => {
    const other = await h.browser.newContext({ baseURL: h.baseUrl });
    const p = await other.newPage();
    await p.goto('/portfolios');
    await p.waitForURL(/\/login\?redirect=/);
    await login(p, h.admin.email, h.admin.password, false);
    await waitForRoute(p, `${h.baseUrl}/portfolios`);
    await p.getByTestId('portfolios-table').waitFor();
    await other.close();
  });

  it('opens every list page, with server-side filters in the address', async () => {
    await page.goto('/business-units');
    await page.getByTestId('business-unit-tree').getByText('Energy Services').waitFor();
    await snap(page, '02-business-units');

    await page.goto('/portfolios');
    await page.getByTestId('portfolios-table').getByText('Enterprise Transformation').waitFor();
    await snap(page, '03-portfolios');

    await page.goto('/programs');
    await page.getByTestId('programs-table').getByText('Grid Modernization').waitFor();
    await snap(page, '04-programs');

    await page.goto('/projects');
    await page.getByTestId('table-range').waitFor();
    expect(await textOf(page.getByTestId('table-range'))).toMatch(/^1–\d+ of \d+$/);
    await snap(page, '05-projects');

    // The health filter goes to the server and into the URL; every row shown is red.
    await choose(page, 'Health', 'Red');
    await waitForRoute(page, /health=red/);
    await page.waitForLoadState('networkidle');
    const healths = await page
      .getByTestId('projects-table')
      .locator('[data-health]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-health')));
    expect(healths.length).toBeGreaterThan(0);
    expect(new Set(healths)).toEqual(new Set(['red']));
    await snap(page, '06-projects-red');

    await page.goto('/objectives');
    await page.getByTestId('objectives-table').getByText('Grow digital revenue by 20%').waitFor();
    await snap(page, '07-objectives');
  });

  it('opens the detail pages with the scope path in the breadcrumb', async () => {
    const unitId = await firstId('business-units', '&q=Energy');
    await page.goto(`/business-units/${unitId}`);
    await page.getByRole('heading', { name: 'Energy Services' }).waitFor();
    await snap(page, '08-business-unit');

    const portfolioId = await firstId('portfolios', '&q=Energy');
    await page.goto(`/portfolios/${portfolioId}`);
    await page.getByRole('heading', { name: 'Energy Services Portfolio' }).waitFor();
    await page.getByRole('tab', { name: /Projects \(\d+\)/ }).waitFor();
    expect(await textOf(page.getByTestId('breadcrumbs'))).toBe(
      'Northwind Group›Energy Services›Energy Services Portfolio',
    );
    await snap(page, '09-portfolio');

    const programId = await firstId('programs', '&q=Grid');
    await page.goto(`/programs/${programId}`);
    await page.getByRole('heading', { name: 'Grid Modernization' }).waitFor();
    await page.getByText('-25% outage minutes').waitFor();
    await snap(page, '10-program');

    const projectId = await firstId('projects', `&programId=${programId}`);
    await page.goto(`/projects/${projectId}`);
    await page.getByTestId('project-objectives').waitFor();
    const crumbs = await textOf(page.getByTestId('breadcrumbs'));
    expect(crumbs).toMatch(/^Northwind Group›Energy Services›Energy Services Portfolio›Grid Modernization›/);
    await snap(page, '11-project');

    await page.getByRole('tab', { name: 'Members' }).click();
    await page.getByTestId('project-members').waitFor();
    await snap(page, '12-project-members');
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByTestId('history').waitFor();
    await snap(page, '13-project-history');
  });

  it('opens the admin page with users, role grants and business units', async () => {
    await page.goto('/admin');
    await page.getByTestId('users-table').getByText('Aiden Kelly').waitFor();
    await page.getByRole('textbox', { name: 'Search' }).fill('admin@');
    await page.getByTestId('users-table').getByText('admin@northwind.example').waitFor();
    expect(await page.getByTestId('users-table').locator('tbody tr').count()).toBe(1);
    await snap(page, '14-admin-users');
    await page.getByRole('tab', { name: 'Role grants' }).click();
    await page.getByTestId('grants-table').getByText('Amara Okafor').first().waitFor();
    await snap(page, '15-admin-grants');
    await page.getByRole('tab', { name: 'Business units' }).click();
    await page.getByTestId('admin-business-units').waitFor();
    await snap(page, '16-admin-business-units');
  });

  it('creates a project through the form, then edits it', async () => {
    await page.goto('/projects');
    await page.getByTestId('new-project').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(labelPattern('Code')).fill('WEB-001');
    await dialog.getByLabel(labelPattern('Name')).fill('Browser-made project');
    await choose(dialog, 'Business unit', 'Operations (OPS)');
    await choose(dialog, 'Portfolio', 'Enterprise Transformation');
    await choose(dialog, 'Program', 'Operational Excellence');
    await choose(dialog, 'Project manager', 'Kavya Nair');
    await choose(dialog, 'Stage', 'Planning');
    await dialog.getByLabel('Target start').fill('2026-03-02');
    await dialog.getByLabel('Target finish').fill('2026-09-30');
    await dialog.getByLabel(/^Budget/).fill('250000');
    await snap(page, '18-project-create-form');
    await dialog.getByTestId('form-submit').click();

    await waitForRoute(page, /\/projects\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Browser-made project' }).waitFor();
    const fields = page.getByTestId('project-fields');
    expect(await textOf(fields)).toContain('Operational Excellence');
    expect(await textOf(fields)).toContain('$250,000');
    expect(await textOf(fields)).toContain('Kavya Nair');

    await page.getByTestId('edit').click();
    await dialog.getByLabel(labelPattern('Name')).fill('Browser-made project, renamed');
    await choose(dialog, 'Health', 'Amber — at risk');
    await dialog.getByTestId('form-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'Browser-made project, renamed' }).waitFor();
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByTestId('history').getByText('updated').first().waitFor();
    expect(await textOf(page.getByTestId('history'))).toContain('Browser-made project, renamed');
    await snap(page, '19-project-after-edit');
  });

  it('links the project to objectives and adds and removes a member', async () => {
    await page.getByRole('tab', { name: 'Objectives' }).click();
    await page.getByText('Not linked to any objective').waitFor();
    await page.getByRole('button', { name: 'Edit contributions' }).click();
    await choose(page, 'Add an objective', 'Reduce operating cost by 10%');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByLabel('Contribution to Reduce operating cost by 10%').fill('7');
    await page.getByRole('button', { name: 'Save contributions' }).click();
    await page.getByTestId('project-objectives').getByText('7/10').waitFor();

    await page.getByRole('tab', { name: 'Members' }).click();
    await choose(page, 'Person', 'Aiden Kelly', 'Aiden');
    await page.getByLabel('Role on the project').fill('Business analyst');
    await page.getByRole('button', { name: 'Add member' }).click();
    const members = page.getByTestId('project-members');
    await members.getByText('Business analyst').waitFor();
    await members.getByRole('button', { name: 'Remove Aiden Kelly' }).click();
    await page.getByText('No members yet').waitFor();
  });

  it('shows the API’s field errors on the fields', async () => {
    await page.getByTestId('edit').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(labelPattern('Code')).fill('has spaces!');
    await dialog.getByTestId('form-submit').click();
    const error = dialog.getByText('use letters, digits, dot, dash or underscore');
    await error.waitFor();
    expect(await dialog.getByLabel(labelPattern('Code')).getAttribute('aria-invalid')).toBe('true');
    await snap(page, '20-field-error');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('explains a conflict when someone else saved first, and saves after reloading', async () => {
    const projectId = page.url().split('/').pop()!;
    await page.getByTestId('edit').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(labelPattern('Name')).fill('My change');

    // Someone else saves the project while the form is open.
    const current = await page.request.get(`/api/v1/projects/${projectId}`);
    const other = await page.request.patch(`/api/v1/projects/${projectId}`, {
      headers: { 'if-match': current.headers().etag! },
      data: { priority: 99 },
    });
    expect(other.status()).toBe(200);

    await dialog.getByTestId('form-submit').click();
    const conflict = dialog.getByTestId('conflict-alert');
    await conflict.waitFor();
    expect(await textOf(conflict)).toMatch(/someone else changed this/i);
    await snap(page, '21-conflict');

    await conflict.getByRole('button', { name: 'Reload the latest version' }).click();
    await conflict.waitFor({ state: 'detached' });
    expect(await dialog.getByLabel(/^Priority/).inputValue()).toBe('99');
    await dialog.getByLabel(labelPattern('Name')).fill('My change, after reloading');
    await dialog.getByTestId('form-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'My change, after reloading' }).waitFor();
    expect(await textOf(page.getByTestId('project-fields'))).toContain('99 / 100');
  });

  it('creates a user, grants them a role at a program, and revokes it', async () => {
    await page.goto('/admin?tab=users');
    await page.getByTestId('new-user').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(labelPattern('Name')).fill('Zed Tester');
    await dialog.getByLabel(labelPattern('Email')).fill('zed.tester@northwind.example');
    await dialog.getByLabel(labelPattern('Initial password')).fill('short');
    await dialog.getByTestId('form-submit').click();
    await dialog.getByText('Use at least 10 characters').waitFor();
    await dialog.getByLabel(labelPattern('Initial password')).fill('a-long-enough-password');
    await dialog.getByTestId('form-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('textbox', { name: 'Search' }).fill('zed.tester');
    await page.getByTestId('users-table').getByText('zed.tester@northwind.example').waitFor();

    await page.getByRole('tab', { name: 'Role grants' }).click();
    await page.getByTestId('new-grant').click();
    await choose(dialog, 'User', 'Zed Tester', 'Zed');
    await choose(dialog, 'Role', 'Program manager');
    await choose(dialog, 'Scope', 'Program');
    await choose(dialog, 'Program', 'Customer Platform');
    await snap(page, '17-admin-grant-form');
    await dialog.getByTestId('form-submit').click();
    await dialog.waitFor({ state: 'detached' });

    await choose(page, 'Filter by user', 'Zed Tester', 'Zed');
    const revoke = page.getByRole('button', { name: 'Revoke Program manager from Zed Tester' });
    await revoke.waitFor();
    expect(await textOf(page.getByTestId('grants-table').locator('tbody'))).toContain('Customer Platform');
    await revoke.click();
    await page.getByTestId('grants-table').getByText('No role grants').waitFor();
  });

  it('hides admin and edit actions from an executive viewer', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login/);
    await login(page, VIEWER.email, VIEWER.password);
    await waitForRoute(page, `${h.baseUrl}/`);
    await page.getByTestId('stat-projects').filter({ hasText: /\d/ }).waitFor();
    expect(await page.getByTestId('nav-admin').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'New project' }).count()).toBe(0);
    await snap(page, '22-viewer-overview');

    await page.goto('/projects');
    await page.getByTestId('table-range').waitFor();
    expect(await page.getByTestId('new-project').count()).toBe(0);

    const projectId = await firstId('projects');
    await page.goto(`/projects/${projectId}`);
    await page.getByTestId('project-fields').waitFor();
    expect(await page.getByTestId('edit').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Edit contributions' }).count()).toBe(0);
    await snap(page, '23-viewer-project');

    await page.goto('/admin');
    await page.getByText('Administration is for PMO administrators').waitFor();
    expect(await page.getByTestId('new-user').count()).toBe(0);
  });

  it('shows a project manager their own projects, editable, and no way to create one', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login/);
    await login(page, 'kavya.nair@northwind.example', 'orrery-demo');
    await waitForRoute(page, `${h.baseUrl}/`);
    await page.goto('/projects');
    await page.getByTestId('table-range').waitFor();
    expect(await page.getByTestId('new-project').count()).toBe(0);
    const managers = await page
      .getByTestId('projects-table')
      .locator('tbody tr td:nth-child(4)')
      .evaluateAll((cells) => cells.map((c) => c.textContent));
    expect(managers.length).toBeGreaterThan(0);
    expect(new Set(managers)).toEqual(new Set(['Kavya Nair']));
    await page.getByTestId('projects-table').locator('tbody tr a[href^="/projects/"]').first().click();
    await page.getByTestId('edit').waitFor();
    await page.getByRole('button', { name: 'Edit contributions' }).waitFor();
  });

  it('raised no uncaught error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
