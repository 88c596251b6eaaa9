import type { Database, Queryable } from '../db/connection.ts';
import { type GateReviewRow, gateReviews, recordDecision } from '../db/repositories/gate-reviews.ts';
import { insertNotification } from '../db/repositories/notifications.ts';
import { projects } from '../db/repositories/tables.ts';
import {
  countProjectWork,
  releasableBookings,
  releaseProjectBookings,
  sharedRisks,
  successorProjects,
} from '../db/repositories/termination.ts';
import { findRow, insertRow } from '../db/sql.ts';
import { uuidv7 } from '../db/uuid.ts';
import { type TerminationImpact, terminateInput } from '../model/governance.ts';
import type { Project } from '../model/organization.ts';
import { ConflictError, ForbiddenError } from './errors.ts';
import { projectWithPlacement, setProjectStage } from './gate-authority.ts';
import { gateSituation, withResults } from './gates.ts';
import { audit, translateDatabaseErrors } from './mutation.ts';
import { type Actor, can } from './policy.ts';
import { parseInput } from './validate.ts';

/**
 * Termination: the PMO stops a project for good. It first sees what that touches — other projects that
 * wait on its tasks, risks it shares, people booked on it — then the project is terminated, its future
 * bookings and open staffing requests are released, and the managers of the waiting projects are told.
 */

const todayUtc = () => new Date().toISOString().slice(0, 10);

export async function getTerminationImpact(
  db: Database,
  actor: Actor,
  projectId: string,
  today = todayUtc(),
): Promise<TerminationImpact> {
  const { project, chain } = await projectWithPlacement(db, actor, projectId);
  if (!can(actor, 'read', chain)) throw new ForbiddenError();
  const successors = await successorProjects(db, actor.orgId, projectId);
  return {
    projectId,
    projectName: project.name,
    projectStage: project.stage,
    projectVersion: project.version,
    successors: successors.map(({ managerId: _managerId, ...successor }) => successor),
    sharedRisks: await sharedRisks(db, actor.orgId, projectId),
    bookings: await releasableBookings(db, actor.orgId, projectId, today),
    ...(await countProjectWork(db, actor.orgId, projectId)),
  };
}

/** The effects every termination shares, whether decided at a gate or ruled directly by the PMO. */
export async function terminateInTransaction(
  tx: Queryable,
  actor: Actor,
  project: Project,
  reason: string,
  today: string,
) {
  const successors = await successorProjects(tx, actor.orgId, project.id);
  await setProjectStage(tx, actor, project, 'terminated');
  const released = await releaseProjectBookings(tx, actor.orgId, project.id, today);
  await audit(tx, actor, 'project', project.id, 'update', null, { terminated: { reason, released } });
  const notified = new Set<string>();
  for (const successor of successors) {
    if (!successor.managerId || successor.managerId === actor.userId || notified.has(successor.managerId))
      continue;
    notified.add(successor.managerId);
    await insertNotification(tx, actor.orgId, {
      userId: successor.managerId,
      kind: 'project_terminated',
      entityType: 'project',
      entityId: project.id,
      message: `${project.code} ${project.name} was terminated (${reason}); ${successor.projectCode} depends on it through ${successor.links} link(s).`,
    });
  }
  return { ...released, notified: notified.size };
}

export async function terminateProject(
  db: Database,
  actor: Actor,
  projectId: string,
  body: unknown,
  today = todayUtc(),
) {
  const input = parseInput(terminateInput, body);
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const { project, chain } = await projectWithPlacement(tx, actor, projectId);
      if (!can(actor, 'terminate_project', chain))
        throw new ForbiddenError('only the PMO may terminate a project');
      if (project.stage === 'terminated' || project.stage === 'closed')
        throw new ConflictError(`the project is already ${project.stage}`);
      if (project.version !== input.expectedVersion)
        throw new ConflictError(
          `the project changed since you read it (it is now at version ${project.version}); reload and try again`,
        );
      // The decision goes on record at the gate in front of the project: its open review, or a new one.
      const { gate } = await gateSituation(tx, actor, project);
      const [open] = await tx.query<{ id: string }>(
        `SELECT id FROM gate_reviews WHERE org_id = $1 AND project_id = $2 AND status = 'open'`,
        [actor.orgId, projectId],
      );
      let reviewId = open?.id ?? null;
      if (!reviewId && gate) {
        reviewId = uuidv7();
        await insertRow(tx, gateReviews, actor.orgId, reviewId, {
          projectId,
          gateId: gate.id,
          openedBy: actor.userId,
        });
      }
      if (reviewId)
        await recordDecision(tx, actor.orgId, reviewId, {
          decision: 'terminate',
          reason: input.reason,
          decidedBy: actor.userId,
        });
      const released = await terminateInTransaction(tx, actor, project, input.reason, today);
      const reviewRow = reviewId
        ? await findRow<GateReviewRow>(tx, gateReviews, actor.orgId, reviewId)
        : null;
      const review = reviewRow ? ((await withResults(tx, actor.orgId, [reviewRow]))[0] ?? null) : null;
      if (review) await audit(tx, actor, 'gate_review', review.id, 'update', null, review);
      const after = (await findRow<Project>(tx, projects, actor.orgId, projectId)) as Project;
      return {
        projectStage: after.stage,
        projectVersion: after.version,
        bookingsCancelled: released.cancelledBookings.length,
        bookingsEnded: released.endedBookings.length,
        staffingRequestsCancelled: released.cancelledRequests.length,
        notified: released.notified,
        review,
        lessonsRequested: 'termination' as const,
      };
    }),
  );
}
