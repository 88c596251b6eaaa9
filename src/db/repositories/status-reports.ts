import type { Queryable } from '../connection.ts';
import { isoDate, isoTimestamp, SqlParams, type TableSpec, versionColumns } from '../sql.ts';
import { uuidv7 } from '../uuid.ts';
import { projectWithin, type ScopeIds } from './scope.ts';

export const statusReports: TableSpec = {
  table: 'status_reports',
  columns: {
    projectId: 'project_id',
    periodStart: 'period_start',
    periodEnd: 'period_end',
    status: 'status',
    overallRag: 'overall_rag',
    scheduleRag: 'schedule_rag',
    costRag: 'cost_rag',
    scopeRag: 'scope_rag',
    resourcesRag: 'resources_rag',
    riskRag: 'risk_rag',
    qualityRag: 'quality_rag',
    narrative: 'narrative',
    achievements: 'achievements',
    nextSteps: 'next_steps',
    decisionsNeeded: 'decisions_needed',
    createdBy: 'created_by',
    submittedBy: 'submitted_by',
    submittedAt: 'submitted_at',
    indicators: 'indicators',
    disagreements: 'disagreements',
    reviewedBy: 'reviewed_by',
    reviewedAt: 'reviewed_at',
    reviewNote: 'review_note',
  },
  select: `SELECT ${versionColumns}, t.project_id AS "projectId", p.code AS "projectCode", p.name AS "projectName",
      p.program_id AS "programId", g.name AS "programName",
      ${isoDate('t.period_start')} AS "periodStart", ${isoDate('t.period_end')} AS "periodEnd", t.status,
      t.overall_rag AS "overallRag", t.schedule_rag AS "scheduleRag", t.cost_rag AS "costRag",
      t.scope_rag AS "scopeRag", t.resources_rag AS "resourcesRag", t.risk_rag AS "riskRag",
      t.quality_rag AS "qualityRag", t.narrative, t.achievements, t.next_steps AS "nextSteps",
      t.decisions_needed AS "decisionsNeeded", c.name AS "createdByName", t.submitted_by AS "submittedBy",
      s.name AS "submittedByName", ${isoTimestamp('t.submitted_at')} AS "submittedAt", t.indicators,
      t.disagreements, r.name AS "reviewedByName", ${isoTimestamp('t.reviewed_at')} AS "reviewedAt",
      t.review_note AS "reviewNote",
      (SELECT count(*)::int FROM status_report_comments x WHERE x.org_id = t.org_id AND x.report_id = t.id) AS "commentCount"
    FROM status_reports t
    JOIN projects p ON p.org_id = t.org_id AND p.id = t.project_id
    LEFT JOIN programs g ON g.org_id = p.org_id AND g.id = p.program_id
    LEFT JOIN users c ON c.org_id = t.org_id AND c.id = t.created_by
    LEFT JOIN users s ON s.org_id = t.org_id AND s.id = t.submitted_by
    LEFT JOIN users r ON r.org_id = t.org_id AND r.id = t.reviewed_by`,
  sortable: { periodEnd: 't.period_end', createdAt: 't.created_at' },
  searchable: ['t.narrative'],
};

const onlyScope = (scope: Partial<ScopeIds>): ScopeIds => ({
  businessUnitIds: scope.businessUnitIds ?? [],
  portfolioIds: scope.portfolioIds ?? [],
  programIds: scope.programIds ?? [],
  projectIds: scope.projectIds ?? [],
});

/** A reporting scope: the organization or one unit (with the units below it), portfolio, program or project. */
export type ReportScope =
  | { type: 'organization' }
  | { type: 'business_unit' | 'portfolio' | 'program' | 'project'; id: string };

/** SQL predicate: the project aliased `alias` lies within `scope` and the reader may see it. */
function projectInScope(
  alias: string,
  params: SqlParams,
  orgId: string,
  scope: ReportScope,
  visible: ScopeIds | null,
): string {
  const conditions: string[] = [];
  if (scope.type !== 'organization') {
    const key = {
      business_unit: 'businessUnitIds',
      portfolio: 'portfolioIds',
      program: 'programIds',
      project: 'projectIds',
    } as const;
    conditions.push(projectWithin(alias, params, orgId, onlyScope({ [key[scope.type]]: [scope.id] })));
  }
  if (visible) conditions.push(projectWithin(alias, params, orgId, visible));
  return conditions.join(' AND ') || 'true';
}

export async function listReportsIn<Row>(
  q: Queryable,
  orgId: string,
  scope: ReportScope,
  visible: ScopeIds | null,
  status: string | undefined,
  page: number,
  pageSize: number,
): Promise<{ items: Row[]; total: number }> {
  const params = new SqlParams();
  let where = `t.org_id = ${params.add(orgId)} AND ${projectInScope('p', params, orgId, scope, visible)}`;
  if (status) where += ` AND t.status = ${params.add(status)}`;
  const countValues = [...params.values];
  const limit = params.add(pageSize);
  const offset = params.add((page - 1) * pageSize);
  // Awaiting review reads oldest first (the queue); otherwise the newest status date first.
  const order =
    status === 'submitted' ? 't.submitted_at ASC, t.id' : 't.period_end DESC, t.created_at DESC, t.id';
  const [items, count] = await Promise.all([
    q.query<Row>(
      `${statusReports.select} WHERE ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
      params.values,
    ),
    q.query<{ total: number }>(
      `SELECT count(*)::int AS total FROM status_reports t
       JOIN projects p ON p.org_id = t.org_id AND p.id = t.project_id WHERE ${where}`,
      countValues,
    ),
  ]);
  return { items, total: count[0]?.total ?? 0 };
}

export async function listComments<Row>(q: Queryable, orgId: string, reportId: string): Promise<Row[]> {
  return q.query<Row>(
    `SELECT x.id, x.report_id AS "reportId", x.parent_id AS "parentId",
       coalesce(u.name, x.author_label) AS "authorLabel", x.body, ${isoTimestamp('x.created_at')} AS "createdAt"
     FROM status_report_comments x LEFT JOIN users u ON u.org_id = x.org_id AND u.id = x.author_id
     WHERE x.org_id = $1 AND x.report_id = $2 ORDER BY x.created_at, x.id`,
    [orgId, reportId],
  );
}

export async function findComment(q: Queryable, orgId: string, commentId: string) {
  const rows = await q.query<{ reportId: string; authorId: string | null }>(
    'SELECT report_id AS "reportId", author_id AS "authorId" FROM status_report_comments WHERE org_id = $1 AND id = $2',
    [orgId, commentId],
  );
  return rows[0] ?? null;
}

export async function insertComment(
  q: Queryable,
  orgId: string,
  row: {
    reportId: string;
    parentId: string | null;
    authorId: string | null;
    authorLabel: string;
    body: string;
  },
): Promise<string> {
  const id = uuidv7();
  await q.query(
    `INSERT INTO status_report_comments (org_id, id, report_id, parent_id, author_id, author_label, body)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [orgId, id, row.reportId, row.parentId, row.authorId, row.authorLabel, row.body],
  );
  return id;
}

export interface StoredCadence {
  frequency: 'weekly' | 'fortnightly' | 'monthly';
  anchorDate: string;
  graceDays: number;
  version: number;
}

export async function findCadence(
  q: Queryable,
  orgId: string,
  projectId: string,
): Promise<StoredCadence | null> {
  const rows = await q.query<StoredCadence>(
    `SELECT frequency, ${isoDate('anchor_date')} AS "anchorDate", grace_days AS "graceDays", version
     FROM reporting_cadences WHERE org_id = $1 AND project_id = $2`,
    [orgId, projectId],
  );
  return rows[0] ?? null;
}

/** Sets a project's cadence; with `expectedVersion`, only if it is still at that version (false when not). */
export async function upsertCadence(
  q: Queryable,
  orgId: string,
  projectId: string,
  cadence: { frequency: string; anchorDate: string; graceDays: number },
  expectedVersion: number | undefined,
): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO reporting_cadences (org_id, id, project_id, frequency, anchor_date, grace_days)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (org_id, project_id) DO UPDATE
       SET frequency = EXCLUDED.frequency, anchor_date = EXCLUDED.anchor_date, grace_days = EXCLUDED.grace_days,
           version = reporting_cadences.version + 1, updated_at = now()
       WHERE $7::int IS NULL OR reporting_cadences.version = $7::int
     RETURNING project_id`,
    [
      orgId,
      uuidv7(),
      projectId,
      cadence.frequency,
      cadence.anchorDate,
      cadence.graceDays,
      expectedVersion ?? null,
    ],
  );
  return rows.length === 1;
}

const thresholdColumns = `spi_amber::float8 AS "spiAmber", spi_red::float8 AS "spiRed", cpi_amber::float8 AS "cpiAmber",
  cpi_red::float8 AS "cpiRed", late_milestones_amber AS "lateMilestonesAmber", late_milestones_red AS "lateMilestonesRed",
  high_risks_amber AS "highRisksAmber", high_risks_red AS "highRisksRed", slip_days_amber AS "slipDaysAmber",
  slip_days_red AS "slipDaysRed", version`;

export interface StoredThresholds {
  spiAmber: number;
  spiRed: number;
  cpiAmber: number;
  cpiRed: number;
  lateMilestonesAmber: number;
  lateMilestonesRed: number;
  highRisksAmber: number;
  highRisksRed: number;
  slipDaysAmber: number;
  slipDaysRed: number;
  version: number;
}

/** The organization's thresholds, made with the column defaults on first use. */
export async function loadThresholds(q: Queryable, orgId: string): Promise<StoredThresholds> {
  const read = () =>
    q.query<StoredThresholds>(`SELECT ${thresholdColumns} FROM status_thresholds WHERE org_id = $1`, [orgId]);
  const found = await read();
  if (found[0]) return found[0];
  await q.query(
    'INSERT INTO status_thresholds (org_id, id) VALUES ($1, $2) ON CONFLICT (org_id) DO NOTHING',
    [orgId, uuidv7()],
  );
  return (await read())[0] as StoredThresholds;
}

const thresholdColumnOf: Record<string, string> = {
  spiAmber: 'spi_amber',
  spiRed: 'spi_red',
  cpiAmber: 'cpi_amber',
  cpiRed: 'cpi_red',
  lateMilestonesAmber: 'late_milestones_amber',
  lateMilestonesRed: 'late_milestones_red',
  highRisksAmber: 'high_risks_amber',
  highRisksRed: 'high_risks_red',
  slipDaysAmber: 'slip_days_amber',
  slipDaysRed: 'slip_days_red',
};

export async function updateThresholds(
  q: Queryable,
  orgId: string,
  version: number,
  patch: Record<string, number | undefined>,
): Promise<boolean> {
  const params = new SqlParams();
  const sets = ['version = version + 1', 'updated_at = now()'];
  for (const [field, value] of Object.entries(patch))
    if (value !== undefined && thresholdColumnOf[field])
      sets.push(`${thresholdColumnOf[field]} = ${params.add(value)}`);
  const rows = await q.query(
    `UPDATE status_thresholds SET ${sets.join(', ')} WHERE org_id = ${params.add(orgId)} AND version = ${params.add(version)} RETURNING org_id`,
    params.values,
  );
  return rows.length === 1;
}

/** The figures the indicators are computed from, as they stand for one project on a status date. */
export async function indicatorData(q: Queryable, orgId: string, projectId: string, statusDate: string) {
  const [financials, milestones, risks, finishes] = await Promise.all([
    q.query<{ spi: number | null; cpi: number | null; asOf: string }>(
      `SELECT spi::float8 AS spi, cpi::float8 AS cpi, ${isoDate('as_of')} AS "asOf"
       FROM project_financials WHERE org_id = $1 AND project_id = $2`,
      [orgId, projectId],
    ),
    q.query<{ taskId: string; name: string; finish: string }>(
      `SELECT id AS "taskId", name, ${isoDate('early_finish')} AS finish FROM tasks
       WHERE org_id = $1 AND project_id = $2 AND milestone AND early_finish IS NOT NULL
         AND early_finish::date < $3::date AND percent_complete < 100 AND actual_finish IS NULL
       ORDER BY early_finish, name`,
      [orgId, projectId, statusDate],
    ),
    q.query<{
      riskId: string;
      reference: number;
      title: string;
      score: number;
      probabilityLevel: number;
      impactLevel: number;
    }>(
      `SELECT r.id AS "riskId", r.reference, r.title, r.score, r.probability_level AS "probabilityLevel",
         r.impact_level AS "impactLevel"
       FROM risks r JOIN risk_projects rp ON rp.org_id = r.org_id AND rp.risk_id = r.id
       WHERE r.org_id = $1 AND rp.project_id = $2 AND r.kind = 'threat' AND r.status IN ('open', 'monitoring')
       ORDER BY r.score DESC, r.reference`,
      [orgId, projectId],
    ),
    q.query<{ baselineFinish: string | null; forecastFinish: string | null }>(
      `SELECT
         (SELECT ${isoDate('max(bt.finish_date)')} FROM baseline_tasks bt
          WHERE bt.org_id = $1 AND bt.baseline_id = (SELECT b.id FROM baselines b
            WHERE b.org_id = $1 AND b.project_id = $2 ORDER BY b.number LIMIT 1)) AS "baselineFinish",
         (SELECT ${isoDate('max(t.early_finish)')} FROM tasks t WHERE t.org_id = $1 AND t.project_id = $2) AS "forecastFinish"`,
      [orgId, projectId],
    ),
  ]);
  return { financials: financials[0] ?? null, milestones, risks, finishes: finishes[0] };
}

/** The stages in which a project owes status reports. */
export const reportingStages = ['initiation', 'planning', 'execution', 'closing'];

export interface ReportingCandidate {
  projectId: string;
  projectCode: string;
  projectName: string;
  programId: string | null;
  programName: string | null;
  managerName: string | null;
  frequency: 'weekly' | 'fortnightly' | 'monthly';
  anchorDate: string;
  graceDays: number;
  lastPeriodEnd: string | null;
  lastSubmittedAt: string | null;
}

/**
 * Projects in a scope that report on a cadence and whose latest submitted status date is older than
 * `staleBefore`: the only ones that can be late (the caller applies each cadence exactly).
 */
export async function staleReporters(
  q: Queryable,
  orgId: string,
  scope: ReportScope,
  visible: ScopeIds | null,
  staleBefore: string,
): Promise<ReportingCandidate[]> {
  const params = new SqlParams();
  const where = `p.org_id = ${params.add(orgId)} AND p.stage = ANY(${params.add(reportingStages)}::text[])
    AND ${projectInScope('p', params, orgId, scope, visible)}`;
  return q.query<ReportingCandidate>(
    `SELECT p.id AS "projectId", p.code AS "projectCode", p.name AS "projectName", p.program_id AS "programId",
       g.name AS "programName", m.name AS "managerName", c.frequency, ${isoDate('c.anchor_date')} AS "anchorDate",
       c.grace_days AS "graceDays", ${isoDate('last.period_end')} AS "lastPeriodEnd",
       ${isoTimestamp('last.submitted_at')} AS "lastSubmittedAt"
     FROM projects p
     JOIN reporting_cadences c ON c.org_id = p.org_id AND c.project_id = p.id
     LEFT JOIN programs g ON g.org_id = p.org_id AND g.id = p.program_id
     LEFT JOIN users m ON m.org_id = p.org_id AND m.id = p.manager_id
     LEFT JOIN LATERAL (SELECT r.period_end, r.submitted_at FROM status_reports r
       WHERE r.org_id = p.org_id AND r.project_id = p.id AND r.status <> 'draft'
       ORDER BY r.period_end DESC, r.submitted_at DESC LIMIT 1) last ON true
     WHERE ${where} AND (last.period_end IS NULL OR last.period_end < ${params.add(staleBefore)}::date)
     ORDER BY p.code`,
    params.values,
  );
}

/** Records that a project's missed due date was flagged; false when it already was. */
export async function insertLateFlag(q: Queryable, orgId: string, projectId: string, dueDate: string) {
  const rows = await q.query(
    `INSERT INTO late_report_flags (org_id, project_id, due_date) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING project_id`,
    [orgId, projectId, dueDate],
  );
  return rows.length === 1;
}

/**
 * Who hears of a late report: the program's manager and program managers granted on it, and the PMO
 * administrators whose grant covers the project (the organization's, or its business unit's or above).
 */
export async function lateReportRecipients(
  q: Queryable,
  orgId: string,
  projectId: string,
): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `WITH RECURSIVE p AS (SELECT business_unit_id, program_id FROM projects WHERE org_id = $1 AND id = $2),
     up(id, parent_id, depth) AS (
       SELECT b.id, b.parent_id, 0 FROM business_units b, p WHERE b.org_id = $1 AND b.id = p.business_unit_id
       UNION ALL SELECT b.id, b.parent_id, up.depth + 1 FROM business_units b JOIN up ON b.id = up.parent_id
       WHERE b.org_id = $1 AND up.depth < 64)
     SELECT g.manager_id AS id FROM programs g, p WHERE g.org_id = $1 AND g.id = p.program_id AND g.manager_id IS NOT NULL
     UNION SELECT r.user_id FROM role_grants r, p
       WHERE r.org_id = $1 AND r.role = 'program_manager' AND r.scope_type = 'program' AND r.scope_id = p.program_id
     UNION SELECT r.user_id FROM role_grants r
       WHERE r.org_id = $1 AND r.role = 'pmo_admin'
         AND (r.scope_type = 'organization' OR (r.scope_type = 'business_unit' AND r.scope_id IN (SELECT id FROM up)))`,
    [orgId, projectId],
  );
  return rows.map((row) => row.id).sort();
}

export async function orgIdsWithCadences(q: Queryable): Promise<string[]> {
  const rows = await q.query<{ orgId: string }>('SELECT DISTINCT org_id AS "orgId" FROM reporting_cadences');
  return rows.map((row) => row.orgId);
}

/** The status date of a project's latest submitted (or reviewed) report. */
export async function lastReportedPeriodEnd(
  q: Queryable,
  orgId: string,
  projectId: string,
): Promise<string | null> {
  const rows = await q.query<{ periodEnd: string | null }>(
    `SELECT ${isoDate('max(period_end)')} AS "periodEnd" FROM status_reports
     WHERE org_id = $1 AND project_id = $2 AND status <> 'draft'`,
    [orgId, projectId],
  );
  return rows[0]?.periodEnd ?? null;
}

export async function setProjectHealth(q: Queryable, orgId: string, projectId: string, health: string) {
  await q.query(
    `UPDATE projects SET health = $3, version = version + 1, updated_at = now()
     WHERE org_id = $1 AND id = $2 AND health IS DISTINCT FROM $3`,
    [orgId, projectId, health],
  );
}

/** Dates a submission (and review) in the past: the demo's report history was written over months. */
export async function backdateReport(
  q: Queryable,
  orgId: string,
  id: string,
  submittedAt: string,
  reviewedAt: string | null,
) {
  await q.query(
    `UPDATE status_reports SET submitted_at = $3, reviewed_at = CASE WHEN reviewed_at IS NULL THEN NULL ELSE $4::timestamptz END,
       created_at = $3, updated_at = coalesce($4::timestamptz, $3::timestamptz)
     WHERE org_id = $1 AND id = $2`,
    [orgId, id, submittedAt, reviewedAt],
  );
  await q.query(
    'UPDATE status_report_comments SET created_at = coalesce($3::timestamptz, $4::timestamptz) WHERE org_id = $1 AND report_id = $2',
    [orgId, id, reviewedAt, submittedAt],
  );
}
