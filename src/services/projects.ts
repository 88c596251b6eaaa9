import type { Database, Queryable } from '../db/connection.ts';
import {
  deleteProjectMember,
  listProjectMembers,
  listProjectObjectives,
  replaceProjectObjectives,
  upsertProjectMember,
} from '../db/repositories/project-links.ts';
import {
  type Placement,
  placementOfParents,
  programBelongsToPortfolio,
  projectWithin,
} from '../db/repositories/scope.ts';
import { projects } from '../db/repositories/tables.ts';
import { findRow, listRows } from '../db/sql.ts';
import type { ListQuery, Page } from '../model/common.ts';
import {
  finishAfterStart,
  type Project,
  projectInput,
  projectMemberInput,
  projectObjectivesInput,
  projectPatch,
} from '../model/organization.ts';
import { ForbiddenError, NotFoundError, ValidationError } from './errors.ts';
import { isPmoFor } from './gate-authority.ts';
import { audit, createAudited, deleteAudited, translateDatabaseErrors, updateAudited } from './mutation.ts';
import { type Actor, type Capability, can, visibility } from './policy.ts';
import { refreshOnStageChange } from './project-financials.ts';
import { parseInput } from './validate.ts';

export interface ProjectFilters {
  businessUnitId?: string;
  portfolioId?: string;
  programId?: string;
  stage?: string;
  health?: string;
  managerId?: string;
}

export async function listProjects(
  db: Database,
  actor: Actor,
  query: ListQuery & ProjectFilters,
): Promise<Page<Project>> {
  const seen = visibility(actor);
  const page = await listRows<Project>(db, projects, actor.orgId, {
    ...query,
    equals: {
      businessUnitId: query.businessUnitId,
      portfolioId: query.portfolioId,
      programId: query.programId,
      stage: query.stage,
      health: query.health,
      managerId: query.managerId,
    },
    where: seen.all ? undefined : (params) => projectWithin('t', params, actor.orgId, seen),
  });
  return { ...page, page: query.page, pageSize: query.pageSize };
}

function placementOf(q: Queryable, actor: Actor, project: Project): Promise<Placement> {
  return placementOfParents(q, actor.orgId, { ...project, projectId: project.id });
}

async function authorizedProject(
  q: Queryable,
  actor: Actor,
  id: string,
  capability: Capability,
): Promise<Project> {
  const project = await findRow<Project>(q, projects, actor.orgId, id);
  if (!project) throw new NotFoundError('project', id);
  if (!can(actor, capability, await placementOf(q, actor, project))) throw new ForbiddenError();
  return project;
}

export async function getProject(db: Database, actor: Actor, id: string): Promise<Project> {
  return authorizedProject(db, actor, id, 'read');
}

async function checkParents(
  q: Queryable,
  actor: Actor,
  parents: { businessUnitId: string; portfolioId: string; programId: string | null },
): Promise<void> {
  if (
    parents.programId &&
    !(await programBelongsToPortfolio(q, actor.orgId, parents.programId, parents.portfolioId))
  )
    throw new ValidationError([{ field: 'programId', message: 'is not a program of the chosen portfolio' }]);
}

export async function createProject(db: Database, actor: Actor, input: unknown): Promise<Project> {
  const values = parseInput(projectInput, input);
  return createAudited(db, actor, 'project', projects, values, async (tx) => {
    if (!can(actor, 'create_project', await placementOfParents(tx, actor.orgId, values)))
      throw new ForbiddenError();
    await checkParents(tx, actor, values);
  });
}

export async function updateProject(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  input: unknown,
) {
  const patch = parseInput(projectPatch, input);
  return updateAudited<Project>(
    db,
    actor,
    'project',
    projects,
    id,
    version,
    patch,
    async (tx, before) => {
      const placement = await placementOf(tx, actor, before);
      if (!can(actor, 'update_project', placement)) throw new ForbiddenError();
      const after = { ...before, ...patch };
      if (after.stage !== before.stage) checkStageEdit(actor, before.stage, after.stage, placement);
      if (!finishAfterStart(after))
        throw new ValidationError([{ field: 'targetFinish', message: 'must not be before targetStart' }]);
      const moved =
        after.businessUnitId !== before.businessUnitId ||
        after.portfolioId !== before.portfolioId ||
        after.programId !== before.programId;
      if (moved) {
        // Moving a project is creating it elsewhere: the actor needs that right at the destination too.
        if (!can(actor, 'create_project', await placementOfParents(tx, actor.orgId, after)))
          throw new ForbiddenError();
        await checkParents(tx, actor, after);
      }
    },
    (tx, before) => refreshOnStageChange(tx, actor.orgId, id, before.stage, patch.stage ?? before.stage),
  );
}

/**
 * Stages move through gate reviews, and a project ends through a termination decision that releases
 * what it holds; editing the field directly is the PMO's correction, never a way round either.
 */
function checkStageEdit(actor: Actor, from: string, to: string, placement: Placement): void {
  if (actor.system) return;
  if (to === 'terminated' || from === 'terminated')
    throw new ValidationError([
      {
        field: 'stage',
        message:
          from === 'terminated'
            ? 'a terminated project stays terminated'
            : 'terminate a project through POST /projects/{id}/terminate, which shows and releases what it holds',
      },
    ]);
  if (!isPmoFor(actor, placement))
    throw new ForbiddenError(
      'a project changes stage through a gate review (POST /projects/{id}/gate-reviews); only its PMO may set the stage directly',
    );
}

export async function deleteProject(db: Database, actor: Actor, id: string, version: number | undefined) {
  return deleteAudited<Project>(db, actor, 'project', projects, id, version, async (tx, before) => {
    if (!can(actor, 'delete_project', await placementOf(tx, actor, before))) throw new ForbiddenError();
  });
}

export async function getProjectObjectives(db: Database, actor: Actor, id: string) {
  await authorizedProject(db, actor, id, 'read');
  return { items: await listProjectObjectives(db, actor.orgId, id) };
}

export async function setProjectObjectives(db: Database, actor: Actor, id: string, input: unknown) {
  const { items } = parseInput(projectObjectivesInput, input);
  const ids = items.map((item) => item.objectiveId);
  const duplicate = ids.findIndex((value, index) => ids.indexOf(value) !== index);
  if (duplicate >= 0)
    throw new ValidationError([
      { field: `items.${duplicate}.objectiveId`, message: 'appears more than once' },
    ]);
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      await authorizedProject(tx, actor, id, 'update_project');
      const before = await listProjectObjectives(tx, actor.orgId, id);
      await replaceProjectObjectives(tx, actor.orgId, id, items);
      const after = await listProjectObjectives(tx, actor.orgId, id);
      await audit(tx, actor, 'project', id, 'update', { objectives: before }, { objectives: after });
      return { items: after };
    }),
  );
}

export async function getProjectMembers(db: Database, actor: Actor, id: string) {
  await authorizedProject(db, actor, id, 'read');
  return { items: await listProjectMembers(db, actor.orgId, id) };
}

export async function addProjectMember(db: Database, actor: Actor, id: string, input: unknown) {
  const member = parseInput(projectMemberInput, input);
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      await authorizedProject(tx, actor, id, 'update_project');
      await upsertProjectMember(tx, actor.orgId, id, member.userId, member.memberRole);
      const items = await listProjectMembers(tx, actor.orgId, id);
      await audit(tx, actor, 'project', id, 'update', null, { memberAdded: member });
      return { items };
    }),
  );
}

export async function removeProjectMember(db: Database, actor: Actor, id: string, userId: string) {
  await db.transaction(async (tx) => {
    await authorizedProject(tx, actor, id, 'update_project');
    if (!(await deleteProjectMember(tx, actor.orgId, id, userId)))
      throw new NotFoundError('project member', userId);
    await audit(tx, actor, 'project', id, 'update', { memberRemoved: userId }, null);
  });
}
