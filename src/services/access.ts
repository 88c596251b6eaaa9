import type { Database, Queryable } from '../db/connection.ts';
import {
  businessUnitPmoMode,
  findLogin,
  findOrganizationByName,
  insertLoginEmail,
  insertOrganization,
  scopeExists,
  updatePasswordHash,
} from '../db/repositories/auth.ts';
import {
  businessUnitAncestors,
  type Placement,
  placementOfParents,
  placementOfPortfolio,
  placementOfProgram,
  projectParents,
} from '../db/repositories/scope.ts';
import { roleGrants, users } from '../db/repositories/tables.ts';
import { findRow, insertRow, listRows } from '../db/sql.ts';
import { uuidv7 } from '../db/uuid.ts';
import { type RoleGrant, roleGrantInput, type User, userInput, userPatch } from '../model/access.ts';
import type { ListQuery, Page } from '../model/common.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from './errors.ts';
import { audit, createAudited, deleteAudited, translateDatabaseErrors, updateAudited } from './mutation.ts';
import { hashPassword } from './passwords.ts';
import { type Actor, can, organizationChain } from './policy.ts';
import { parseInput } from './validate.ts';

/** The operator's identity for CLI work on an organization (migrations, seeding, first users). */
export function systemActor(orgId: string, label = 'system'): Actor {
  return { orgId, userId: null, label, grants: [], system: true };
}

/** Finds an organization by name or creates it: the CLI's first step on an empty database. */
export async function ensureOrganization(db: Database, name: string, currency = 'USD'): Promise<string> {
  const existing = await findOrganizationByName(db, name);
  if (existing) return existing.id;
  const id = uuidv7();
  await db.transaction(async (tx) => {
    await insertOrganization(tx, id, name, currency);
    await audit(tx, systemActor(id), 'organization', id, 'create', null, { id, name, currency });
  });
  return id;
}

export async function listUsers(db: Database, actor: Actor, query: ListQuery): Promise<Page<User>> {
  const page = await listRows<User>(db, users, actor.orgId, query);
  return { ...page, page: query.page, pageSize: query.pageSize };
}

export async function getUser(db: Database, actor: Actor, id: string): Promise<User> {
  const user = await findRow<User>(db, users, actor.orgId, id);
  if (!user) throw new NotFoundError('user', id);
  return user;
}

export async function createUser(db: Database, actor: Actor, input: unknown): Promise<User> {
  const values = parseInput(userInput, input);
  if (!can(actor, 'manage_org', organizationChain)) throw new ForbiddenError();
  const passwordHash = await hashPassword(values.password);
  return createAudited<User>(
    db,
    actor,
    'user',
    users,
    { email: values.email, name: values.name, passwordHash },
    async (tx) => {
      if (await findLogin(tx, values.email))
        throw new ConflictError('email is already taken', [{ field: 'email', message: 'is already taken' }]);
    },
    (tx, id) => insertLoginEmail(tx, values.email, actor.orgId, id),
  );
}

export async function updateUser(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  input: unknown,
) {
  const patch = parseInput(userPatch, input);
  return updateAudited<User>(db, actor, 'user', users, id, version, patch, async () => {
    const renamingSelf = actor.userId === id && patch.isActive === undefined;
    if (!renamingSelf && !can(actor, 'manage_org', organizationChain)) throw new ForbiddenError();
  });
}

/** Sets a password from the CLI or an administrator; the hash is never audited. */
export async function setUserPassword(
  db: Database,
  actor: Actor,
  id: string,
  password: string,
): Promise<void> {
  const { password: checked } = parseInput(userInput.pick({ password: true }), { password });
  if (!can(actor, 'manage_org', organizationChain)) throw new ForbiddenError();
  const passwordHash = await hashPassword(checked);
  await db.transaction(async (tx) => {
    const user = await findRow<User>(tx, users, actor.orgId, id);
    if (!user) throw new NotFoundError('user', id);
    await updatePasswordHash(tx, actor.orgId, id, passwordHash);
    await audit(tx, actor, 'user', id, 'update', { password: 'changed' }, { password: 'changed' });
  });
}

async function placementOfScope(
  q: Queryable,
  orgId: string,
  scopeType: RoleGrant['scopeType'],
  scopeId: string | null,
): Promise<Placement | typeof organizationChain | null> {
  switch (scopeType) {
    case 'organization':
      return organizationChain;
    case 'business_unit':
      return (await scopeExists(q, orgId, scopeType, scopeId!))
        ? {
            businessUnitIds: await businessUnitAncestors(q, orgId, scopeId),
            portfolioId: null,
            programId: null,
            projectId: null,
          }
        : null;
    case 'portfolio':
      return placementOfPortfolio(q, orgId, scopeId!);
    case 'program':
      return placementOfProgram(q, orgId, scopeId!);
    case 'project': {
      const parents = await projectParents(q, orgId, scopeId!);
      return parents && placementOfParents(q, orgId, { ...parents, projectId: scopeId });
    }
  }
}

/** Role grants are read by those who may grant: a PMO administrator sees them all (its own scope's at least). */
export async function listRoleGrants(
  db: Database,
  actor: Actor,
  query: ListQuery & { userId?: string },
): Promise<Page<RoleGrant>> {
  if (!actor.system && !actor.grants.some((grant) => grant.role === 'pmo_admin')) throw new ForbiddenError();
  const page = await listRows<RoleGrant>(db, roleGrants, actor.orgId, {
    ...query,
    equals: { userId: query.userId },
  });
  return { ...page, page: query.page, pageSize: query.pageSize };
}

export async function getRoleGrant(db: Database, actor: Actor, id: string): Promise<RoleGrant> {
  const grant = await findRow<RoleGrant>(db, roleGrants, actor.orgId, id);
  if (!grant) throw new NotFoundError('role grant', id);
  if (grant.userId !== actor.userId && !actor.system && !actor.grants.some((g) => g.role === 'pmo_admin'))
    throw new ForbiddenError();
  return grant;
}

export async function createRoleGrant(db: Database, actor: Actor, input: unknown): Promise<RoleGrant> {
  const values = parseInput(roleGrantInput, input);
  return createAudited<RoleGrant>(db, actor, 'role_grant', roleGrants, values, async (tx) => {
    const placement = await placementOfScope(tx, actor.orgId, values.scopeType, values.scopeId);
    if (!placement)
      throw new ValidationError([{ field: 'scopeId', message: `no ${values.scopeType} with this id` }]);
    if (!can(actor, 'manage_access', placement)) throw new ForbiddenError();
    if (
      values.role === 'pmo_admin' &&
      values.scopeType === 'business_unit' &&
      (await businessUnitPmoMode(tx, actor.orgId, values.scopeId!)) !== 'decentralized'
    )
      throw new ValidationError([
        {
          field: 'scopeId',
          message: 'a business unit gets its own PMO administrator only when it is decentralized',
        },
      ]);
    if (!(await findRow(tx, users, actor.orgId, values.userId)))
      throw new ValidationError([{ field: 'userId', message: 'does not exist in this organization' }]);
  });
}

export async function deleteRoleGrant(db: Database, actor: Actor, id: string, version: number | undefined) {
  return deleteAudited<RoleGrant>(db, actor, 'role_grant', roleGrants, id, version, async (tx, before) => {
    const placement = await placementOfScope(tx, actor.orgId, before.scopeType, before.scopeId);
    if (!placement || !can(actor, 'manage_access', placement)) throw new ForbiddenError();
  });
}

/** Inserts a grant without the policy check: bootstrap and demo data only. */
export async function grantRoleAsSystem(
  q: Queryable,
  orgId: string,
  grant: {
    userId: string;
    role: RoleGrant['role'];
    scopeType: RoleGrant['scopeType'];
    scopeId: string | null;
  },
): Promise<void> {
  await translateDatabaseErrors(() => insertRow(q, roleGrants, orgId, uuidv7(), grant));
}
