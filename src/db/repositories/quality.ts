import type { Queryable } from '../connection.ts';
import { isoDate, type TableSpec, versionColumns } from '../sql.ts';
import { uuidv7 } from '../uuid.ts';

export const qualityStandards: TableSpec = {
  table: 'quality_standards',
  columns: {
    code: 'code',
    name: 'name',
    description: 'description',
    projectType: 'project_type',
    requiredFrom: 'required_from',
    active: 'active',
  },
  select: `SELECT ${versionColumns}, t.code, t.name, t.description, t.project_type AS "projectType",
      t.required_from AS "requiredFrom", t.active,
      coalesce((SELECT json_agg(json_build_object('id', i.id, 'position', i.position, 'text', i.text) ORDER BY i.position)
        FROM quality_checklist_items i WHERE i.org_id = t.org_id AND i.standard_id = t.id), '[]'::json) AS checklist
    FROM quality_standards t`,
  sortable: { code: 't.code', name: 't.name', createdAt: 't.created_at' },
  searchable: ['t.code', 't.name', 't.description'],
};

export const inspections: TableSpec = {
  table: 'quality_inspections',
  columns: {
    projectId: 'project_id',
    standardId: 'standard_id',
    kind: 'kind',
    title: 'title',
    heldOn: 'held_on',
    inspectorId: 'inspector_id',
    notes: 'notes',
  },
  select: `SELECT ${versionColumns}, t.project_id AS "projectId", p.code || ' ' || p.name AS "projectName",
      t.standard_id AS "standardId", s.code || ' ' || s.name AS "standardName", t.kind, t.title,
      ${isoDate('t.held_on')} AS "heldOn", t.inspector_id AS "inspectorId", u.name AS "inspectorName", t.notes,
      coalesce((SELECT json_agg(json_build_object('itemId', r.item_id, 'text', i.text, 'result', r.result, 'note', r.note)
          ORDER BY i.position)
        FROM quality_check_results r JOIN quality_checklist_items i ON i.org_id = r.org_id AND i.id = r.item_id
        WHERE r.org_id = t.org_id AND r.inspection_id = t.id), '[]'::json) AS results,
      (SELECT count(*)::int FROM quality_check_results r
        WHERE r.org_id = t.org_id AND r.inspection_id = t.id AND r.result = 'pass') AS passed,
      (SELECT count(*)::int FROM quality_check_results r
        WHERE r.org_id = t.org_id AND r.inspection_id = t.id AND r.result = 'fail') AS failed
    FROM quality_inspections t
    JOIN projects p ON p.org_id = t.org_id AND p.id = t.project_id
    JOIN quality_standards s ON s.org_id = t.org_id AND s.id = t.standard_id
    LEFT JOIN users u ON u.org_id = t.org_id AND u.id = t.inspector_id`,
  sortable: { heldOn: 't.held_on', title: 't.title', createdAt: 't.created_at' },
  searchable: ['t.title', 't.notes'],
};

export const findings: TableSpec = {
  table: 'quality_findings',
  columns: {
    inspectionId: 'inspection_id',
    projectId: 'project_id',
    severity: 'severity',
    description: 'description',
    status: 'status',
  },
  select: `SELECT ${versionColumns}, t.inspection_id AS "inspectionId", t.project_id AS "projectId", t.severity,
      t.description, t.status
    FROM quality_findings t`,
  sortable: {
    severity: `CASE t.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END`,
    createdAt: 't.created_at',
  },
  searchable: ['t.description'],
};

export const correctiveActions: TableSpec = {
  table: 'corrective_actions',
  columns: {
    findingId: 'finding_id',
    projectId: 'project_id',
    title: 'title',
    ownerId: 'owner_id',
    dueDate: 'due_date',
    status: 'status',
    doneOn: 'done_on',
  },
  select: `SELECT ${versionColumns}, t.finding_id AS "findingId", t.project_id AS "projectId", t.title,
      t.owner_id AS "ownerId", u.name AS "ownerName", ${isoDate('t.due_date')} AS "dueDate", t.status,
      ${isoDate('t.done_on')} AS "doneOn"
    FROM corrective_actions t LEFT JOIN users u ON u.org_id = t.org_id AND u.id = t.owner_id`,
  sortable: { dueDate: 't.due_date', createdAt: 't.created_at' },
  searchable: ['t.title'],
};

export async function replaceChecklist(
  q: Queryable,
  orgId: string,
  standardId: string,
  items: readonly string[],
) {
  await q.query('DELETE FROM quality_checklist_items WHERE org_id = $1 AND standard_id = $2', [
    orgId,
    standardId,
  ]);
  for (const [index, text] of items.entries())
    await q.query(
      'INSERT INTO quality_checklist_items (org_id, id, standard_id, position, text) VALUES ($1, $2, $3, $4, $5)',
      [orgId, uuidv7(), standardId, index + 1, text],
    );
}

export async function standardInUse(q: Queryable, orgId: string, standardId: string): Promise<boolean> {
  const rows = await q.query(
    'SELECT 1 FROM quality_inspections WHERE org_id = $1 AND standard_id = $2 LIMIT 1',
    [orgId, standardId],
  );
  return rows.length > 0;
}

export async function checklistItemIds(
  q: Queryable,
  orgId: string,
  standardId: string,
): Promise<Set<string>> {
  const rows = await q.query<{ id: string }>(
    'SELECT id FROM quality_checklist_items WHERE org_id = $1 AND standard_id = $2',
    [orgId, standardId],
  );
  return new Set(rows.map((row) => row.id));
}

export async function replaceCheckResults(
  q: Queryable,
  orgId: string,
  inspectionId: string,
  results: ReadonlyArray<{ itemId: string; result: string; note: string }>,
) {
  await q.query('DELETE FROM quality_check_results WHERE org_id = $1 AND inspection_id = $2', [
    orgId,
    inspectionId,
  ]);
  for (const r of results)
    await q.query(
      `INSERT INTO quality_check_results (org_id, inspection_id, item_id, result, note) VALUES ($1, $2, $3, $4, $5)`,
      [orgId, inspectionId, r.itemId, r.result, r.note],
    );
}

/**
 * Each project's oversight level, from its manager's latest maturity assessment and the
 * organization's policy (defaults 3 and 4); a project whose manager was never assessed is under
 * standard oversight. `$1` is the organization. The one place this rule is written in SQL.
 */
export const projectOversightCte = `project_oversight AS (
  SELECT p.id AS project_id, p.manager_id, lv.level,
    CASE WHEN lv.level IS NULL THEN 'standard'
         WHEN lv.level < coalesce(op.standard_from, 3) THEN 'intensive'
         WHEN lv.level >= coalesce(op.light_from, 4) THEN 'light'
         ELSE 'standard' END AS oversight
  FROM projects p
  LEFT JOIN oversight_policies op ON op.org_id = p.org_id
  LEFT JOIN LATERAL (SELECT a.level FROM maturity_assessments a
    WHERE a.org_id = p.org_id AND a.subject_type = 'user' AND a.subject_user_id = p.manager_id
    ORDER BY a.assessed_on DESC, a.created_at DESC LIMIT 1) lv ON true
  WHERE p.org_id = $1)`;

/** SQL predicate: standard `s` applies to project `p` under oversight `o.oversight`. */
export const standardApplies = `s.active AND (s.project_type IS NULL OR s.project_type = p.methodology)
  AND (s.required_from = 'light' OR (s.required_from = 'standard' AND o.oversight <> 'light')
       OR (s.required_from = 'intensive' AND o.oversight = 'intensive'))`;

export interface ComplianceRow {
  projectId: string;
  programId: string | null;
  portfolioId: string;
  oversight: 'intensive' | 'standard' | 'light';
  applicableChecks: number;
  checksPassed: number;
  checksRecorded: number;
  low: number;
  medium: number;
  high: number;
  critical: number;
  overdueActions: number;
}

/**
 * Per project: the applicable checks (items of the standards that apply, less those whose latest
 * result is "not applicable"), how many of them last passed, open findings by severity and overdue
 * corrective actions. The latest result of a check is the one of the most recent inspection.
 */
export async function complianceByProject(
  q: Queryable,
  orgId: string,
  today: string,
  projectWhere: (alias: string) => string | null,
  params: readonly unknown[],
): Promise<ComplianceRow[]> {
  const extra = projectWhere('p');
  return q.query<ComplianceRow>(
    `WITH ${projectOversightCte},
     latest AS (
       SELECT DISTINCT ON (qi.project_id, r.item_id) qi.project_id, r.item_id, r.result
       FROM quality_check_results r
       JOIN quality_inspections qi ON qi.org_id = r.org_id AND qi.id = r.inspection_id
       WHERE r.org_id = $1
       ORDER BY qi.project_id, r.item_id, qi.held_on DESC, qi.created_at DESC),
     checks AS (
       SELECT p.id AS project_id,
         count(*) FILTER (WHERE l.result IS DISTINCT FROM 'na')::int AS applicable,
         count(*) FILTER (WHERE l.result = 'pass')::int AS passed,
         count(l.result)::int AS recorded
       FROM projects p
       JOIN project_oversight o ON o.project_id = p.id
       JOIN quality_standards s ON s.org_id = p.org_id AND ${standardApplies}
       JOIN quality_checklist_items i ON i.org_id = s.org_id AND i.standard_id = s.id
       LEFT JOIN latest l ON l.project_id = p.id AND l.item_id = i.id
       WHERE p.org_id = $1
       GROUP BY p.id),
     open_findings AS (
       SELECT project_id,
         count(*) FILTER (WHERE severity = 'low')::int AS low,
         count(*) FILTER (WHERE severity = 'medium')::int AS medium,
         count(*) FILTER (WHERE severity = 'high')::int AS high,
         count(*) FILTER (WHERE severity = 'critical')::int AS critical
       FROM quality_findings WHERE org_id = $1 AND status = 'open' GROUP BY project_id),
     overdue AS (
       SELECT project_id, count(*)::int AS n FROM corrective_actions
       WHERE org_id = $1 AND status <> 'done' AND due_date < $2::date GROUP BY project_id)
     SELECT p.id AS "projectId", p.program_id AS "programId", p.portfolio_id AS "portfolioId", o.oversight,
       coalesce(c.applicable, 0) AS "applicableChecks", coalesce(c.passed, 0) AS "checksPassed",
       coalesce(c.recorded, 0) AS "checksRecorded",
       coalesce(f.low, 0) AS low, coalesce(f.medium, 0) AS medium, coalesce(f.high, 0) AS high,
       coalesce(f.critical, 0) AS critical, coalesce(d.n, 0) AS "overdueActions"
     FROM projects p
     JOIN project_oversight o ON o.project_id = p.id
     LEFT JOIN checks c ON c.project_id = p.id
     LEFT JOIN open_findings f ON f.project_id = p.id
     LEFT JOIN overdue d ON d.project_id = p.id
     WHERE p.org_id = $1 ${extra ? `AND ${extra}` : ''}
     ORDER BY p.code`,
    [orgId, today, ...params],
  );
}

export async function namesOf(q: Queryable, table: 'programs' | 'portfolios', orgId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, { name: string; portfolioId: string | null }>();
  const portfolio = table === 'programs' ? 'portfolio_id' : 'NULL::uuid';
  const rows = await q.query<{ id: string; name: string; portfolioId: string | null }>(
    `SELECT id, name, ${portfolio} AS "portfolioId" FROM ${table} WHERE org_id = $1 AND id = ANY($2::uuid[])`,
    [orgId, ids],
  );
  return new Map(rows.map((row) => [row.id, row]));
}

export interface DueActionReminder {
  id: string;
  title: string;
  ownerId: string;
  dueDate: string;
  projectName: string;
}

/** Open actions with an owner due by `horizon` whose owner was not yet reminded of this due date; marks them. */
export async function takeDueActionReminders(q: Queryable, orgId: string, horizon: string) {
  return q.query<DueActionReminder>(
    `UPDATE corrective_actions t SET reminded_for = t.due_date
     FROM projects p
     WHERE t.org_id = $1 AND p.org_id = t.org_id AND p.id = t.project_id
       AND t.status <> 'done' AND t.owner_id IS NOT NULL AND t.due_date <= $2::date
       AND t.reminded_for IS DISTINCT FROM t.due_date
     RETURNING t.id, t.title, t.owner_id AS "ownerId", ${isoDate('t.due_date')} AS "dueDate",
       p.code || ' ' || p.name AS "projectName"`,
    [orgId, horizon],
  );
}
