import type { Lesson, SuggestedLesson } from '../../model/governance.ts';
import type { Queryable } from '../connection.ts';
import { type SqlParams, type TableSpec, versionColumns } from '../sql.ts';

const lessonColumns = `${versionColumns}, t.project_id AS "projectId", p.code AS "projectCode", p.name AS "projectName",
      t.gate_review_id AS "gateReviewId", t.title, t.body, t.category, t.kind, t.source, t.tags,
      t.author_id AS "authorId", u.name AS "authorName",
      coalesce((SELECT json_agg(json_build_object('id', r.id, 'title', r.title) ORDER BY r.title)
        FROM lesson_risks lr JOIN risks r ON r.org_id = lr.org_id AND r.id = lr.risk_id
        WHERE lr.org_id = t.org_id AND lr.lesson_id = t.id), '[]'::json) AS risks`;
const lessonJoins = `FROM lessons t
    LEFT JOIN projects p ON p.org_id = t.org_id AND p.id = t.project_id
    LEFT JOIN users u ON u.org_id = t.org_id AND u.id = t.author_id`;

export const lessons: TableSpec = {
  table: 'lessons',
  columns: {
    projectId: 'project_id',
    gateReviewId: 'gate_review_id',
    title: 'title',
    body: 'body',
    category: 'category',
    kind: 'kind',
    source: 'source',
    tags: 'tags',
    authorId: 'author_id',
  },
  select: `SELECT ${lessonColumns}, NULL::float8 AS rank ${lessonJoins}`,
  sortable: { createdAt: 't.created_at', title: 't.title', category: 't.category' },
  searchable: [],
};

/** The search vector: title weighs most, then category and tags, then the body. */
export async function writeSearchVector(q: Queryable, orgId: string, id: string): Promise<void> {
  await q.query(
    `UPDATE lessons SET search =
       setweight(to_tsvector('english', title), 'A') ||
       setweight(to_tsvector('english', category || ' ' || array_to_string(tags, ' ')), 'B') ||
       setweight(to_tsvector('english', body), 'C')
     WHERE org_id = $1 AND id = $2`,
    [orgId, id],
  );
}

export async function replaceLessonRisks(
  q: Queryable,
  orgId: string,
  lessonId: string,
  riskIds: readonly string[],
): Promise<void> {
  await q.query('DELETE FROM lesson_risks WHERE org_id = $1 AND lesson_id = $2', [orgId, lessonId]);
  if (riskIds.length === 0) return;
  await q.query(
    `INSERT INTO lesson_risks (org_id, lesson_id, risk_id) SELECT $1, $2, x FROM unnest($3::uuid[]) AS x`,
    [orgId, lessonId, [...new Set(riskIds)]],
  );
}

export interface LessonFilters {
  category?: string | undefined;
  kind?: string | undefined;
  source?: string | undefined;
  projectId?: string | undefined;
}

/** Lessons matching a web-style query (`"exact phrase" -word or`), best ranked first. */
export async function searchLessons(
  q: Queryable,
  orgId: string,
  text: string,
  filters: LessonFilters,
  page: { page: number; pageSize: number },
  params: SqlParams,
): Promise<{ items: Lesson[]; total: number }> {
  const query = `websearch_to_tsquery('english', ${params.add(text)})`;
  const conditions = [`t.org_id = ${params.add(orgId)}`, `t.search @@ ${query}`];
  for (const [field, column] of [
    ['category', 'category'],
    ['kind', 'kind'],
    ['source', 'source'],
    ['projectId', 'project_id'],
  ] as const)
    if (filters[field] !== undefined) conditions.push(`t.${column} = ${params.add(filters[field])}`);
  const where = conditions.join(' AND ');
  const countValues = [...params.values];
  const limit = params.add(page.pageSize);
  const offset = params.add((page.page - 1) * page.pageSize);
  const items = await q.query<Lesson>(
    `SELECT ${lessonColumns}, ts_rank(t.search, ${query})::float8 AS rank ${lessonJoins}
     WHERE ${where} ORDER BY rank DESC, t.created_at DESC, t.id LIMIT ${limit} OFFSET ${offset}`,
    params.values,
  );
  const [count] = await q.query<{ total: number }>(
    `SELECT count(*)::int AS total FROM lessons t WHERE ${where}`,
    countValues,
  );
  return { items, total: count?.total ?? 0 };
}

/**
 * Lessons of other projects that resemble this one: the same methodology, business unit or portfolio,
 * and words of its name in the lesson's text. Each likeness adds to the score; the name's words by rank.
 */
export async function suggestLessons(
  q: Queryable,
  orgId: string,
  project: {
    id: string;
    methodology: string;
    businessUnitId: string;
    portfolioId: string;
    nameTerms: string[];
  },
  limit: number,
): Promise<SuggestedLesson[]> {
  const terms = project.nameTerms.length > 0 ? project.nameTerms.join(' | ') : null;
  const rows = await q.query<
    Lesson & { sameMethodology: boolean; sameUnit: boolean; samePortfolio: boolean; termRank: number }
  >(
    `WITH candidates AS (
       SELECT ${lessonColumns}, NULL::float8 AS rank,
         (p.methodology = $3) AS "sameMethodology", (p.business_unit_id = $4) AS "sameUnit",
         (p.portfolio_id = $5) AS "samePortfolio",
         CASE WHEN $6::text IS NULL THEN 0
           ELSE ts_rank(t.search, to_tsquery('english', $6::text)) END::float8 AS "termRank"
       ${lessonJoins}
       WHERE t.org_id = $1 AND t.project_id IS DISTINCT FROM $2)
     SELECT * FROM candidates
     WHERE "sameMethodology" OR "sameUnit" OR "samePortfolio" OR "termRank" > 0`,
    [orgId, project.id, project.methodology, project.businessUnitId, project.portfolioId, terms],
  );
  const scored = rows.map(({ sameMethodology, sameUnit, samePortfolio, termRank, ...lesson }) => {
    const reasons = [
      ...(sameMethodology ? ['same methodology'] : []),
      ...(sameUnit ? ['same business unit'] : []),
      ...(samePortfolio ? ['same portfolio'] : []),
      ...(termRank > 0 ? ['similar name'] : []),
    ];
    const score = Number(sameMethodology) + 2 * Number(sameUnit) + 2 * Number(samePortfolio) + 30 * termRank;
    return { ...lesson, reasons, score: Math.round(score * 1000) / 1000 };
  });
  return scored
    .filter((lesson) => lesson.score >= 2 || lesson.reasons.includes('similar name'))
    .sort((a, b) => b.score - a.score || b.createdAt.localeCompare(a.createdAt))
    .slice(0, limit);
}

export const changeProposals: TableSpec = {
  table: 'lesson_change_proposals',
  columns: {
    lessonId: 'lesson_id',
    targetKind: 'target_kind',
    targetReference: 'target_reference',
    targetAssetId: 'target_asset_id',
    targetTemplateId: 'target_template_id',
    proposedText: 'proposed_text',
    status: 'status',
    decisionNote: 'decision_note',
    proposedBy: 'proposed_by',
  },
  select: `SELECT ${versionColumns}, t.lesson_id AS "lessonId", l.title AS "lessonTitle", t.target_kind AS "targetKind",
      t.target_reference AS "targetReference", t.target_asset_id AS "targetAssetId",
      t.target_template_id AS "targetTemplateId", coalesce(a.title, pt.name) AS "targetTitle",
      t.proposed_text AS "proposedText", t.status,
      t.decision_note AS "decisionNote", t.proposed_by AS "proposedBy", u.name AS "proposedByName"
    FROM lesson_change_proposals t
    JOIN lessons l ON l.org_id = t.org_id AND l.id = t.lesson_id
    LEFT JOIN users u ON u.org_id = t.org_id AND u.id = t.proposed_by
    LEFT JOIN process_assets a ON a.org_id = t.org_id AND a.id = t.target_asset_id
    LEFT JOIN project_templates pt ON pt.org_id = t.org_id AND pt.id = t.target_template_id`,
  sortable: { createdAt: 't.created_at', status: 't.status' },
  searchable: ['t.target_reference', 't.proposed_text'],
};
