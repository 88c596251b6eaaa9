import type { Queryable } from '../connection.ts';
import { isoTimestamp, type TableSpec, versionColumns } from '../sql.ts';

/** The SQL of project templates and their versions. */
export const projectTemplates: TableSpec = {
  table: 'project_templates',
  columns: { name: 'name', description: 'description', methodology: 'methodology' },
  select: `SELECT ${versionColumns}, t.name, t.description, t.methodology,
      pv.number AS "publishedNumber", coalesce(lv.number, 1) AS "latestNumber",
      coalesce(lv.status, 'draft') AS "latestStatus",
      coalesce(jsonb_array_length(coalesce(pv.content, lv.content) -> 'tasks'), 0) AS "taskCount"
    FROM project_templates t
    LEFT JOIN LATERAL (SELECT v.number, v.content FROM template_versions v
      WHERE v.org_id = t.org_id AND v.template_id = t.id AND v.status = 'published'
      ORDER BY v.number DESC LIMIT 1) pv ON true
    LEFT JOIN LATERAL (SELECT v.number, v.status, v.content FROM template_versions v
      WHERE v.org_id = t.org_id AND v.template_id = t.id ORDER BY v.number DESC LIMIT 1) lv ON true`,
  sortable: { name: 't.name', createdAt: 't.created_at', updatedAt: 't.updated_at' },
  searchable: ['t.name', 't.description'],
};

const templateVersionColumns = `${versionColumns}, t.template_id AS "templateId", t.number, t.status,
      t.change_note AS "changeNote", a.name AS "authorName", ${isoTimestamp('t.published_at')} AS "publishedAt"`;
const templateVersionFrom = `FROM template_versions t LEFT JOIN users a ON a.org_id = t.org_id AND a.id = t.author_id`;

export const templateVersions: TableSpec = {
  table: 'template_versions',
  columns: {
    templateId: 'template_id',
    number: 'number',
    status: 'status',
    content: 'content',
    changeNote: 'change_note',
    authorId: 'author_id',
    publishedAt: 'published_at',
    retiredAt: 'retired_at',
  },
  select: `SELECT ${templateVersionColumns}, t.content ${templateVersionFrom}`,
  sortable: { number: 't.number' },
  searchable: [],
};

export function listTemplateVersionSummaries<Row>(
  q: Queryable,
  orgId: string,
  templateId: string,
): Promise<Row[]> {
  return q.query<Row>(
    `SELECT ${templateVersionColumns} ${templateVersionFrom} WHERE t.org_id = $1 AND t.template_id = $2 ORDER BY t.number DESC`,
    [orgId, templateId],
  );
}

export async function latestTemplateVersion(
  q: Queryable,
  orgId: string,
  templateId: string,
  status?: 'published',
): Promise<{ id: string; number: number; status: string } | null> {
  const rows = await q.query<{ id: string; number: number; status: string }>(
    `SELECT id, number, status FROM template_versions WHERE org_id = $1 AND template_id = $2
       ${status ? 'AND status = $3' : ''} ORDER BY number DESC LIMIT 1`,
    status ? [orgId, templateId, status] : [orgId, templateId],
  );
  return rows[0] ?? null;
}

export async function retireOtherTemplateVersions(
  q: Queryable,
  orgId: string,
  templateId: string,
  except: string,
) {
  await q.query(
    `UPDATE template_versions SET status = 'retired', retired_at = now(), version = version + 1, updated_at = now()
     WHERE org_id = $1 AND template_id = $2 AND status = 'published' AND id <> $3`,
    [orgId, templateId, except],
  );
}

export async function insertTemplateOrigin(
  q: Queryable,
  orgId: string,
  projectId: string,
  templateVersionId: string,
  userId: string | null,
): Promise<void> {
  await q.query(
    `INSERT INTO project_template_origins (org_id, project_id, template_version_id, instantiated_by)
     VALUES ($1, $2, $3, $4)`,
    [orgId, projectId, templateVersionId, userId],
  );
}
