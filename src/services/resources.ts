import type { Database, Queryable } from '../db/connection.ts';
import {
  calendarExists,
  listRatesOf,
  recomputeAssignmentCosts,
  replaceResourceSkills,
  resourceFilterSql,
  resourceRates,
  resourceRoles,
  resources,
  skills,
  unknownSkills,
} from '../db/repositories/resources.ts';
import { businessUnitAncestors } from '../db/repositories/scope.ts';
import { findRow, listRows, type TableSpec } from '../db/sql.ts';
import type { EntityType, ListQuery, Page } from '../model/common.ts';
import {
  type Rate,
  type Resource,
  type ResourceRole,
  rateInput,
  ratePatch,
  resourceInput,
  resourcePatch,
  resourceRoleInput,
  resourceRolePatch,
  resourceSkillsInput,
  type Skill,
  skillInput,
  skillPatch,
} from '../model/resource.ts';
import { ForbiddenError, NotFoundError, ValidationError } from './errors.ts';
import { audit, createAudited, deleteAudited, translateDatabaseErrors, updateAudited } from './mutation.ts';
import { type Actor, can, organizationChain } from './policy.ts';
import { parseInput } from './validate.ts';

/**
 * The shared pool. Every member of the organization reads it; a resource manager (or PMO administrator)
 * keeps it: at the organization for roles and skills, at a business unit for that unit's resources.
 */

/** A resource manager granted at a unit manages the resources of that unit and of the units below it. */
export async function requireManageResourcesIn(
  q: Queryable,
  actor: Actor,
  businessUnitId: string | null,
): Promise<void> {
  const chain = { businessUnitIds: await businessUnitAncestors(q, actor.orgId, businessUnitId) };
  if (!can(actor, 'manage_resources', chain)) throw new ForbiddenError();
}

export async function findResource(q: Queryable, actor: Actor, id: string): Promise<Resource> {
  const resource = await findRow<Resource>(q, resources, actor.orgId, id);
  if (!resource) throw new NotFoundError('resource', id);
  return resource;
}

function requireOrgPool(actor: Actor): void {
  if (!can(actor, 'manage_resources', organizationChain)) throw new ForbiddenError();
}

/** Roles and skills share their shape and rules: named lists the organization's resource managers keep. */
function namedCatalog<T extends { id: string; version: number }>(
  entity: EntityType,
  noun: string,
  spec: TableSpec,
  input: typeof resourceRoleInput,
  patch: typeof resourceRolePatch,
) {
  return {
    async list(db: Database, actor: Actor, query: ListQuery): Promise<Page<T>> {
      const page = await listRows<T>(db, spec, actor.orgId, query);
      return { ...page, page: query.page, pageSize: query.pageSize };
    },
    async get(db: Database, actor: Actor, id: string): Promise<T> {
      const row = await findRow<T>(db, spec, actor.orgId, id);
      if (!row) throw new NotFoundError(noun, id);
      return row;
    },
    create(db: Database, actor: Actor, body: unknown): Promise<T> {
      const values = parseInput(input, body);
      return createAudited<T>(db, actor, entity, spec, values, async () => requireOrgPool(actor));
    },
    update(db: Database, actor: Actor, id: string, version: number | undefined, body: unknown): Promise<T> {
      const values = parseInput(patch, body);
      return updateAudited<T>(db, actor, entity, spec, id, version, values, async () =>
        requireOrgPool(actor),
      );
    },
    remove(db: Database, actor: Actor, id: string, version: number | undefined): Promise<void> {
      return deleteAudited<T>(db, actor, entity, spec, id, version, async () => requireOrgPool(actor));
    },
  };
}

export const roleCatalog = namedCatalog<ResourceRole>(
  'resource_role',
  'resource role',
  resourceRoles,
  resourceRoleInput,
  resourceRolePatch,
);
export const skillCatalog = namedCatalog<Skill>('skill', 'skill', skills, skillInput, skillPatch);

export async function listResources(
  db: Database,
  actor: Actor,
  query: ListQuery & {
    kind?: Resource['kind'];
    roleId?: string;
    skillId?: string;
    businessUnitId?: string;
    active?: 'true' | 'false';
  },
): Promise<Page<Resource>> {
  const page = await listRows<Resource>(db, resources, actor.orgId, {
    ...query,
    equals: {
      kind: query.kind,
      roleId: query.roleId,
      active: query.active === undefined ? undefined : query.active === 'true',
    },
    where: (params) => resourceFilterSql(params, actor.orgId, query),
  });
  return { ...page, page: query.page, pageSize: query.pageSize };
}

export const getResource = (db: Database, actor: Actor, id: string) => findResource(db, actor, id);

async function checkCalendar(q: Queryable, actor: Actor, calendarId: string | null | undefined) {
  if (calendarId && !(await calendarExists(q, actor.orgId, calendarId)))
    throw new ValidationError([{ field: 'calendarId', message: 'does not exist in this organization' }]);
}

export async function createResource(db: Database, actor: Actor, body: unknown): Promise<Resource> {
  const values = parseInput(resourceInput, body);
  return createAudited<Resource>(db, actor, 'resource', resources, values, async (tx) => {
    await requireManageResourcesIn(tx, actor, values.businessUnitId);
    await checkCalendar(tx, actor, values.calendarId);
  });
}

export async function updateResource(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  body: unknown,
): Promise<Resource> {
  const patch = parseInput(resourcePatch, body);
  return updateAudited<Resource>(db, actor, 'resource', resources, id, version, patch, async (tx, before) => {
    await requireManageResourcesIn(tx, actor, before.businessUnitId);
    if (patch.businessUnitId !== undefined && patch.businessUnitId !== before.businessUnitId)
      await requireManageResourcesIn(tx, actor, patch.businessUnitId);
    await checkCalendar(tx, actor, patch.calendarId);
    const kind = patch.kind ?? before.kind;
    const userId = patch.userId === undefined ? before.userId : patch.userId;
    if (kind !== 'person' && userId !== null)
      throw new ValidationError([{ field: 'userId', message: 'only a person can be linked to a user' }]);
  });
}

export async function deleteResource(db: Database, actor: Actor, id: string, version: number | undefined) {
  return deleteAudited<Resource>(db, actor, 'resource', resources, id, version, (tx, before) =>
    requireManageResourcesIn(tx, actor, before.businessUnitId),
  );
}

/** Replaces the skills a resource holds, with their proficiency; audited on the resource. */
export async function setResourceSkills(db: Database, actor: Actor, id: string, body: unknown) {
  const { skills: held } = parseInput(resourceSkillsInput, body);
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const before = await findResource(tx, actor, id);
      await requireManageResourcesIn(tx, actor, before.businessUnitId);
      const unknown = await unknownSkills(
        tx,
        actor.orgId,
        held.map((s) => s.skillId),
      );
      if (unknown.length > 0)
        throw new ValidationError(
          held
            .map((s, index) => ({ s, index }))
            .filter(({ s }) => unknown.includes(s.skillId))
            .map(({ index }) => ({
              field: `skills[${index}].skillId`,
              message: 'does not exist in this organization',
            })),
        );
      await replaceResourceSkills(tx, actor.orgId, id, held);
      const after = await findResource(tx, actor, id);
      await audit(tx, actor, 'resource', id, 'update', { skills: before.skills }, { skills: after.skills });
      return after.skills;
    }),
  );
}

export async function listResourceRates(db: Database, actor: Actor, resourceId: string): Promise<Rate[]> {
  await findResource(db, actor, resourceId);
  return listRatesOf(db, actor.orgId, resourceId) as Promise<Rate[]>;
}

export async function createResourceRate(db: Database, actor: Actor, resourceId: string, body: unknown) {
  const values = parseInput(rateInput, body);
  return createAudited<Rate>(
    db,
    actor,
    'resource_rate',
    resourceRates,
    { ...values, resourceId },
    async (tx) => {
      const resource = await findResource(tx, actor, resourceId);
      await requireManageResourcesIn(tx, actor, resource.businessUnitId);
    },
    (tx) => recomputeAssignmentCosts(tx, actor.orgId, { resourceId }),
  );
}

async function rateChain(tx: Queryable, actor: Actor, rate: Rate) {
  const resource = await findResource(tx, actor, rate.resourceId);
  await requireManageResourcesIn(tx, actor, resource.businessUnitId);
}

export async function updateResourceRate(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  body: unknown,
): Promise<Rate> {
  const patch = parseInput(ratePatch, body);
  return updateAudited<Rate>(
    db,
    actor,
    'resource_rate',
    resourceRates,
    id,
    version,
    patch,
    (tx, before) => rateChain(tx, actor, before),
    (tx, before) => recomputeAssignmentCosts(tx, actor.orgId, { resourceId: before.resourceId }),
  );
}

export async function deleteResourceRate(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
) {
  return deleteAudited<Rate>(
    db,
    actor,
    'resource_rate',
    resourceRates,
    id,
    version,
    (tx, before) => rateChain(tx, actor, before),
    (tx, before) => recomputeAssignmentCosts(tx, actor.orgId, { resourceId: before.resourceId }),
  );
}
