import type { Database, Queryable } from '../db/connection.ts';
import { countProjectsInProgram } from '../db/repositories/project-links.ts';
import {
  businessUnitAncestors,
  isBusinessUnitWithin,
  type Placement,
  placementOfPortfolio,
  placementOfProgram,
  portfolioWithin,
  programWithin,
} from '../db/repositories/scope.ts';
import { businessUnits, objectives, portfolios, programs } from '../db/repositories/tables.ts';
import { findRow, listRows, type TableSpec } from '../db/sql.ts';
import type { ListQuery, Page } from '../model/common.ts';
import {
  type BusinessUnit,
  businessUnitInput,
  businessUnitPatch,
  type Objective,
  objectiveInput,
  objectivePatch,
  type Portfolio,
  type Program,
  portfolioInput,
  portfolioPatch,
  programInput,
  programPatch,
} from '../model/organization.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from './errors.ts';
import { createAudited, deleteAudited, updateAudited } from './mutation.ts';
import { type Actor, type Capability, can, organizationChain, visibility } from './policy.ts';
import { parseInput } from './validate.ts';

function require(actor: Actor, capability: Capability, chain: Placement | typeof organizationChain): void {
  if (!can(actor, capability, chain)) throw new ForbiddenError();
}

async function unitChain(q: Queryable, actor: Actor, parentId: string | null) {
  return { businessUnitIds: await businessUnitAncestors(q, actor.orgId, parentId) };
}

// Business units: the organization's tree. Everyone in the organization reads it; a unit is shaped
// (created, renamed, moved, removed) by the PMO that governs the level above it.

export async function listBusinessUnits(
  db: Database,
  actor: Actor,
  query: ListQuery & { parentId?: string | null },
): Promise<Page<BusinessUnit>> {
  const page = await listRows<BusinessUnit>(db, businessUnits, actor.orgId, {
    ...query,
    equals: { parentId: query.parentId },
  });
  return { ...page, page: query.page, pageSize: query.pageSize };
}

export async function getBusinessUnit(db: Database, actor: Actor, id: string): Promise<BusinessUnit> {
  const unit = await findRow<BusinessUnit>(db, businessUnits, actor.orgId, id);
  if (!unit) throw new NotFoundError('business unit', id);
  return unit;
}

export async function createBusinessUnit(db: Database, actor: Actor, input: unknown): Promise<BusinessUnit> {
  const values = parseInput(businessUnitInput, input);
  return createAudited(db, actor, 'business_unit', businessUnits, values, async (tx) => {
    require(actor, 'manage_business_units', await unitChain(tx, actor, values.parentId));
  });
}

export async function updateBusinessUnit(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  input: unknown,
): Promise<BusinessUnit> {
  const patch = parseInput(businessUnitPatch, input);
  return updateAudited<BusinessUnit>(
    db,
    actor,
    'business_unit',
    businessUnits,
    id,
    version,
    patch,
    async (tx, before) => {
      require(actor, 'manage_business_units', await unitChain(tx, actor, before.parentId));
      if (patch.parentId !== undefined && patch.parentId !== before.parentId) {
        require(actor, 'manage_business_units', await unitChain(tx, actor, patch.parentId));
        if (patch.parentId && (await isBusinessUnitWithin(tx, actor.orgId, patch.parentId, id)))
          throw new ValidationError([
            { field: 'parentId', message: 'cannot be the unit itself or one of its descendants' },
          ]);
      }
    },
  );
}

export async function deleteBusinessUnit(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
) {
  return deleteAudited<BusinessUnit>(
    db,
    actor,
    'business_unit',
    businessUnits,
    id,
    version,
    async (tx, before) => {
      require(actor, 'manage_business_units', await unitChain(tx, actor, before.parentId));
    },
  );
}

// Strategic objectives: the organization's; its PMO keeps them.

export async function listObjectives(db: Database, actor: Actor, query: ListQuery): Promise<Page<Objective>> {
  const page = await listRows<Objective>(db, objectives, actor.orgId, query);
  return { ...page, page: query.page, pageSize: query.pageSize };
}

export async function getObjective(db: Database, actor: Actor, id: string): Promise<Objective> {
  const objective = await findRow<Objective>(db, objectives, actor.orgId, id);
  if (!objective) throw new NotFoundError('objective', id);
  return objective;
}

export async function createObjective(db: Database, actor: Actor, input: unknown): Promise<Objective> {
  const values = parseInput(objectiveInput, input);
  return createAudited(db, actor, 'objective', objectives, values, async () =>
    require(actor, 'manage_org', organizationChain),
  );
}

export async function updateObjective(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  input: unknown,
) {
  const patch = parseInput(objectivePatch, input);
  return updateAudited<Objective>(db, actor, 'objective', objectives, id, version, patch, async () =>
    require(actor, 'manage_org', organizationChain),
  );
}

export async function deleteObjective(db: Database, actor: Actor, id: string, version: number | undefined) {
  return deleteAudited<Objective>(db, actor, 'objective', objectives, id, version, async () =>
    require(actor, 'manage_org', organizationChain),
  );
}

// Portfolios.

export async function listPortfolios(
  db: Database,
  actor: Actor,
  query: ListQuery & { businessUnitId?: string },
): Promise<Page<Portfolio>> {
  const seen = visibility(actor);
  const page = await listRows<Portfolio>(db, portfolios, actor.orgId, {
    ...query,
    equals: { businessUnitId: query.businessUnitId },
    where: seen.all ? undefined : (params) => portfolioWithin('t', params, actor.orgId, seen),
  });
  return { ...page, page: query.page, pageSize: query.pageSize };
}

/**
 * Where a portfolio or program sits, if the actor may read it: a grant covering it, or a project
 * in it that the actor may read (the people of a project see the program and portfolio above it).
 */
async function readableContainer(
  q: Queryable,
  actor: Actor,
  id: string,
  kind: { noun: string; spec: TableSpec; place: typeof placementOfPortfolio; within: typeof portfolioWithin },
): Promise<Placement> {
  const placement = await kind.place(q, actor.orgId, id);
  if (!placement) throw new NotFoundError(kind.noun, id);
  if (can(actor, 'read', placement)) return placement;
  const seen = visibility(actor);
  if (!seen.all) {
    const page = await listRows(q, kind.spec, actor.orgId, {
      page: 1,
      pageSize: 1,
      order: 'asc',
      where: (params) => `t.id = ${params.add(id)} AND ${kind.within('t', params, actor.orgId, seen)}`,
    });
    if (page.total > 0) return placement;
  }
  throw new ForbiddenError();
}

const portfolioKind = {
  noun: 'portfolio',
  spec: portfolios,
  place: placementOfPortfolio,
  within: portfolioWithin,
};
const programKind = { noun: 'program', spec: programs, place: placementOfProgram, within: programWithin };
const readablePortfolio = (q: Queryable, actor: Actor, id: string) =>
  readableContainer(q, actor, id, portfolioKind);
const readableProgram = (q: Queryable, actor: Actor, id: string) =>
  readableContainer(q, actor, id, programKind);

export async function getPortfolio(db: Database, actor: Actor, id: string): Promise<Portfolio> {
  await readablePortfolio(db, actor, id);
  return (await findRow<Portfolio>(db, portfolios, actor.orgId, id)) as Portfolio;
}

export async function createPortfolio(db: Database, actor: Actor, input: unknown): Promise<Portfolio> {
  const values = parseInput(portfolioInput, input);
  return createAudited(db, actor, 'portfolio', portfolios, values, async (tx) =>
    require(actor, 'create_portfolio', await unitChain(tx, actor, values.businessUnitId)),
  );
}

export async function updatePortfolio(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  input: unknown,
) {
  const patch = parseInput(portfolioPatch, input);
  return updateAudited<Portfolio>(db, actor, 'portfolio', portfolios, id, version, patch, async (tx) => {
    const placement = await readablePortfolio(tx, actor, id);
    require(actor, 'update_portfolio', placement);
    if (patch.businessUnitId !== undefined)
      require(actor, 'create_portfolio', await unitChain(tx, actor, patch.businessUnitId));
  });
}

export async function deletePortfolio(db: Database, actor: Actor, id: string, version: number | undefined) {
  return deleteAudited<Portfolio>(db, actor, 'portfolio', portfolios, id, version, async (tx) =>
    require(actor, 'delete_portfolio', await readablePortfolio(tx, actor, id)),
  );
}

// Programs.

export async function listPrograms(
  db: Database,
  actor: Actor,
  query: ListQuery & { portfolioId?: string },
): Promise<Page<Program>> {
  const seen = visibility(actor);
  const page = await listRows<Program>(db, programs, actor.orgId, {
    ...query,
    equals: { portfolioId: query.portfolioId },
    where: seen.all ? undefined : (params) => programWithin('t', params, actor.orgId, seen),
  });
  return { ...page, page: query.page, pageSize: query.pageSize };
}

export async function getProgram(db: Database, actor: Actor, id: string): Promise<Program> {
  await readableProgram(db, actor, id);
  return (await findRow<Program>(db, programs, actor.orgId, id)) as Program;
}

async function portfolioChain(q: Queryable, actor: Actor, portfolioId: string): Promise<Placement> {
  const placement = await placementOfPortfolio(q, actor.orgId, portfolioId);
  if (!placement)
    throw new ValidationError([{ field: 'portfolioId', message: 'does not exist in this organization' }]);
  return placement;
}

export async function createProgram(db: Database, actor: Actor, input: unknown): Promise<Program> {
  const values = parseInput(programInput, input);
  return createAudited(db, actor, 'program', programs, values, async (tx) =>
    require(actor, 'create_program', await portfolioChain(tx, actor, values.portfolioId)),
  );
}

export async function updateProgram(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  input: unknown,
) {
  const patch = parseInput(programPatch, input);
  return updateAudited<Program>(db, actor, 'program', programs, id, version, patch, async (tx, before) => {
    require(actor, 'update_program', await readableProgram(tx, actor, id));
    if (patch.portfolioId !== undefined && patch.portfolioId !== before.portfolioId) {
      require(actor, 'create_program', await portfolioChain(tx, actor, patch.portfolioId));
      // A program's projects belong to its portfolio; moving it alone would split them.
      const projectCount = await countProjectsInProgram(tx, actor.orgId, id);
      if (projectCount > 0)
        throw new ConflictError(
          `the program has ${projectCount} project(s); move them to the new portfolio first`,
          [{ field: 'portfolioId', message: 'cannot change while the program has projects' }],
        );
    }
  });
}

export async function deleteProgram(db: Database, actor: Actor, id: string, version: number | undefined) {
  return deleteAudited<Program>(db, actor, 'program', programs, id, version, async (tx) =>
    require(actor, 'delete_program', await readableProgram(tx, actor, id)),
  );
}

export { readablePortfolio, readableProgram };
