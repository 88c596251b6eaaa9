import type { Database } from '../db/connection.ts';
import { uuidv7 } from '../db/uuid.ts';
import { listUsers, systemActor } from './access.ts';
import { loadActor } from './auth.ts';
import { createChangeRequest, decideChangeRequest, startReview } from './change-control.ts';
import { createLink, createTask } from './planning.ts';
import type { Actor } from './policy.ts';
import { listProjects } from './projects.ts';

const DAY = 480;

async function projectByCode(db: Database, actor: Actor, code: string) {
  const page = await listProjects(db, actor, { q: code, page: 1, pageSize: 1, order: 'asc' });
  const project = page.items[0];
  if (!project) throw new Error(`demo project ${code} is missing`);
  return project;
}

async function actorNamed(db: Database, system: Actor, name: string): Promise<Actor> {
  const page = await listUsers(db, system, { q: name, page: 1, pageSize: 1, order: 'asc' });
  const actor = page.items[0] && (await loadActor(db, system.orgId, page.items[0].id));
  if (!actor) throw new Error(`demo person ${name} is missing`);
  return actor;
}

/**
 * Change control in the demo: small plans for two Customer Platform projects joined by a
 * cross-project link, and requests in every state: one under review whose slip crosses into the
 * other project, one approved and applied, one rejected, one deferred, one at program level.
 */
export async function seedChangeControl(db: Database, orgId: string): Promise<void> {
  const system = systemActor(orgId, 'demo seed');
  const portal = await projectByCode(db, system, 'CP-105');
  const identity = await projectByCode(db, system, 'CP-106');
  const programId = portal.programId as string;
  const task = (projectId: string, name: string, days: number) =>
    createTask(db, system, projectId, { name, durationMinutes: days * DAY });
  const design = await task(portal.id, 'Portal design', 10);
  const build = await task(portal.id, 'Portal build', 20);
  const launch = await task(portal.id, 'Portal launch', 0);
  const integrate = await task(identity.id, 'Identity integration', 8);
  const readiness = await task(identity.id, 'Go-live readiness', 5);
  await createLink(db, system, { predecessorId: design.id, successorId: build.id });
  await createLink(db, system, { predecessorId: build.id, successorId: launch.id });
  await createLink(db, system, { predecessorId: integrate.id, successorId: readiness.id });
  // The portal must be built before identity can be readied for go-live: a slip in CP-105 reaches CP-106.
  await createLink(db, system, { predecessorId: build.id, successorId: readiness.id });

  const portalManager = (await loadActor(db, orgId, portal.managerId as string)) as Actor;
  const identityManager = (await loadActor(db, orgId, identity.managerId as string)) as Actor;
  const board = await actorNamed(db, system, 'Grace Liu');
  const onPortal = { type: 'project' as const, id: portal.id };
  const onIdentity = { type: 'project' as const, id: identity.id };

  const loadTestingTask = uuidv7();
  const loadTesting = await createChangeRequest(db, portalManager, onPortal, {
    title: 'Add load testing before launch',
    reason: 'The pilot showed response times above target at peak.',
    category: 'scope',
    costImpact: 18_000,
    operations: [
      {
        op: 'add_task',
        taskId: loadTestingTask,
        projectId: portal.id,
        name: 'Load testing',
        durationMinutes: 3 * DAY,
      },
      { op: 'add_link', predecessorId: build.id, successorId: loadTestingTask },
      { op: 'add_link', predecessorId: loadTestingTask, successorId: launch.id },
    ],
  });
  await startReview(db, board, loadTesting.id, { note: 'Platform board, week 14' });
  await decideChangeRequest(db, board, loadTesting.id, { decision: 'approve', note: 'Worth the days.' });

  const accessibility = await createChangeRequest(db, portalManager, onPortal, {
    title: 'Extend portal build for the accessibility audit',
    reason: 'WCAG 2.2 AA audit findings must be fixed before launch.',
    description: 'Five more days of build; identity go-live readiness moves with it.',
    category: 'schedule',
    costImpact: 45_000,
    operations: [{ op: 'update_task', taskId: build.id, changes: { durationMinutes: 25 * DAY } }],
  });
  await startReview(db, board, accessibility.id, { note: 'On the agenda of the next board.' });

  const shorten = await createChangeRequest(db, identityManager, onIdentity, {
    title: 'Shorten identity integration',
    reason: 'Drop the SMS fallback to save two days.',
    category: 'scope',
    costImpact: -12_000,
    operations: [{ op: 'update_task', taskId: integrate.id, changes: { durationMinutes: 6 * DAY } }],
  });
  await startReview(db, board, shorten.id, {});
  await decideChangeRequest(db, board, shorten.id, {
    decision: 'reject',
    note: 'Security requires the fallback.',
  });

  const vendor = await createChangeRequest(db, identityManager, onIdentity, {
    title: 'Renegotiate the identity vendor SLA',
    reason: 'Support hours do not cover the launch weekend.',
    category: 'cost',
    costImpact: 8_500,
  });
  await startReview(db, board, vendor.id, {});
  await decideChangeRequest(db, board, vendor.id, { decision: 'defer', note: 'Revisit after launch.' });

  await createChangeRequest(
    db,
    board,
    { type: 'program', id: programId },
    {
      title: 'Launch the portal only once identity is ready',
      reason: 'One go-live for the customer platform.',
      description: 'Tie the portal launch to identity go-live readiness across the two projects.',
      category: 'schedule',
      costImpact: 0,
      operations: [{ op: 'add_link', predecessorId: readiness.id, successorId: launch.id }],
    },
  );
}
