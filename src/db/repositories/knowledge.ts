import type { Queryable } from '../connection.ts';
import { isoTimestamp, SqlParams, type TableSpec, versionColumns } from '../sql.ts';

/** The SQL of process assets: their versions, attachments and the ranked full-text search. */
export const processAssets: TableSpec = {
  table: 'process_assets',
  columns: {
    kind: 'kind',
    title: 'title',
    summary: 'summary',
    ownerId: 'owner_id',
    tags: 'tags',
    methodology: 'methodology',
    businessUnitId: 'business_unit_id',
    projectType: 'project_type',
    publishedVersionId: 'published_version_id',
    publishedBody: 'published_body',
  },
  select: `SELECT ${versionColumns}, t.kind, t.title, t.summary, t.owner_id AS "ownerId", u.name AS "ownerName",
      t.tags, t.methodology, t.business_unit_id AS "businessUnitId", b.name AS "businessUnitName",
      t.project_type AS "projectType", t.published_version_id AS "publishedVersionId",
      pv.number AS "publishedNumber", coalesce(lv.number, 1) AS "latestNumber",
      coalesce(lv.status, 'draft') AS "latestStatus"
    FROM process_assets t
    LEFT JOIN users u ON u.org_id = t.org_id AND u.id = t.owner_id
    LEFT JOIN business_units b ON b.org_id = t.org_id AND b.id = t.business_unit_id
    LEFT JOIN asset_versions pv ON pv.org_id = t.org_id AND pv.id = t.published_version_id
    LEFT JOIN LATERAL (SELECT v.number, v.status FROM asset_versions v
      WHERE v.org_id = t.org_id AND v.asset_id = t.id ORDER BY v.number DESC LIMIT 1) lv ON true`,
  sortable: { title: 't.title', kind: 't.kind', updatedAt: 't.updated_at', createdAt: 't.created_at' },
  searchable: ['t.title', 't.summary'],
};

const versionSelectColumns = `${versionColumns}, t.asset_id AS "assetId", t.number, t.change_note AS "changeNote",
      t.status, t.author_id AS "authorId", a.name AS "authorName",
      ${isoTimestamp('t.submitted_at')} AS "submittedAt", ${isoTimestamp('t.published_at')} AS "publishedAt",
      p.name AS "publishedByName", ${isoTimestamp('t.retired_at')} AS "retiredAt"`;
const versionJoins = `FROM asset_versions t
    LEFT JOIN users a ON a.org_id = t.org_id AND a.id = t.author_id
    LEFT JOIN users p ON p.org_id = t.org_id AND p.id = t.published_by`;

export const assetVersions: TableSpec = {
  table: 'asset_versions',
  columns: {
    assetId: 'asset_id',
    number: 'number',
    body: 'body',
    changeNote: 'change_note',
    status: 'status',
    authorId: 'author_id',
    submittedAt: 'submitted_at',
    publishedAt: 'published_at',
    publishedBy: 'published_by',
    retiredAt: 'retired_at',
  },
  select: `SELECT ${versionSelectColumns}, t.body ${versionJoins}`,
  sortable: { number: 't.number' },
  searchable: [],
};

export function listAssetVersionSummaries<Row>(q: Queryable, orgId: string, assetId: string): Promise<Row[]> {
  return q.query<Row>(
    `SELECT ${versionSelectColumns} ${versionJoins} WHERE t.org_id = $1 AND t.asset_id = $2 ORDER BY t.number DESC`,
    [orgId, assetId],
  );
}

export async function findAssetVersionByNumber<Row>(
  q: Queryable,
  orgId: string,
  assetId: string,
  number: number,
): Promise<Row | null> {
  const rows = await q.query<Row>(
    `${assetVersions.select} WHERE t.org_id = $1 AND t.asset_id = $2 AND t.number = $3`,
    [orgId, assetId, number],
  );
  return rows[0] ?? null;
}

export async function latestAssetVersion(
  q: Queryable,
  orgId: string,
  assetId: string,
): Promise<{ id: string; number: number; status: string; body: string } | null> {
  const rows = await q.query<{ id: string; number: number; status: string; body: string }>(
    'SELECT id, number, status, body FROM asset_versions WHERE org_id = $1 AND asset_id = $2 ORDER BY number DESC LIMIT 1',
    [orgId, assetId],
  );
  return rows[0] ?? null;
}

/** Points the asset at the version members read (or at none), keeping the searched body with it. */
export async function setPublishedVersion(
  q: Queryable,
  orgId: string,
  assetId: string,
  versionId: string | null,
): Promise<void> {
  await q.query(
    `UPDATE process_assets SET published_version_id = $3,
       published_body = coalesce((SELECT body FROM asset_versions WHERE org_id = $1 AND id = $3), ''),
       version = version + 1, updated_at = now()
     WHERE org_id = $1 AND id = $2`,
    [orgId, assetId, versionId],
  );
}

/** Retires the published version an asset had, when a newer one replaces it. */
export async function retirePublishedVersions(q: Queryable, orgId: string, assetId: string, except: string) {
  await q.query(
    `UPDATE asset_versions SET status = 'retired', retired_at = now(), version = version + 1, updated_at = now()
     WHERE org_id = $1 AND asset_id = $2 AND status = 'published' AND id <> $3`,
    [orgId, assetId, except],
  );
}

export interface AssetFilterValues {
  kind?: string | undefined;
  tag?: string | undefined;
  methodology?: string | undefined;
  businessUnitId?: string | undefined;
  projectType?: string | undefined;
}

/**
 * Which assets a reader sees: the published ones, those they own, and — for the PMO — every asset
 * of the units (and the units below them) where they keep the knowledge base; all of them when they
 * keep it for the whole organization.
 */
export function assetVisibilitySql(
  params: SqlParams,
  orgId: string,
  reader: { seesAll: boolean; userId: string | null; managedUnitIds: readonly string[] },
  onlyPublished: boolean,
): string | null {
  if (reader.seesAll && !onlyPublished) return null;
  const published = 't.published_version_id IS NOT NULL';
  if (onlyPublished) return published;
  const also: string[] = [];
  if (reader.userId) also.push(`t.owner_id = ${params.add(reader.userId)}`);
  if (reader.managedUnitIds.length > 0)
    also.push(`t.business_unit_id IN (WITH RECURSIVE d(id) AS (
        SELECT id FROM business_units WHERE org_id = ${params.add(orgId)} AND id = ANY (${params.add(reader.managedUnitIds)}::uuid[])
        UNION SELECT b.id FROM business_units b JOIN d ON b.parent_id = d.id WHERE b.org_id = ${params.add(orgId)})
      SELECT id FROM d)`);
  return also.length === 0 ? published : `(${published} OR ${also.join(' OR ')})`;
}

export function assetFilterSql(params: SqlParams, filters: AssetFilterValues): string | null {
  const conditions: string[] = [];
  if (filters.kind) conditions.push(`t.kind = ${params.add(filters.kind)}`);
  if (filters.tag)
    conditions.push(`${params.add(filters.tag.toLowerCase())} = ANY (SELECT lower(x) FROM unnest(t.tags) x)`);
  // An asset without an applicability applies everywhere, so it matches every filter value.
  if (filters.methodology)
    conditions.push(`(t.methodology IS NULL OR t.methodology = ${params.add(filters.methodology)})`);
  if (filters.businessUnitId)
    conditions.push(
      `(t.business_unit_id IS NULL OR t.business_unit_id = ${params.add(filters.businessUnitId)})`,
    );
  if (filters.projectType)
    conditions.push(
      `(t.project_type IS NULL OR lower(t.project_type) = lower(${params.add(filters.projectType)}))`,
    );
  return conditions.length > 0 ? conditions.join(' AND ') : null;
}

export interface SearchRow {
  id: string;
  kind: string;
  title: string;
  tags: string[];
  publishedNumber: number | null;
  rank: number;
  snippet: string;
}

/**
 * Published assets matching `text` (web-search syntax: words, "phrases", -not, or), best first by
 * ts_rank_cd over the weighted vector (title A, tags B, body C), with a highlighted passage of each.
 */
export async function searchPublishedAssets(
  q: Queryable,
  orgId: string,
  text: string,
  options: { kind?: string | undefined; limit: number; offset: number },
): Promise<{ items: SearchRow[]; total: number }> {
  const params = new SqlParams();
  const conditions = [
    `t.org_id = ${params.add(orgId)}`,
    't.published_version_id IS NOT NULL',
    `t.search @@ query`,
  ];
  const queryParam = params.add(text);
  if (options.kind) conditions.push(`t.kind = ${params.add(options.kind)}`);
  const from = `FROM process_assets t CROSS JOIN websearch_to_tsquery('english', ${queryParam}) query`;
  const where = conditions.join(' AND ');
  const countRows = await q.query<{ total: number }>(
    `SELECT count(*)::int AS total ${from} WHERE ${where}`,
    params.values,
  );
  const limit = params.add(options.limit);
  const offset = params.add(options.offset);
  const items = await q.query<SearchRow>(
    `SELECT t.id, t.kind, t.title, t.tags, pv.number AS "publishedNumber",
        ts_rank_cd(t.search, query)::float8 AS rank,
        ts_headline('english', CASE WHEN t.summary = '' THEN t.published_body ELSE t.summary || E'\\n' || t.published_body END,
          query, 'StartSel=«, StopSel=», MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "') AS snippet
     ${from}
     LEFT JOIN asset_versions pv ON pv.org_id = t.org_id AND pv.id = t.published_version_id
     WHERE ${where}
     ORDER BY rank DESC, t.title, t.id
     LIMIT ${limit} OFFSET ${offset}`,
    params.values,
  );
  return { items, total: countRows[0]?.total ?? 0 };
}

export interface AttachmentRow {
  id: string;
  assetId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  uploadedByName: string | null;
  createdAt: string;
}

const attachmentColumns = `t.id, t.asset_id AS "assetId", t.file_name AS "fileName", t.content_type AS "contentType",
  t.size_bytes AS "sizeBytes", u.name AS "uploadedByName", ${isoTimestamp('t.created_at')} AS "createdAt"`;
const attachmentFrom = `FROM asset_attachments t LEFT JOIN users u ON u.org_id = t.org_id AND u.id = t.uploaded_by`;

export function listAttachments(q: Queryable, orgId: string, assetId: string): Promise<AttachmentRow[]> {
  return q.query<AttachmentRow>(
    `SELECT ${attachmentColumns} ${attachmentFrom} WHERE t.org_id = $1 AND t.asset_id = $2 ORDER BY t.file_name, t.id`,
    [orgId, assetId],
  );
}

export async function findAttachment(
  q: Queryable,
  orgId: string,
  id: string,
): Promise<(AttachmentRow & { content: Uint8Array }) | null> {
  const rows = await q.query<AttachmentRow & { content: Uint8Array }>(
    `SELECT ${attachmentColumns}, t.content ${attachmentFrom} WHERE t.org_id = $1 AND t.id = $2`,
    [orgId, id],
  );
  return rows[0] ?? null;
}

export async function insertAttachment(
  q: Queryable,
  row: {
    orgId: string;
    id: string;
    assetId: string;
    fileName: string;
    contentType: string;
    content: Uint8Array;
    uploadedBy: string | null;
  },
): Promise<void> {
  await q.query(
    `INSERT INTO asset_attachments (org_id, id, asset_id, file_name, content_type, size_bytes, content, uploaded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      row.orgId,
      row.id,
      row.assetId,
      row.fileName,
      row.contentType,
      row.content.length,
      row.content,
      row.uploadedBy,
    ],
  );
}

export async function deleteAttachmentRow(q: Queryable, orgId: string, id: string): Promise<void> {
  await q.query('DELETE FROM asset_attachments WHERE org_id = $1 AND id = $2', [orgId, id]);
}
