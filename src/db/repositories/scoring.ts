import type { Queryable } from '../connection.ts';
import { isoTimestamp, type TableSpec, versionColumns } from '../sql.ts';
import { uuidv7 } from '../uuid.ts';

/** Scoring models with their criteria and named evaluators, and the evaluators' scores. */

const criteriaOf = `COALESCE((SELECT json_agg(json_build_object('id', c.id, 'name', c.name, 'kind', c.kind,
      'objectiveId', c.objective_id, 'objectiveName', o.name, 'weight', c.weight::float8, 'position', c.position)
      ORDER BY c.position, c.name)
    FROM scoring_criteria c LEFT JOIN strategic_objectives o ON o.org_id = c.org_id AND o.id = c.objective_id
    WHERE c.org_id = t.org_id AND c.model_id = t.id), '[]'::json)`;
const evaluatorsOf = `COALESCE((SELECT json_agg(json_build_object('userId', u.id, 'name', u.name) ORDER BY u.name)
    FROM scoring_model_evaluators e JOIN users u ON u.org_id = e.org_id AND u.id = e.user_id
    WHERE e.org_id = t.org_id AND e.model_id = t.id), '[]'::json)`;

export const scoringModels: TableSpec = {
  table: 'scoring_models',
  columns: {
    name: 'name',
    description: 'description',
    active: 'active',
    scaleMin: 'scale_min',
    scaleMax: 'scale_max',
  },
  select: `SELECT ${versionColumns}, t.name, t.description, t.active, t.scale_min::float8 AS "scaleMin",
      t.scale_max::float8 AS "scaleMax", ${criteriaOf} AS criteria, ${evaluatorsOf} AS evaluators
    FROM scoring_models t`,
  sortable: { name: 't.name', createdAt: 't.created_at' },
  searchable: ['t.name', 't.description'],
};

export interface CriterionValues {
  id?: string | undefined;
  name: string;
  kind: string;
  objectiveId: string | null;
  weight: number;
}

/**
 * Makes the model's criteria exactly `criteria`, in order: named ids are updated in place (their scores
 * stay), new ones are inserted, and those left out are deleted with their scores. Returns false when an
 * id names no criterion of this model.
 */
export async function replaceCriteria(
  q: Queryable,
  orgId: string,
  modelId: string,
  criteria: readonly CriterionValues[],
): Promise<string | null> {
  const existing = new Set(
    (
      await q.query<{ id: string }>('SELECT id FROM scoring_criteria WHERE org_id = $1 AND model_id = $2', [
        orgId,
        modelId,
      ])
    ).map((r) => r.id),
  );
  const kept = new Set(criteria.flatMap((c) => (c.id ? [c.id] : [])));
  for (const id of kept) if (!existing.has(id)) return id;
  const removed = [...existing].filter((id) => !kept.has(id));
  if (removed.length > 0)
    await q.query('DELETE FROM scoring_criteria WHERE org_id = $1 AND id = ANY($2::uuid[])', [
      orgId,
      removed,
    ]);
  // Names are unique per model: park kept names first so a swap of two names does not collide.
  await q.query(`UPDATE scoring_criteria SET name = id::text WHERE org_id = $1 AND model_id = $2`, [
    orgId,
    modelId,
  ]);
  for (const [position, c] of criteria.entries()) {
    if (c.id)
      await q.query(
        `UPDATE scoring_criteria SET name = $3, kind = $4, objective_id = $5, weight = $6, position = $7,
           version = version + 1, updated_at = now()
         WHERE org_id = $1 AND id = $2`,
        [orgId, c.id, c.name, c.kind, c.objectiveId, c.weight, position],
      );
    else
      await q.query(
        `INSERT INTO scoring_criteria (org_id, id, model_id, name, kind, objective_id, weight, position)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [orgId, uuidv7(), modelId, c.name, c.kind, c.objectiveId, c.weight, position],
      );
  }
  return null;
}

export async function replaceEvaluators(
  q: Queryable,
  orgId: string,
  modelId: string,
  userIds: readonly string[],
): Promise<void> {
  await q.query('DELETE FROM scoring_model_evaluators WHERE org_id = $1 AND model_id = $2', [orgId, modelId]);
  for (const userId of userIds)
    await q.query('INSERT INTO scoring_model_evaluators (org_id, model_id, user_id) VALUES ($1, $2, $3)', [
      orgId,
      modelId,
      userId,
    ]);
}

/** Only one model is active: activating one retires the others. */
export async function deactivateOtherModels(q: Queryable, orgId: string, modelId: string): Promise<void> {
  await q.query(
    'UPDATE scoring_models SET active = false, version = version + 1, updated_at = now() WHERE org_id = $1 AND id <> $2 AND active',
    [orgId, modelId],
  );
}

export async function activeModelId(q: Queryable, orgId: string): Promise<string | null> {
  const rows = await q.query<{ id: string }>('SELECT id FROM scoring_models WHERE org_id = $1 AND active', [
    orgId,
  ]);
  return rows[0]?.id ?? null;
}

export async function isNamedEvaluator(
  q: Queryable,
  orgId: string,
  modelId: string,
  userId: string | null,
): Promise<boolean> {
  if (!userId) return false;
  const rows = await q.query(
    'SELECT 1 FROM scoring_model_evaluators WHERE org_id = $1 AND model_id = $2 AND user_id = $3',
    [orgId, modelId, userId],
  );
  return rows.length === 1;
}

const evaluationSelect = `SELECT e.id, e.version, e.model_id AS "modelId", e.criterion_id AS "criterionId",
    c.name AS "criterionName", e.evaluator_id AS "evaluatorId", u.name AS "evaluatorName",
    CASE WHEN e.proposal_id IS NULL THEN 'project' ELSE 'proposal' END AS "candidateType",
    COALESCE(e.proposal_id, e.project_id) AS "candidateId", e.score::float8 AS score, e.comment,
    ${isoTimestamp('e.updated_at')} AS "updatedAt"
  FROM scoring_evaluations e
  JOIN scoring_criteria c ON c.org_id = e.org_id AND c.id = e.criterion_id
  JOIN users u ON u.org_id = e.org_id AND u.id = e.evaluator_id`;

export interface EvaluationRecord {
  id: string;
  version: number;
  modelId: string;
  criterionId: string;
  criterionName: string;
  evaluatorId: string;
  evaluatorName: string;
  candidateType: 'proposal' | 'project';
  candidateId: string;
  score: number;
  comment: string;
  updatedAt: string;
}

export function listEvaluationsOfCandidate(
  q: Queryable,
  orgId: string,
  modelId: string,
  candidateId: string,
): Promise<EvaluationRecord[]> {
  return q.query<EvaluationRecord>(
    `${evaluationSelect} WHERE e.org_id = $1 AND e.model_id = $2 AND COALESCE(e.proposal_id, e.project_id) = $3
     ORDER BY u.name, c.position`,
    [orgId, modelId, candidateId],
  );
}

export function listEvaluationsOfModel(
  q: Queryable,
  orgId: string,
  modelId: string,
): Promise<EvaluationRecord[]> {
  return q.query<EvaluationRecord>(
    `${evaluationSelect} WHERE e.org_id = $1 AND e.model_id = $2 ORDER BY e.evaluator_id, c.position`,
    [orgId, modelId],
  );
}

export async function upsertEvaluation(
  q: Queryable,
  orgId: string,
  values: {
    modelId: string;
    criterionId: string;
    evaluatorId: string;
    proposalId: string | null;
    projectId: string | null;
    score: number;
    comment: string;
  },
): Promise<void> {
  const updated = await q.query(
    `UPDATE scoring_evaluations SET score = $5, comment = $6, version = version + 1, updated_at = now()
     WHERE org_id = $1 AND criterion_id = $2 AND evaluator_id = $3 AND COALESCE(proposal_id, project_id) = $4
     RETURNING id`,
    [
      orgId,
      values.criterionId,
      values.evaluatorId,
      values.proposalId ?? values.projectId,
      values.score,
      values.comment,
    ],
  );
  if (updated.length > 0) return;
  await q.query(
    `INSERT INTO scoring_evaluations (org_id, id, model_id, criterion_id, evaluator_id, proposal_id, project_id, score, comment)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      orgId,
      uuidv7(),
      values.modelId,
      values.criterionId,
      values.evaluatorId,
      values.proposalId,
      values.projectId,
      values.score,
      values.comment,
    ],
  );
}
