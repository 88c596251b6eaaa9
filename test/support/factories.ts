import type { Database } from '../../src/db/connection.ts';
import type { NewTaskRow } from '../../src/db/repositories/plans.ts';
import type { Role, ScopeType } from '../../src/model/access.ts';
import type { Project } from '../../src/model/organization.ts';
import { createUser, ensureOrganization, grantRoleAsSystem, systemActor } from '../../src/services/access.ts';
import { loadActor } from '../../src/services/auth.ts';
import type { Actor } from '../../src/services/policy.ts';
import { createProject } from '../../src/services/projects.ts';
import { createBusinessUnit, createPortfolio, createProgram } from '../../src/services/structure.ts';

let counter = 0;
const next = () => ++counter;

export const TEST_PASSWORD = 'correct horse battery';

/** An organization and its system actor. */
export async function makeOrganization(db: Database, name = `Org ${next()}`) {
  const orgId = await ensureOrganization(db, name);
  return { orgId, system: systemActor(orgId, 'test') };
}

/** A user holding `role` at a scope, returned as the actor the API would see after login. */
export async function makeActor(
  db: Database,
  orgId: string,
  role: Role,
  scopeType: ScopeType = 'organization',
  scopeId: string | null = null,
): Promise<Actor & { email: string }> {
  const n = next();
  const email = `${role.replace('_', '-')}-${n}@example.test`;
  const user = await createUser(db, systemActor(orgId), {
    email,
    name: `${role} ${n}`,
    password: TEST_PASSWORD,
  });
  await grantRoleAsSystem(db, orgId, { userId: user.id, role, scopeType, scopeId });
  const actor = await loadActor(db, orgId, user.id);
  return { ...actor!, email };
}

/** A project with every parent it needs (business unit, portfolio, program), unless given. */
export async function makeProject(
  db: Database,
  orgId: string,
  overrides: Partial<{
    businessUnitId: string;
    portfolioId: string;
    programId: string | null;
    code: string;
  }> = {},
): Promise<Project> {
  const system = systemActor(orgId, 'test');
  const n = next();
  const businessUnitId =
    overrides.businessUnitId ??
    (await createBusinessUnit(db, system, { name: `Unit ${n}`, code: `U${n}`, pmoMode: 'decentralized' })).id;
  const portfolioId =
    overrides.portfolioId ??
    (await createPortfolio(db, system, { name: `Portfolio ${n}`, businessUnitId })).id;
  const programId =
    overrides.programId !== undefined
      ? overrides.programId
      : (await createProgram(db, system, { name: `Program ${n}`, portfolioId })).id;
  return createProject(db, system, {
    code: overrides.code ?? `P-${n}`,
    name: `Project ${n}`,
    businessUnitId,
    portfolioId,
    programId,
    targetStart: '2027-01-04',
    targetFinish: '2027-06-30',
    budget: 100_000,
  });
}

/** A task row as bulk writes take it (no dates): an unstarted 1-day ASAP task unless overridden. */
export function newTaskRow(overrides: Partial<NewTaskRow> & { id: string }): NewTaskRow {
  return {
    parentId: null,
    position: 0,
    wbsCode: '',
    name: overrides.id,
    durationMinutes: 480,
    durationElapsed: false,
    milestone: false,
    constraintType: 'ASAP',
    constraintDate: null,
    deadline: null,
    actualStart: null,
    actualFinish: null,
    percentComplete: 0,
    calendarId: null,
    ...overrides,
  };
}
