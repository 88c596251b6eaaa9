import type { InjectOptions } from 'fastify';
import type { Database } from '../../../src/db/connection.ts';
import { type App, buildApp } from '../../../src/http/app.ts';
import type { Role, ScopeType } from '../../../src/model/access.ts';
import { createUser, grantRoleAsSystem, systemActor } from '../../../src/services/access.ts';
import { createApiToken } from '../../../src/services/auth.ts';
import { createChangeRequest } from '../../../src/services/change-control.ts';
import { previewLeveling } from '../../../src/services/leveling.ts';
import { createTask, getTask } from '../../../src/services/planning.ts';
import type { Actor } from '../../../src/services/policy.ts';
import { createProject } from '../../../src/services/projects.ts';
import {
  createBusinessUnit,
  createObjective,
  createPortfolio,
  createProgram,
} from '../../../src/services/structure.ts';
import { openTestDatabase } from '../../support/database.ts';
import { makeActor, makeOrganization, TEST_PASSWORD } from '../../support/factories.ts';
import { insertAssignment, insertResource } from '../../support/leveling-fixtures.ts';

/**
 * The permission matrix's world: two organizations, a hierarchy in and out of every actor's scope plus
 * one in the other organization, and the actors with their tokens. The bindings are set by setUpWorld();
 * the case modules read them when a request is built, after it has run.
 */
export type ActorKey =
  | 'pmoOrg'
  | 'pmoUnit'
  | 'portfolioManager'
  | 'programManager'
  | 'projectManager'
  | 'teamMember'
  | 'executiveOrg'
  | 'executiveUnit'
  | 'resourceUnit';
export type Target = 'in' | 'out' | 'other';

const actorRoles: Record<ActorKey, [Role, ScopeType, 'org' | 'unit' | 'portfolio' | 'program' | 'project']> =
  {
    pmoOrg: ['pmo_admin', 'organization', 'org'],
    pmoUnit: ['pmo_admin', 'business_unit', 'unit'],
    portfolioManager: ['portfolio_manager', 'portfolio', 'portfolio'],
    programManager: ['program_manager', 'program', 'program'],
    projectManager: ['project_manager', 'project', 'project'],
    teamMember: ['team_member', 'project', 'project'],
    executiveOrg: ['executive_viewer', 'organization', 'org'],
    executiveUnit: ['executive_viewer', 'business_unit', 'unit'],
    resourceUnit: ['resource_manager', 'business_unit', 'unit'],
  };
export const actorKeys = Object.keys(actorRoles) as ActorKey[];

interface Hierarchy {
  unit: string;
  childUnit: string;
  portfolio: string;
  program: string;
  project: string;
}

export let db: Database;
export let app: App;
export let orgA: string;
export let orgB: string;
export const tree = {} as Record<'in' | 'out' | 'other', Hierarchy>;
export const extras = {} as Record<Target, { objective: string; user: string }>;
export const taskOf = {} as Record<Target, string>;
export const tokens = {} as Record<ActorKey, string>;
export const actors = {} as Record<ActorKey, Actor & { email: string }>;
let sequence = 0;
/** A number no earlier call returned, for names and codes that must be unique. */
export const nextSequence = () => ++sequence;

async function makeHierarchy(orgId: string, pmoMode: 'centralized' | 'decentralized'): Promise<Hierarchy> {
  const system = systemActor(orgId);
  const n = nextSequence();
  const unit = await createBusinessUnit(db, system, { name: `Unit ${n}`, code: `U${n}`, pmoMode });
  const childUnit = await createBusinessUnit(db, system, {
    name: `Child ${n}`,
    code: `C${n}`,
    parentId: unit.id,
  });
  const portfolio = await createPortfolio(db, system, { name: `Portfolio ${n}`, businessUnitId: unit.id });
  const program = await createProgram(db, system, { name: `Program ${n}`, portfolioId: portfolio.id });
  const project = await createProject(db, system, {
    code: `J-${n}`,
    name: `Project ${n}`,
    businessUnitId: unit.id,
    portfolioId: portfolio.id,
    programId: program.id,
  });
  return {
    unit: unit.id,
    childUnit: childUnit.id,
    portfolio: portfolio.id,
    program: program.id,
    project: project.id,
  };
}
export const orgOf = (target: Target) => (target === 'other' ? orgB : orgA);
export const systemFor = (target: Target) => systemActor(orgOf(target));

/** The target's standing task; an import case replaces the whole plan, so it is made again when gone. */
export async function standingTask(target: Target): Promise<string> {
  try {
    await getTask(db, systemFor(target), taskOf[target]);
  } catch {
    taskOf[target] = (
      await createTask(db, systemFor(target), tree[target].project, { name: `Task ${target}` })
    ).id;
  }
  return taskOf[target];
}

/** The target project's standing task, assigned to a crew of the target's organization, so leveling has work. */
export async function levelingScope(target: Target): Promise<string> {
  const taskId = await standingTask(target);
  const orgId = orgOf(target);
  const existing = await db.query<{ id: string }>(
    'SELECT id FROM resources WHERE org_id = $1 AND code = $2',
    [orgId, `CREW-${target}`],
  );
  const resourceId = existing[0]?.id ?? (await insertResource(db, orgId, { code: `CREW-${target}` }));
  const assigned = await db.query('SELECT 1 FROM assignments WHERE org_id = $1 AND task_id = $2', [
    orgId,
    taskId,
  ]);
  if (assigned.length === 0) await insertAssignment(db, orgId, { taskId, resourceId });
  return tree[target].project;
}

export async function levelingPreview(target: Target) {
  const scopeId = await levelingScope(target);
  return previewLeveling(db, systemFor(target), { scopeType: 'project', scopeId, schedules: 10 });
}

export async function freshProject(target: Target) {
  const h = tree[target];
  return createProject(db, systemFor(target), {
    code: `D-${nextSequence()}`,
    name: 'Disposable',
    businessUnitId: h.unit,
    portfolioId: h.portfolio,
    programId: h.program,
  });
}

export async function setUpWorld(): Promise<void> {
  db = await openTestDatabase();
  app = await buildApp({ db });
  orgA = (await makeOrganization(db, 'Matrix A')).orgId;
  orgB = (await makeOrganization(db, 'Matrix B')).orgId;
  tree.in = await makeHierarchy(orgA, 'decentralized');
  tree.out = await makeHierarchy(orgA, 'centralized');
  tree.other = await makeHierarchy(orgB, 'decentralized');
  for (const target of ['in', 'other'] as const) {
    const system = systemFor(target);
    const objective = await createObjective(db, system, { name: `Objective ${target}`, weight: 10 });
    const user = await createUser(db, system, {
      email: `bystander-${target}@example.test`,
      name: `Bystander ${target}`,
      password: TEST_PASSWORD,
    });
    extras[target] = { objective: objective.id, user: user.id };
    await grantRoleAsSystem(db, orgOf(target), {
      userId: user.id,
      role: 'team_member',
      scopeType: 'project',
      scopeId: tree[target].project,
    });
  }
  extras.out = extras.in;
  for (const target of ['in', 'out', 'other'] as const)
    taskOf[target] = (
      await createTask(db, systemFor(target), tree[target].project, { name: `Task ${target}` })
    ).id;
  const scopeIds = {
    org: null,
    unit: tree.in.unit,
    portfolio: tree.in.portfolio,
    program: tree.in.program,
    project: tree.in.project,
  };
  for (const key of actorKeys) {
    const [role, scopeType, scope] = actorRoles[key];
    actors[key] = await makeActor(db, orgA, role, scopeType, scopeIds[scope]);
    tokens[key] = (await createApiToken(db, actors[key], { name: 'matrix' })).token;
  }
  // Someone in the other organization holds a grant, so role-grant ids exist there too.
  const outsider = await makeActor(db, orgB, 'team_member', 'project', tree.other.project);
  void outsider;
}

export async function tearDownWorld(): Promise<void> {
  await app?.close();
  await db?.close();
}

/** Who may do what, per the design: read by scope (upward to the program and portfolio of one's project). */
export const inScope = (allowed: ActorKey[]) => (actor: ActorKey, target: Target) =>
  target === 'in' ? allowed.includes(actor) : target === 'out' ? actor === 'pmoOrg' : false;
export const everyMember = (_actor: ActorKey, target: Target) => target !== 'other';
export const readersOut = (actor: ActorKey, target: Target) =>
  target === 'in' ? true : target === 'out' ? actor === 'pmoOrg' || actor === 'executiveOrg' : false;
export const orgAdminOnly = (actor: ActorKey, target: Target) => actor === 'pmoOrg' && target !== 'other';
export const pmoAnyScope = (actor: ActorKey, target: Target) =>
  target !== 'other' && (actor === 'pmoOrg' || actor === 'pmoUnit');

export const projectEditors = inScope([
  'pmoOrg',
  'pmoUnit',
  'portfolioManager',
  'programManager',
  'projectManager',
]);
export const projectCreators = inScope(['pmoOrg', 'pmoUnit', 'portfolioManager', 'programManager']);
export const projectDeleters = inScope(['pmoOrg', 'pmoUnit', 'portfolioManager']);
export const programEditors = inScope(['pmoOrg', 'pmoUnit', 'portfolioManager', 'programManager']);
export const portfolioEditors = inScope(['pmoOrg', 'pmoUnit', 'portfolioManager']);
export const unitShapers = inScope(['pmoOrg', 'pmoUnit']);
export const changeDeciders = inScope(['pmoOrg', 'pmoUnit', 'portfolioManager', 'programManager']);

/** A fresh submitted change request on the target's project, with no plan operations. */
export const changeRequest = (target: Target) =>
  createChangeRequest(
    db,
    systemFor(target),
    { type: 'project', id: tree[target].project },
    {
      title: `Request ${nextSequence()}`,
    },
  );

export async function version(load: () => Promise<{ version: number }>) {
  return { 'if-match': `"${(await load()).version}"` };
}

export interface Case {
  route: string;
  allowed: (actor: ActorKey, target: Target) => boolean;
  targets?: Target[];
  request: (target: Target, actor: ActorKey) => Promise<InjectOptions>;
}

export const v1 = '/api/v1';
