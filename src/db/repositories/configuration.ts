import type { Queryable } from '../connection.ts';
import { isoTimestamp, type TableSpec, versionColumns } from '../sql.ts';

/** The SQL of configuration management: items, their versions, baselines and the configuration as of an instant. */
export const configurationItems: TableSpec = {
  table: 'configuration_items',
  columns: {
    projectId: 'project_id',
    kind: 'kind',
    identifier: 'identifier',
    title: 'title',
    description: 'description',
    ownerId: 'owner_id',
  },
  select: `SELECT ${versionColumns}, t.project_id AS "projectId", t.kind, t.identifier, t.title, t.description,
      t.owner_id AS "ownerId", u.name AS "ownerName",
      (SELECT v.number FROM ci_versions v WHERE v.org_id = t.org_id AND v.ci_id = t.id AND v.status = 'current') AS "currentNumber",
      (SELECT max(v.number) FROM ci_versions v WHERE v.org_id = t.org_id AND v.ci_id = t.id)::int AS "latestNumber",
      EXISTS (SELECT 1 FROM config_baseline_items b WHERE b.org_id = t.org_id AND b.ci_id = t.id) AS baselined
    FROM configuration_items t LEFT JOIN users u ON u.org_id = t.org_id AND u.id = t.owner_id`,
  sortable: { identifier: 't.identifier', title: 't.title', kind: 't.kind', createdAt: 't.created_at' },
  searchable: ['t.identifier', 't.title'],
};

export const ciVersions: TableSpec = {
  table: 'ci_versions',
  columns: {
    ciId: 'ci_id',
    number: 'number',
    content: 'content',
    reference: 'reference',
    note: 'note',
    status: 'status',
    changeRequestId: 'change_request_id',
    createdBy: 'created_by',
    approvedBy: 'approved_by',
    approvedAt: 'approved_at',
    fileName: 'file_name',
    fileType: 'file_type',
    fileSize: 'file_size',
    fileContent: 'file_content',
  },
  select: `SELECT ${versionColumns}, t.ci_id AS "ciId", t.number, t.content, t.reference, t.note, t.status,
      t.file_name AS "fileName", t.file_size AS "fileSize",
      t.change_request_id AS "changeRequestId", cr.number AS "changeRequestNumber",
      c.name AS "createdByName", a.name AS "approvedByName", ${isoTimestamp('t.approved_at')} AS "approvedAt"
    FROM ci_versions t
    LEFT JOIN change_requests cr ON cr.org_id = t.org_id AND cr.id = t.change_request_id
    LEFT JOIN users c ON c.org_id = t.org_id AND c.id = t.created_by
    LEFT JOIN users a ON a.org_id = t.org_id AND a.id = t.approved_by`,
  sortable: { number: 't.number' },
  searchable: [],
};

export function listCiVersions<Row>(q: Queryable, orgId: string, ciId: string): Promise<Row[]> {
  return q.query<Row>(`${ciVersions.select} WHERE t.org_id = $1 AND t.ci_id = $2 ORDER BY t.number DESC`, [
    orgId,
    ciId,
  ]);
}

export async function findCiVersionFile(
  q: Queryable,
  orgId: string,
  id: string,
): Promise<{
  ciId: string;
  fileName: string | null;
  fileType: string | null;
  content: Uint8Array | null;
} | null> {
  const rows = await q.query<{
    ciId: string;
    fileName: string | null;
    fileType: string | null;
    content: Uint8Array | null;
  }>(
    `SELECT ci_id AS "ciId", file_name AS "fileName", file_type AS "fileType", file_content AS content
     FROM ci_versions WHERE org_id = $1 AND id = $2`,
    [orgId, id],
  );
  return rows[0] ?? null;
}

export async function nextCiVersionNumber(q: Queryable, orgId: string, ciId: string): Promise<number> {
  const rows = await q.query<{ next: number }>(
    'SELECT coalesce(max(number), 0)::int + 1 AS next FROM ci_versions WHERE org_id = $1 AND ci_id = $2',
    [orgId, ciId],
  );
  return rows[0]?.next ?? 1;
}

export async function isBaselined(q: Queryable, orgId: string, ciId: string): Promise<boolean> {
  const rows = await q.query('SELECT 1 FROM config_baseline_items WHERE org_id = $1 AND ci_id = $2 LIMIT 1', [
    orgId,
    ciId,
  ]);
  return rows.length > 0;
}

export async function supersedeCurrent(q: Queryable, orgId: string, ciId: string): Promise<void> {
  await q.query(
    `UPDATE ci_versions SET status = 'superseded', version = version + 1, updated_at = now()
     WHERE org_id = $1 AND ci_id = $2 AND status = 'current'`,
    [orgId, ciId],
  );
}

export async function changeRequestOf(
  q: Queryable,
  orgId: string,
  id: string,
): Promise<{ number: number; status: string; projectId: string | null } | null> {
  const rows = await q.query<{ number: number; status: string; projectId: string | null }>(
    'SELECT number, status, project_id AS "projectId" FROM change_requests WHERE org_id = $1 AND id = $2',
    [orgId, id],
  );
  return rows[0] ?? null;
}

export interface BaselineRow {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  projectId: string;
  name: string;
  description: string;
  baselinedAt: string;
  createdByName: string | null;
  items: Array<{ ciId: string; identifier: string; title: string; ciVersionId: string; number: number }>;
}

const baselineSelect = `SELECT ${versionColumns}, t.project_id AS "projectId", t.name, t.description,
    ${isoTimestamp('t.baselined_at')} AS "baselinedAt", u.name AS "createdByName",
    coalesce((SELECT jsonb_agg(jsonb_build_object('ciId', ci.id, 'identifier', ci.identifier, 'title', ci.title,
        'ciVersionId', v.id, 'number', v.number) ORDER BY ci.identifier)
      FROM config_baseline_items i
      JOIN configuration_items ci ON ci.org_id = i.org_id AND ci.id = i.ci_id
      JOIN ci_versions v ON v.org_id = i.org_id AND v.id = i.ci_version_id
      WHERE i.org_id = t.org_id AND i.baseline_id = t.id), '[]'::jsonb) AS items
  FROM config_baselines t LEFT JOIN users u ON u.org_id = t.org_id AND u.id = t.created_by`;

export async function findBaseline(q: Queryable, orgId: string, id: string): Promise<BaselineRow | null> {
  const rows = await q.query<BaselineRow>(`${baselineSelect} WHERE t.org_id = $1 AND t.id = $2`, [orgId, id]);
  return rows[0] ?? null;
}

export function listBaselines(q: Queryable, orgId: string, projectId: string): Promise<BaselineRow[]> {
  return q.query<BaselineRow>(
    `${baselineSelect} WHERE t.org_id = $1 AND t.project_id = $2 ORDER BY t.baselined_at DESC, t.id DESC`,
    [orgId, projectId],
  );
}

export async function insertBaseline(
  q: Queryable,
  row: {
    orgId: string;
    id: string;
    projectId: string;
    name: string;
    description: string;
    createdBy: string | null;
  },
  ciIds: readonly string[] | undefined,
): Promise<number> {
  await q.query(
    `INSERT INTO config_baselines (org_id, id, project_id, name, description, created_by)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [row.orgId, row.id, row.projectId, row.name, row.description, row.createdBy],
  );
  // The items' current versions, as they stand in this transaction.
  const inserted = await q.query(
    `INSERT INTO config_baseline_items (org_id, baseline_id, ci_id, ci_version_id)
     SELECT v.org_id, $2, v.ci_id, v.id FROM ci_versions v
     JOIN configuration_items ci ON ci.org_id = v.org_id AND ci.id = v.ci_id
     WHERE v.org_id = $1 AND ci.project_id = $3 AND v.status = 'current'
       AND ($4::uuid[] IS NULL OR ci.id = ANY ($4::uuid[]))
     RETURNING ci_id`,
    [row.orgId, row.id, row.projectId, ciIds ?? null],
  );
  return inserted.length;
}

export interface ConfigurationRow {
  ciId: string;
  kind: 'deliverable' | 'specification' | 'document';
  identifier: string;
  title: string;
  ciVersionId: string | null;
  number: number | null;
  approvedAt: string | null;
  changeRequestNumber: number | null;
  reference: string | null;
}

/**
 * Each item of the project that existed at `asOf`, with the version approved most recently at or
 * before that instant (null when none was approved yet). Approval times are kept for good, so the
 * answer for a past instant never changes.
 */
export function configurationAsOf(
  q: Queryable,
  orgId: string,
  projectId: string,
  asOf: string,
): Promise<ConfigurationRow[]> {
  return q.query<ConfigurationRow>(
    `SELECT ci.id AS "ciId", ci.kind, ci.identifier, ci.title, v.id AS "ciVersionId", v.number,
        ${isoTimestamp('v.approved_at')} AS "approvedAt", cr.number AS "changeRequestNumber", v.reference
     FROM configuration_items ci
     LEFT JOIN LATERAL (SELECT * FROM ci_versions x
       WHERE x.org_id = ci.org_id AND x.ci_id = ci.id AND x.approved_at IS NOT NULL AND x.approved_at <= $3::timestamptz
       ORDER BY x.approved_at DESC, x.number DESC LIMIT 1) v ON true
     LEFT JOIN change_requests cr ON cr.org_id = v.org_id AND cr.id = v.change_request_id
     WHERE ci.org_id = $1 AND ci.project_id = $2 AND ci.created_at <= $3::timestamptz
     ORDER BY ci.identifier`,
    [orgId, projectId, asOf],
  );
}
