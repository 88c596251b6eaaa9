import type { Database, Queryable } from '../db/connection.ts';
import { proposals } from '../db/repositories/proposals.ts';
import { placementOfParents, projectParents } from '../db/repositories/scope.ts';
import {
  deactivateOtherModels,
  type EvaluationRecord,
  isNamedEvaluator,
  listEvaluationsOfCandidate,
  listEvaluationsOfModel,
  replaceCriteria,
  replaceEvaluators,
  scoringModels,
  upsertEvaluation,
} from '../db/repositories/scoring.ts';
import { findRow, listRows } from '../db/sql.ts';
import { PortfolioInputError, ScoreOutOfScaleError, scoreCandidates } from '../engine/portfolio/index.ts';
import type { ListQuery, Page } from '../model/common.ts';
import {
  type CandidateRef,
  type Criterion,
  evaluationInput,
  type Proposal,
  type Ranking,
  type RankingEntry,
  type ScoringModel,
  scoringModelInput,
  scoringModelPatch,
} from '../model/intake.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from './errors.ts';
import { audit, createAudited, deleteAudited, translateDatabaseErrors, updateAudited } from './mutation.ts';
import { type Actor, can, organizationChain, type ScopeChain } from './policy.ts';
import { parseInput } from './validate.ts';

/**
 * Scoring: the PMO keeps weighted models; PMO administrators, portfolio managers (where they manage)
 * and the people a model names score candidates; scores combine into a ranking with the spread
 * between evaluators. Risk criteria are scored as exposure and inverted before weighting, so a risky
 * candidate ranks lower.
 */

function requireScoringAdmin(actor: Actor): void {
  if (!can(actor, 'manage_scoring', organizationChain)) throw new ForbiddenError();
}

export async function listScoringModels(
  db: Database,
  actor: Actor,
  query: ListQuery,
): Promise<Page<ScoringModel>> {
  const page = await listRows<ScoringModel>(db, scoringModels, actor.orgId, query);
  return { ...page, page: query.page, pageSize: query.pageSize };
}

async function findModel(q: Queryable, actor: Actor, id: string): Promise<ScoringModel> {
  const model = await findRow<ScoringModel>(q, scoringModels, actor.orgId, id);
  if (!model) throw new NotFoundError('scoring model', id);
  return model;
}

export const getScoringModel = (db: Database, actor: Actor, id: string) => findModel(db, actor, id);

async function writeChildren(
  tx: Queryable,
  actor: Actor,
  id: string,
  values: { criteria?: Parameters<typeof replaceCriteria>[3]; evaluatorIds?: string[]; active?: boolean },
): Promise<void> {
  if (values.criteria) {
    const unknown = await replaceCriteria(tx, actor.orgId, id, values.criteria);
    if (unknown)
      throw new ValidationError([
        { field: 'criteria', message: `criterion ${unknown} is not one of this model's` },
      ]);
  }
  if (values.evaluatorIds) await replaceEvaluators(tx, actor.orgId, id, values.evaluatorIds);
  if (values.active) await deactivateOtherModels(tx, actor.orgId, id);
}

export async function createScoringModel(db: Database, actor: Actor, body: unknown): Promise<ScoringModel> {
  const values = parseInput(scoringModelInput, body);
  return createAudited<ScoringModel>(
    db,
    actor,
    'scoring_model',
    scoringModels,
    // Activation waits for the others to retire (one active model per organization).
    { ...values, active: false },
    async () => requireScoringAdmin(actor),
    async (tx, id) => {
      await writeChildren(tx, actor, id, values);
      if (values.active)
        await tx.query('UPDATE scoring_models SET active = true WHERE org_id = $1 AND id = $2', [
          actor.orgId,
          id,
        ]);
    },
  );
}

export async function updateScoringModel(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  body: unknown,
): Promise<ScoringModel> {
  const patch = parseInput(scoringModelPatch, body);
  const { active, ...rest } = patch;
  return updateAudited<ScoringModel>(
    db,
    actor,
    'scoring_model',
    scoringModels,
    id,
    version,
    { ...rest, ...(active === false ? { active } : {}) },
    async (_tx, before) => {
      requireScoringAdmin(actor);
      const min = patch.scaleMin ?? before.scaleMin;
      const max = patch.scaleMax ?? before.scaleMax;
      if (!(max > min))
        throw new ValidationError([{ field: 'scaleMax', message: 'must be greater than scaleMin' }]);
    },
    async (tx) => {
      await writeChildren(tx, actor, id, {
        criteria: patch.criteria,
        evaluatorIds: patch.evaluatorIds,
        active,
      });
      if (active)
        await tx.query('UPDATE scoring_models SET active = true WHERE org_id = $1 AND id = $2', [
          actor.orgId,
          id,
        ]);
      const outside = await tx.query<{ name: string; score: number }>(
        `SELECT c.name, e.score::float8 AS score FROM scoring_evaluations e
         JOIN scoring_criteria c ON c.org_id = e.org_id AND c.id = e.criterion_id
         JOIN scoring_models m ON m.org_id = e.org_id AND m.id = e.model_id
         WHERE e.org_id = $1 AND e.model_id = $2 AND (e.score < m.scale_min OR e.score > m.scale_max) LIMIT 1`,
        [actor.orgId, id],
      );
      if (outside[0])
        throw new ValidationError([
          {
            field: 'scaleMin',
            message: `the scale would leave a score of ${outside[0].score} on "${outside[0].name}" outside it`,
          },
        ]);
    },
  );
}

export const deleteScoringModel = (db: Database, actor: Actor, id: string, version: number | undefined) =>
  deleteAudited<ScoringModel>(db, actor, 'scoring_model', scoringModels, id, version, async () =>
    requireScoringAdmin(actor),
  );

/** Where a candidate sits, or 404 when it does not exist. */
async function candidateChain(q: Queryable, actor: Actor, candidate: CandidateRef): Promise<ScopeChain> {
  if (candidate.type === 'proposal') {
    const proposal = await findRow<Proposal>(q, proposals, actor.orgId, candidate.id);
    if (!proposal) throw new NotFoundError('proposal', candidate.id);
    return placementOfParents(q, actor.orgId, proposal);
  }
  const parents = await projectParents(q, actor.orgId, candidate.id);
  if (!parents) throw new NotFoundError('project', candidate.id);
  return placementOfParents(q, actor.orgId, { ...parents, projectId: candidate.id });
}

/**
 * Records the actor's own scores for one candidate (upsert per criterion). A score outside the
 * model's scale is a 400 naming the criterion; nothing is written then.
 */
export async function saveEvaluation(db: Database, actor: Actor, body: unknown): Promise<EvaluationRecord[]> {
  const input = parseInput(evaluationInput, body);
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const model = await findModel(tx, actor, input.modelId);
      const chain = await candidateChain(tx, actor, input.candidate);
      if (!can(actor, 'read', chain)) throw new NotFoundError(input.candidate.type, input.candidate.id);
      const named = await isNamedEvaluator(tx, actor.orgId, model.id, actor.userId);
      if (!named && !can(actor, 'evaluate_proposals', chain)) throw new ForbiddenError();
      if (!actor.userId) throw new ForbiddenError('scores are given by a person');
      const criteria = new Map(model.criteria.map((c) => [c.id, c]));
      const errors = input.scores.flatMap((s, k) => {
        const criterion = criteria.get(s.criterionId);
        if (!criterion)
          return [{ field: `scores.${k}.criterionId`, message: 'is not a criterion of this model' }];
        if (s.score < model.scaleMin || s.score > model.scaleMax)
          return [
            {
              field: `scores.${k}.score`,
              message: `${s.score} for "${criterion.name}" is outside the scale ${model.scaleMin}..${model.scaleMax}`,
            },
          ];
        return [];
      });
      if (errors.length > 0) throw new ValidationError(errors);
      const before = await listEvaluationsOfCandidate(tx, actor.orgId, model.id, input.candidate.id);
      for (const s of input.scores)
        await upsertEvaluation(tx, actor.orgId, {
          modelId: model.id,
          criterionId: s.criterionId,
          evaluatorId: actor.userId,
          proposalId: input.candidate.type === 'proposal' ? input.candidate.id : null,
          projectId: input.candidate.type === 'project' ? input.candidate.id : null,
          score: s.score,
          comment: s.comment,
        });
      const after = await listEvaluationsOfCandidate(tx, actor.orgId, model.id, input.candidate.id);
      const mine = (rows: EvaluationRecord[]) => rows.filter((r) => r.evaluatorId === actor.userId);
      await audit(
        tx,
        actor,
        'scoring_evaluation',
        input.candidate.id,
        before.length ? 'update' : 'create',
        mine(before),
        mine(after),
      );
      return after;
    }),
  );
}

export async function listEvaluations(
  db: Database,
  actor: Actor,
  query: { modelId: string; candidateType: CandidateRef['type']; candidateId: string },
): Promise<EvaluationRecord[]> {
  await findModel(db, actor, query.modelId);
  const chain = await candidateChain(db, actor, { type: query.candidateType, id: query.candidateId });
  if (!can(actor, 'read', chain)) throw new NotFoundError(query.candidateType, query.candidateId);
  return listEvaluationsOfCandidate(db, actor.orgId, query.modelId, query.candidateId);
}

/** The score an evaluator gave, as weighted: risk exposure counts inverted on the scale. */
export const effectiveScore = (
  criterion: Pick<Criterion, 'kind'>,
  score: number,
  min: number,
  max: number,
) => (criterion.kind === 'risk' ? min + max - score : score);

interface CandidateLabel {
  candidateType: 'proposal' | 'project';
  candidateId: string;
  code: string;
  title: string;
  status: string;
}

async function candidateLabels(
  q: Queryable,
  orgId: string,
  ids: string[],
): Promise<Map<string, CandidateLabel>> {
  const rows = await q.query<CandidateLabel>(
    `SELECT 'proposal' AS "candidateType", id AS "candidateId", code, title, status FROM proposals
       WHERE org_id = $1 AND id = ANY($2::uuid[])
     UNION ALL
     SELECT 'project', id, code, name, stage FROM projects WHERE org_id = $1 AND id = ANY($2::uuid[])`,
    [orgId, ids],
  );
  return new Map(rows.map((r) => [r.candidateId, r]));
}

/**
 * Combines every complete evaluation (all criteria scored) into the model's ranking. Evaluators who
 * have scored only some criteria are counted as incomplete and left out until they finish.
 */
export async function computeRanking(q: Queryable, actor: Actor, model: ScoringModel): Promise<Ranking> {
  const rows = await listEvaluationsOfModel(q, actor.orgId, model.id);
  const byEvaluation = new Map<
    string,
    { evaluator: string; candidate: string; scores: Record<string, number> }
  >();
  for (const row of rows) {
    const key = `${row.evaluatorId}/${row.candidateId}`;
    let entry = byEvaluation.get(key);
    if (!entry) {
      entry = { evaluator: row.evaluatorId, candidate: row.candidateId, scores: {} };
      byEvaluation.set(key, entry);
    }
    const criterion = model.criteria.find((c) => c.id === row.criterionId);
    if (criterion)
      entry.scores[row.criterionId] = effectiveScore(criterion, row.score, model.scaleMin, model.scaleMax);
  }
  const complete = [...byEvaluation.values()].filter((e) => model.criteria.every((c) => c.id in e.scores));
  const incomplete = new Map<string, number>();
  for (const e of byEvaluation.values())
    if (!complete.includes(e)) incomplete.set(e.candidate, (incomplete.get(e.candidate) ?? 0) + 1);
  const weighted = model.criteria.some((c) => c.weight > 0);
  let scored: ReturnType<typeof scoreCandidates> = [];
  if (complete.length > 0 && weighted) {
    try {
      scored = scoreCandidates(
        {
          scale: { min: model.scaleMin, max: model.scaleMax },
          criteria: model.criteria.map((c) => ({ id: c.id, weight: c.weight })),
        },
        complete,
      );
    } catch (error) {
      // Stored scores are checked on the way in; one outside the scale means the scale moved under them.
      if (error instanceof ScoreOutOfScaleError || error instanceof PortfolioInputError)
        throw new ConflictError(`the stored scores no longer fit the model: ${error.message}`);
      throw error;
    }
  }
  const labels = await candidateLabels(q, actor.orgId, [
    ...new Set([...byEvaluation.values()].map((e) => e.candidate)),
  ]);
  const names = new Map(model.criteria.map((c) => [c.id, c.name]));
  const riskIds = new Set(model.criteria.filter((c) => c.kind === 'risk').map((c) => c.id));
  const items: RankingEntry[] = scored.flatMap((s) => {
    const label = labels.get(s.candidate);
    if (!label) return [];
    return [
      {
        ...label,
        rank: s.rank,
        score: s.score,
        percent: s.percent,
        evaluators: s.evaluators,
        incomplete: incomplete.get(s.candidate) ?? 0,
        spread: s.spread,
        // Per criterion, scores read as the evaluators gave them (risk as exposure, not inverted).
        criteria: s.criteria.map((c) => {
          const inverted = riskIds.has(c.criterion);
          const flip = (v: number) => (inverted ? model.scaleMin + model.scaleMax - v : v);
          return {
            criterionId: c.criterion,
            name: names.get(c.criterion) ?? '',
            mean: flip(c.mean),
            spread: inverted
              ? { min: flip(c.spread.max), max: flip(c.spread.min), stdDev: c.spread.stdDev }
              : c.spread,
          };
        }),
      },
    ];
  });
  return {
    modelId: model.id,
    modelName: model.name,
    scaleMin: model.scaleMin,
    scaleMax: model.scaleMax,
    items,
  };
}

/** The ranking of candidates the reader may see. */
export async function getRanking(db: Database, actor: Actor, modelId: string): Promise<Ranking> {
  const model = await findModel(db, actor, modelId);
  const ranking = await computeRanking(db, actor, model);
  const visible: RankingEntry[] = [];
  for (const item of ranking.items) {
    const chain = await candidateChain(db, actor, { type: item.candidateType, id: item.candidateId });
    if (can(actor, 'read', chain)) visible.push(item);
  }
  return { ...ranking, items: visible };
}
