import type { Database, Queryable } from '../db/connection.ts';
import {
  copyResults,
  type GateReviewRow,
  gateReviews,
  lastDecision,
  listProjectReviews,
  loadResults,
  recordDecision,
  recordPmoReview,
  upsertResults,
} from '../db/repositories/gate-reviews.ts';
import { projects } from '../db/repositories/tables.ts';
import { findRow, insertRow, updateRow } from '../db/sql.ts';
import { uuidv7 } from '../db/uuid.ts';
import {
  type DecisionResult,
  type GateReview,
  gateDecisionInput,
  openReviewInput,
  type ProjectGates,
  pmoReviewInput,
  reviewResultsInput,
} from '../model/governance.ts';
import type { Project } from '../model/organization.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionRequiredError,
  ValidationError,
} from './errors.ts';
import {
  currentStage,
  isPmoFor,
  mayDecideGate,
  projectWithPlacement,
  setProjectStage,
} from './gate-authority.ts';
import { lifecycleForUnit } from './lifecycles.ts';
import { audit, translateDatabaseErrors } from './mutation.ts';
import { type Actor, can } from './policy.ts';
import { oversightForProject } from './project-oversight.ts';
import { terminateInTransaction } from './termination.ts';
import { parseInput } from './validate.ts';

/**
 * Gate reviews: the project's team fills the gate's checklist, a PMO reviews it where the gate asks,
 * and the gate's deciding role rules go, hold, recycle or terminate, which moves the project's stage.
 */

export async function withResults(q: Queryable, orgId: string, rows: GateReviewRow[]): Promise<GateReview[]> {
  const results = await loadResults(q, orgId, rows);
  return rows.map((row) => ({ ...row, results: results.get(row.id) ?? [] }));
}

async function loadReview(q: Queryable, orgId: string, id: string): Promise<GateReview> {
  const row = await findRow<GateReviewRow>(q, gateReviews, orgId, id);
  if (!row) throw new NotFoundError('gate review', id);
  return (await withResults(q, orgId, [row]))[0] as GateReview;
}

/**
 * The project's lifecycle, the stage it stands in and the gate in front of it. Whether that gate
 * waits for the PMO's review scales with the oversight the project manager's assessed maturity
 * earns: intensive oversight reviews every gate, standard the gates the lifecycle marks (its major
 * gates), light none.
 */
export async function gateSituation(q: Queryable, actor: Actor, project: Project) {
  const lifecycle = await lifecycleForUnit(q, actor.orgId, project.businessUnitId);
  const stage = lifecycle
    ? currentStage(lifecycle, project, await lastDecision(q, actor.orgId, project.id))
    : null;
  const markedGate = project.stage === 'closed' ? null : (stage?.gate ?? null);
  if (!markedGate) return { lifecycle, stage, gate: null };
  const { pmoReviewGates } = await oversightForProject(q, actor.orgId, project.id);
  const pmoReviewRequired =
    pmoReviewGates === 'all' ? true : pmoReviewGates === 'none' ? false : markedGate.pmoReviewRequired;
  return { lifecycle, stage, gate: { ...markedGate, pmoReviewRequired } };
}

export async function getProjectGates(db: Database, actor: Actor, projectId: string): Promise<ProjectGates> {
  const { project, chain } = await projectWithPlacement(db, actor, projectId);
  if (!can(actor, 'read', chain)) throw new ForbiddenError();
  const { lifecycle, stage, gate } = await gateSituation(db, actor, project);
  const reviews = await withResults(db, actor.orgId, await listProjectReviews(db, actor.orgId, projectId));
  return {
    projectId,
    projectStage: project.stage,
    projectVersion: project.version,
    lifecycle,
    currentStageId: stage?.id ?? null,
    currentGate: gate,
    openReview: reviews.find((review) => review.status === 'open') ?? null,
    reviews,
    canDecide: gate !== null && mayDecideGate(actor, gate, chain),
    canTerminate: can(actor, 'terminate_project', chain) && !['closed', 'terminated'].includes(project.stage),
  };
}

export async function openGateReview(db: Database, actor: Actor, projectId: string, body: unknown) {
  const { gateId } = parseInput(openReviewInput, body);
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const { project, chain } = await projectWithPlacement(tx, actor, projectId);
      if (!can(actor, 'update_project', chain)) throw new ForbiddenError();
      const { gate } = await gateSituation(tx, actor, project);
      if (!gate || gate.id !== gateId)
        throw new ValidationError([
          {
            field: 'gateId',
            message: gate
              ? `is not the gate in front of the project (that is ${gate.name})`
              : 'the project has no gate in front of it',
          },
        ]);
      const open = await tx.query(
        `SELECT 1 FROM gate_reviews WHERE org_id = $1 AND project_id = $2 AND status = 'open'`,
        [actor.orgId, projectId],
      );
      if (open.length > 0) throw new ConflictError('the project already has an open gate review');
      const id = uuidv7();
      await insertRow(tx, gateReviews, actor.orgId, id, { projectId, gateId, openedBy: actor.userId });
      const review = await loadReview(tx, actor.orgId, id);
      await audit(tx, actor, 'gate_review', id, 'create', null, review);
      return review;
    }),
  );
}

/** Authorizes `capability`-style access to an open review's project and checks the version read. */
async function openReviewFor(
  tx: Queryable,
  actor: Actor,
  reviewId: string,
  version: number | undefined,
  authorize: (chain: Awaited<ReturnType<typeof projectWithPlacement>>['chain']) => boolean,
) {
  const review = await loadReview(tx, actor.orgId, reviewId);
  const placed = await projectWithPlacement(tx, actor, review.projectId);
  if (!authorize(placed.chain)) throw new ForbiddenError();
  if (version === undefined) throw new PreconditionRequiredError();
  if (review.status !== 'open')
    throw new ConflictError('the review is decided; open a new one to review again');
  if (review.version !== version)
    throw new ConflictError(
      `the review changed since you read it (it is now at version ${review.version}); reload and try again`,
    );
  return { review, ...placed };
}

export async function recordReviewResults(
  db: Database,
  actor: Actor,
  reviewId: string,
  version: number | undefined,
  body: unknown,
): Promise<GateReview> {
  const { results } = parseInput(reviewResultsInput, body);
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const { review: before } = await openReviewFor(tx, actor, reviewId, version, (chain) =>
        can(actor, 'update_project', chain),
      );
      const known = new Set(before.results.map((result) => result.criterionId));
      results.forEach((result, index) => {
        if (!known.has(result.criterionId))
          throw new ValidationError([
            { field: `results.${index}.criterionId`, message: "is not a criterion of this review's gate" },
          ]);
      });
      await upsertResults(tx, actor.orgId, reviewId, results);
      await updateRow(tx, gateReviews, actor.orgId, reviewId, before.version, {});
      const after = await loadReview(tx, actor.orgId, reviewId);
      await audit(tx, actor, 'gate_review', reviewId, 'update', before, after);
      return after;
    }),
  );
}

export async function recordGatePmoReview(
  db: Database,
  actor: Actor,
  reviewId: string,
  version: number | undefined,
  body: unknown,
): Promise<GateReview> {
  const { note } = parseInput(pmoReviewInput, body);
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const { review: before } = await openReviewFor(tx, actor, reviewId, version, (chain) =>
        isPmoFor(actor, chain),
      );
      await recordPmoReview(tx, actor.orgId, reviewId, actor.userId, note);
      const after = await loadReview(tx, actor.orgId, reviewId);
      await audit(tx, actor, 'gate_review', reviewId, 'update', before, after);
      return after;
    }),
  );
}

const stageByDecision = { hold: 'on_hold', terminate: 'terminated' } as const;

export async function decideGate(
  db: Database,
  actor: Actor,
  reviewId: string,
  body: unknown,
  today = new Date().toISOString().slice(0, 10),
): Promise<DecisionResult> {
  const input = parseInput(gateDecisionInput, body);
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const before = await loadReview(tx, actor.orgId, reviewId);
      const { project, chain } = await projectWithPlacement(tx, actor, before.projectId);
      const { lifecycle, stage, gate } = await gateSituation(tx, actor, project);
      const reviewedGate = lifecycle?.stages.find((s) => s.gate?.id === before.gateId)?.gate;
      if (!reviewedGate || !mayDecideGate(actor, reviewedGate, chain)) throw new ForbiddenError();
      // Stopping a project for good is the PMO's power, whoever may otherwise decide the gate.
      if (input.decision === 'terminate' && !can(actor, 'terminate_project', chain))
        throw new ForbiddenError('only the PMO may terminate a project');
      if (before.status !== 'open') throw new ConflictError('the review is already decided');
      if (!gate || gate.id !== before.gateId)
        throw new ConflictError('the gate of this review is no longer in front of the project');
      if (gate.pmoReviewRequired && !before.pmoReviewedAt && !isPmoFor(actor, chain))
        throw new ConflictError(`${gate.name} needs the PMO's review before a decision`);
      if (input.decision === 'go') {
        const missing = before.results.flatMap((result, index) =>
          result.required && result.result !== 'met' && result.result !== 'waived'
            ? [{ field: `results.${index}`, message: `"${result.text}" is required and not met or waived` }]
            : [],
        );
        if (missing.length > 0) throw new ValidationError(missing);
      }
      if (project.version !== input.expectedVersion)
        throw new ConflictError(
          `the project changed since you read it (it is now at version ${project.version}); reload and try again`,
        );
      await recordDecision(tx, actor.orgId, reviewId, {
        decision: input.decision,
        reason: input.reason,
        decidedBy: actor.userId,
      });
      let lessonsRequested: DecisionResult['lessonsRequested'] = null;
      if (input.decision === 'terminate') {
        await terminateInTransaction(tx, actor, project, input.reason, today);
        lessonsRequested = 'termination';
      } else if (input.decision === 'go' || input.decision === 'hold') {
        const stages = lifecycle?.stages ?? [];
        const next = stages[stages.findIndex((s) => s.id === stage?.id) + 1];
        const newStage = input.decision === 'go' ? next?.projectStage : stageByDecision.hold;
        if (newStage && newStage !== project.stage) await setProjectStage(tx, actor, project, newStage);
        if (input.decision === 'go' && newStage === 'closed') lessonsRequested = 'closure';
      } else {
        // Recycle: the project stays where it is and works on the same gate again, from the same checklist.
        const id = uuidv7();
        await insertRow(tx, gateReviews, actor.orgId, id, {
          projectId: project.id,
          gateId: before.gateId,
          openedBy: actor.userId,
        });
        await copyResults(tx, actor.orgId, reviewId, id);
        await audit(tx, actor, 'gate_review', id, 'create', null, await loadReview(tx, actor.orgId, id));
      }
      const review = await loadReview(tx, actor.orgId, reviewId);
      await audit(tx, actor, 'gate_review', reviewId, 'update', before, review);
      const after = (await findRow<Project>(tx, projects, actor.orgId, project.id)) as Project;
      return { review, projectStage: after.stage, projectVersion: after.version, lessonsRequested };
    }),
  );
}
