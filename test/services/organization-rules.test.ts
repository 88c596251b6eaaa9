import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { projectStages } from '../../src/model/organization.ts';
import { createRoleGrant, createUser } from '../../src/services/access.ts';
import { login } from '../../src/services/auth.ts';
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, seedDemo } from '../../src/services/demo-seed.ts';
import { NotFoundError, ServiceError, ValidationError } from '../../src/services/errors.ts';
import { createProject, getProject } from '../../src/services/projects.ts';
import {
  createBusinessUnit,
  createProgram,
  getBusinessUnit,
  updateBusinessUnit,
} from '../../src/services/structure.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization, makeProject } from '../support/factories.ts';

let db: Database;

beforeAll(async () => {
  db = await openTestDatabase();
});

afterAll(async () => {
  await db?.close();
});

/** The fields a refused call names, or a failure when it was not refused with a ServiceError. */
async function refusedFields(call: () => Promise<unknown>): Promise<string[]> {
  const error = await Promise.resolve()
    .then(call)
    .then(
      () => new Error('expected the call to be refused'),
      (e: unknown) => e,
    );
  if (!(error instanceof ServiceError)) throw error;
  return error.errors.map((e) => e.field);
}

const count = async (table: string, orgId: string, where = 'true', params: unknown[] = []) =>
  (
    await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE org_id = $1 AND ${where}`, [
      orgId,
      ...params,
    ])
  )[0].n;

describe('organizations are kept apart', () => {
  it("refuses a project that names another organization's business unit, portfolio or manager", async () => {
    const a = await makeOrganization(db);
    const b = await makeOrganization(db);
    const theirs = await makeProject(db, a.orgId);
    const theirManager = await makeActor(db, a.orgId, 'project_manager');
    const ours = await makeProject(db, b.orgId, { programId: null });
    const base = { name: 'Cross-tenant', businessUnitId: ours.businessUnitId, portfolioId: ours.portfolioId };

    expect(
      await refusedFields(() =>
        createProject(db, b.system, { ...base, code: 'X-1', businessUnitId: theirs.businessUnitId }),
      ),
    ).toEqual(['businessUnitId']);
    expect(
      await refusedFields(() =>
        createProject(db, b.system, { ...base, code: 'X-2', portfolioId: theirs.portfolioId }),
      ),
    ).toEqual(['portfolioId']);
    expect(
      await refusedFields(() =>
        createProject(db, b.system, { ...base, code: 'X-3', programId: theirs.programId }),
      ),
    ).toEqual(['programId']);
    expect(
      await refusedFields(() =>
        createProject(db, b.system, { ...base, code: 'X-4', managerId: theirManager.userId }),
      ),
    ).toEqual(['managerId']);
    expect(await count('projects', b.orgId, "code LIKE 'X-%'")).toBe(0);
  });

  it("refuses a program in another organization's portfolio", async () => {
    const a = await makeOrganization(db);
    const b = await makeOrganization(db);
    const theirs = await makeProject(db, a.orgId, { programId: null });
    expect(
      await refusedFields(() =>
        createProgram(db, b.system, { name: 'Stray', portfolioId: theirs.portfolioId }),
      ),
    ).toEqual(['portfolioId']);
    expect(await count('programs', b.orgId)).toBe(0);
  });

  it("refuses a role grant for another organization's user or scope", async () => {
    const a = await makeOrganization(db);
    const b = await makeOrganization(db);
    const stranger = await makeActor(db, a.orgId, 'team_member');
    const member = await makeActor(db, b.orgId, 'team_member');
    const theirs = await makeProject(db, a.orgId);
    expect(
      await refusedFields(() =>
        createRoleGrant(db, b.system, {
          userId: stranger.userId,
          role: 'team_member',
          scopeType: 'organization',
        }),
      ),
    ).toEqual(['userId']);
    expect(
      await refusedFields(() =>
        createRoleGrant(db, b.system, {
          userId: member.userId,
          role: 'project_manager',
          scopeType: 'project',
          scopeId: theirs.id,
        }),
      ),
    ).toEqual(['scopeId']);
  });

  it("answers NotFoundError when reading another organization's project by id", async () => {
    const a = await makeOrganization(db);
    const b = await makeOrganization(db);
    const theirs = await makeProject(db, a.orgId);
    const reader = await makeActor(db, b.orgId, 'pmo_admin');
    await expect(getProject(db, reader, theirs.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('business unit tree', () => {
  it("refuses to make a business unit its own descendant's child, or its own parent", async () => {
    const { orgId, system } = await makeOrganization(db);
    const top = await createBusinessUnit(db, system, { name: 'Group', code: 'G' });
    const middle = await createBusinessUnit(db, system, { name: 'Division', code: 'D', parentId: top.id });
    const bottom = await createBusinessUnit(db, system, { name: 'Team', code: 'T', parentId: middle.id });
    for (const parentId of [bottom.id, middle.id, top.id])
      expect(
        await refusedFields(() => updateBusinessUnit(db, system, top.id, top.version, { parentId })),
      ).toEqual(['parentId']);
    const after = await getBusinessUnit(db, system, top.id);
    expect(after).toMatchObject({ parentId: null, version: top.version });
    expect(await count('audit_log', orgId, "action = 'update'")).toBe(0);
  });

  it('moves a business unit under a unit that is not below it', async () => {
    const { system } = await makeOrganization(db);
    const a = await createBusinessUnit(db, system, { name: 'A', code: 'A' });
    const b = await createBusinessUnit(db, system, { name: 'B', code: 'B' });
    const child = await createBusinessUnit(db, system, { name: 'A1', code: 'A1', parentId: a.id });
    const moved = await updateBusinessUnit(db, system, child.id, child.version, { parentId: b.id });
    expect(moved).toMatchObject({ parentId: b.id, parentName: 'B', version: child.version + 1 });
  });
});

describe('role grants', () => {
  it('refuses a pmo_admin grant at a centralized business unit, naming scopeId', async () => {
    const { orgId, system } = await makeOrganization(db);
    const admin = await makeActor(db, orgId, 'pmo_admin');
    const user = await createUser(db, system, {
      email: `bu-admin-${orgId}@example.test`,
      name: 'BU admin',
      password: 'long enough pw',
    });
    const central = await createBusinessUnit(db, system, {
      name: 'Central',
      code: 'C',
      pmoMode: 'centralized',
    });
    const local = await createBusinessUnit(db, system, {
      name: 'Local',
      code: 'L',
      pmoMode: 'decentralized',
    });
    const grant = { userId: user.id, role: 'pmo_admin', scopeType: 'business_unit' };
    const error = await Promise.resolve()
      .then(() => createRoleGrant(db, admin, { ...grant, scopeId: central.id }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors.map((e) => e.field)).toEqual(['scopeId']);
    expect(await count('role_grants', orgId, 'user_id = $2', [user.id])).toBe(0);

    const granted = await createRoleGrant(db, admin, { ...grant, scopeId: local.id });
    expect(granted).toMatchObject({
      role: 'pmo_admin',
      scopeType: 'business_unit',
      scopeId: local.id,
      scopeName: 'Local',
    });
  });
});

// A full demo seed takes half a minute alone, several times that on a busy two-core CI machine.
describe('demo seed', { timeout: 300_000 }, () => {
  it('creates the demo organization: 3 business units, 2 portfolios, 3 programs, 25 projects in every stage, 40 people', async () => {
    const result = await seedDemo(db);
    expect(result.created).toBe(true);
    const { orgId } = result;
    expect(await count('business_units', orgId)).toBe(3);
    expect(await count('business_units', orgId, "pmo_mode = 'decentralized'")).toBe(1);
    expect(await count('portfolios', orgId)).toBe(2);
    expect(await count('programs', orgId)).toBe(3);
    expect(await count('projects', orgId)).toBe(25);
    expect(await count('users', orgId)).toBe(40);
    const stages = await db.query<{ stage: string }>(
      'SELECT DISTINCT stage FROM projects WHERE org_id = $1',
      [orgId],
    );
    expect(stages.map((row) => row.stage).sort()).toEqual([...projectStages].sort());
    const roles = await db.query<{ role: string }>(
      'SELECT DISTINCT role FROM role_grants WHERE org_id = $1',
      [orgId],
    );
    expect(roles).toHaveLength(6);
    const session = await login(db, { email: DEMO_ADMIN_EMAIL, password: DEMO_PASSWORD }, '192.0.2.1');
    expect(session.actor.grants).toContainEqual({
      role: 'pmo_admin',
      scopeType: 'organization',
      scopeId: null,
    });
  });

  it('changes nothing when run again', async () => {
    const tables = [
      'users',
      'business_units',
      'portfolios',
      'programs',
      'projects',
      'role_grants',
      'audit_log',
    ];
    const orgId = (await seedDemo(db)).orgId;
    const before = await Promise.all(tables.map((table) => count(table, orgId)));
    const again = await seedDemo(db);
    expect(again).toMatchObject({ created: false, orgId });
    expect(await Promise.all(tables.map((table) => count(table, orgId)))).toEqual(before);
    const organizations = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM organizations WHERE name = 'Northwind Group'",
    );
    expect(organizations[0].n).toBe(1);
  });
});
