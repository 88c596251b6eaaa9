import type { Database } from '../db/connection.ts';
import { insertLoginEmail } from '../db/repositories/auth.ts';
import { type BulkTable, bulkInsert } from '../db/repositories/bulk-insert.ts';
import { ensureOrganization, grantRoleAsSystem } from './access.ts';
import { hashPassword } from './passwords.ts';
import { standardCalendarDefinition } from './plan-schedule.ts';
import { generateProject, isoDay, seededIds, seededRandom } from './scale-seed-plan.ts';

/**
 * `orrery seed --scale large`: an enterprise shaped like a large P6 database — business units,
 * portfolios, programs, 5,000 projects of 200 tasks (one million), 2,000 resources, budgets, twelve
 * months of actual costs and the stored per-project figures — written in bulk, batch by batch.
 */
export interface ScaleOptions {
  projects: number;
  tasksPerProject: number;
  resources: number;
  seed: number;
  /** The status date (YYYY-MM-DD); actuals run up to it. */
  today: string;
  organization: string;
}

export const SCALES: Record<'small' | 'large', Omit<ScaleOptions, 'seed' | 'today' | 'organization'>> = {
  small: { projects: 200, tasksPerProject: 50, resources: 100 },
  large: { projects: 5_000, tasksPerProject: 200, resources: 2_000 },
};

export const SCALE_PASSWORD = 'orrery-scale';

const t = (table: string, columns: string): BulkTable => ({
  table,
  columns: columns.split(',').map((pair) => pair.trim().split(' ') as [string, string]),
});
const tables = {
  users: t('users', 'org_id uuid, id uuid, email text, name text, password_hash text'),
  units: t('business_units', 'org_id uuid, id uuid, parent_id uuid, name text, code text'),
  portfolios: t('portfolios', 'org_id uuid, id uuid, name text, business_unit_id uuid, manager_id uuid'),
  programs: t('programs', 'org_id uuid, id uuid, portfolio_id uuid, name text, manager_id uuid'),
  projects: t(
    'projects',
    'org_id uuid, id uuid, code text, name text, manager_id uuid, business_unit_id uuid, portfolio_id uuid, program_id uuid, stage text, target_start date, target_finish date, budget numeric, priority int, health text',
  ),
  schedules: t(
    'project_schedules',
    'org_id uuid, project_id uuid, calendar_id uuid, start_date timestamp, status_date timestamp, computed_start timestamp, computed_finish timestamp, computed_at timestamptz',
  ),
  resources: t('resources', 'org_id uuid, id uuid, code text, name text, kind text, business_unit_id uuid'),
  tasks: t(
    'tasks',
    'org_id uuid, id uuid, project_id uuid, parent_id uuid, position int, wbs_code text, name text, duration_minutes int, milestone boolean, is_summary boolean, early_start timestamp, early_finish timestamp, late_start timestamp, late_finish timestamp, total_slack_minutes int, free_slack_minutes int, critical boolean, percent_complete numeric, actual_start timestamp, actual_finish timestamp',
  ),
  links: t('task_links', 'org_id uuid, id uuid, predecessor_id uuid, successor_id uuid'),
  assignments: t(
    'assignments',
    'org_id uuid, id uuid, task_id uuid, project_id uuid, resource_id uuid, units numeric, work_minutes int, actual_work_minutes int, cost numeric',
  ),
  budgetLines: t(
    'budget_lines',
    'org_id uuid, id uuid, project_id uuid, category text, period date, amount numeric',
  ),
  actualCosts: t(
    'actual_costs',
    'org_id uuid, id uuid, project_id uuid, category text, incurred_on date, amount numeric, description text, source text',
  ),
  periods: t(
    'project_period_figures',
    'org_id uuid, project_id uuid, period date, budget numeric, actual numeric, forecast numeric, pv numeric, ev numeric',
  ),
  financials: t(
    'project_financials',
    'org_id uuid, project_id uuid, as_of date, budget numeric, actual numeric, forecast_to_complete numeric, bac numeric, pv numeric, ev numeric, ac numeric, eac numeric, etc numeric, vac numeric, spi numeric, cpi numeric, tcpi numeric, spi_t numeric, forecast_finish date',
  ),
};

const UNITS = ['Corporate', 'Digital', 'Energy', 'Infrastructure', 'Operations', 'Research'];
const WORDS = [
  'Atlas',
  'Beacon',
  'Cobalt',
  'Delta',
  'Ember',
  'Falcon',
  'Granite',
  'Harbor',
  'Iris',
  'Juniper',
];
const KINDS = ['upgrade', 'rollout', 'migration', 'build', 'renewal', 'integration', 'expansion', 'study'];

export interface ScaleResult {
  orgId: string;
  adminEmail: string;
  projects: number;
  tasks: number;
  links: number;
}

/** Writes the enterprise; `progress` hears how many projects are done after each batch. */
export async function seedScale(
  db: Database,
  options: ScaleOptions,
  progress: (done: number, total: number) => void = () => {},
): Promise<ScaleResult> {
  const random = seededRandom(options.seed);
  const today = Date.parse(`${options.today}T00:00:00Z`);
  const nextId = seededIds(random, today - 400 * 86_400_000);
  const existing = await db.query<{ id: string }>('SELECT id FROM organizations WHERE name = $1', [
    options.organization,
  ]);
  if (existing.length > 0) throw new Error(`an organization named "${options.organization}" already exists`);
  const orgId = await ensureOrganization(db, options.organization);
  const slug = options.organization
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  const adminEmail = `admin@${slug}.example`;
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];

  // People: one administrator who can sign in, and the managers the structure names.
  const adminId = nextId();
  const managerCount = Math.max(10, Math.ceil(options.projects / 15));
  const managers = Array.from({ length: managerCount }, () => nextId());
  await db.transaction(async (tx) => {
    await bulkInsert(tx, tables.users, [
      [orgId, adminId, adminEmail, 'Scale Administrator', await hashPassword(SCALE_PASSWORD)],
      ...managers.map((id, k) => [orgId, id, `manager${k + 1}@${slug}.example`, `Manager ${k + 1}`, null]),
    ]);
    await insertLoginEmail(tx, adminEmail, orgId, adminId);
    await grantRoleAsSystem(tx, orgId, {
      userId: adminId,
      role: 'pmo_admin',
      scopeType: 'organization',
      scopeId: null,
    });
  });

  // Structure: top-level units with two sub-units each, portfolios per unit, programs per portfolio.
  const roots = UNITS.map((name, k) => ({ id: nextId(), name, code: `BU${k + 1}` }));
  const subs = roots.flatMap((root, k) =>
    [1, 2].map((n) => ({
      id: nextId(),
      parent: root.id,
      name: `${root.name} ${n === 1 ? 'East' : 'West'}`,
      code: `BU${k + 1}.${n}`,
    })),
  );
  const unitsOf = new Map(
    roots.map((root) => [root.id, [root.id, ...subs.filter((s) => s.parent === root.id).map((s) => s.id)]]),
  );
  const portfolioCount = Math.max(2, Math.round(options.projects / 170));
  const portfolios = Array.from({ length: portfolioCount }, (_, k) => ({
    id: nextId(),
    unit: roots[k % roots.length].id,
    name: `${roots[k % roots.length].name} portfolio ${Math.floor(k / roots.length) + 1}`,
  }));
  const programCount = Math.max(2, Math.round(options.projects / 20));
  const programs = Array.from({ length: programCount }, (_, k) => ({
    id: nextId(),
    portfolio: portfolios[k % portfolios.length],
    name: `${WORDS[k % WORDS.length]} program ${k + 1}`,
  }));
  const resourceIds = Array.from({ length: options.resources }, () => nextId());
  const calendarId = nextId();
  await db.transaction(async (tx) => {
    await bulkInsert(tx, tables.units, [
      ...roots.map((u) => [orgId, u.id, null, u.name, u.code]),
      ...subs.map((u) => [orgId, u.id, u.parent, u.name, u.code]),
    ]);
    await bulkInsert(
      tx,
      tables.portfolios,
      portfolios.map((p) => [orgId, p.id, p.name, p.unit, pick(managers)]),
    );
    await bulkInsert(
      tx,
      tables.programs,
      programs.map((g) => [orgId, g.id, g.portfolio.id, g.name, pick(managers)]),
    );
    await bulkInsert(
      tx,
      tables.resources,
      resourceIds.map((id, k) => [orgId, id, `R${k + 1}`, `Resource ${k + 1}`, 'person', pick(roots).id]),
    );
    await tx.query(
      'INSERT INTO calendars (org_id, id, project_id, name, definition) VALUES ($1, $2, NULL, $3, $4)',
      [orgId, calendarId, 'Standard', JSON.stringify(standardCalendarDefinition())],
    );
  });

  const batch = Math.max(1, Math.floor(20_000 / options.tasksPerProject));
  let tasks = 0;
  let links = 0;
  const lastTaskOfProgram = new Map<string, string>();
  for (let offset = 0; offset < options.projects; offset += batch) {
    const rows = Object.fromEntries(Object.keys(tables).map((key) => [key, [] as unknown[][]])) as Record<
      keyof typeof tables,
      unknown[][]
    >;
    for (let k = offset; k < Math.min(options.projects, offset + batch); k++) {
      const program = programs[k % programs.length];
      const unit = pick(unitsOf.get(program.portfolio.unit) as string[]);
      const projectId = nextId();
      // Projects start on a Monday between eleven months ago and four months ahead.
      const startDay = today + (Math.floor(random() * 450) - 330) * 86_400_000;
      const monday = startDay - ((new Date(startDay).getUTCDay() + 6) % 7) * 86_400_000;
      const budget = Math.round(50_000 + random() * random() * 4_000_000);
      const plan = generateProject(
        { orgId, projectId, start: monday, budget, tasks: options.tasksPerProject, today, resourceIds },
        random,
        nextId,
      );
      const worst = Math.min(plan.spi ?? 1, plan.cpi ?? 1);
      const health =
        plan.stage === 'planning' && random() < 0.5
          ? null
          : worst < 0.88
            ? 'red'
            : worst < 0.96
              ? 'amber'
              : 'green';
      const targetFinish = plan.finish + Math.floor(random() * 30) * 86_400_000;
      rows.projects.push([
        orgId,
        projectId,
        `PRJ-${String(k + 1).padStart(5, '0')}`,
        `${pick(WORDS)} ${pick(KINDS)} ${k + 1}`,
        pick(managers),
        unit,
        program.portfolio.id,
        program.id,
        plan.stage,
        isoDay(monday),
        isoDay(targetFinish),
        budget,
        1 + Math.floor(random() * 100),
        health,
      ]);
      rows.schedules.push([
        orgId,
        projectId,
        calendarId,
        `${isoDay(monday)} 08:00:00`,
        `${options.today} 17:00:00`,
        `${isoDay(monday)} 08:00:00`,
        `${isoDay(plan.finish)} 17:00:00`,
        new Date(today).toISOString(),
      ]);
      rows.tasks.push(...plan.tasks);
      rows.links.push(...plan.links);
      // Some projects of a program hand over to the next: links across projects.
      const before = lastTaskOfProgram.get(program.id);
      if (before && random() < 0.2) rows.links.push([orgId, nextId(), before, plan.firstTaskId]);
      lastTaskOfProgram.set(program.id, plan.lastTaskId);
      rows.assignments.push(...plan.assignments);
      rows.budgetLines.push(...plan.budgetLines);
      rows.actualCosts.push(...plan.actualCosts);
      rows.periods.push(...plan.periods);
      rows.financials.push(plan.financials);
    }
    await db.transaction(async (tx) => {
      for (const key of [
        'projects',
        'schedules',
        'tasks',
        'links',
        'assignments',
        'budgetLines',
        'actualCosts',
        'periods',
        'financials',
      ] as const)
        await bulkInsert(tx, tables[key], rows[key]);
    });
    tasks += rows.tasks.length;
    links += rows.links.length;
    progress(Math.min(options.projects, offset + batch), options.projects);
  }
  await db.exec('ANALYZE');
  return { orgId, adminEmail, projects: options.projects, tasks, links };
}
