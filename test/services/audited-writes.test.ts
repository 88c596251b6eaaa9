import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { uuidv7 } from '../../src/db/uuid.ts';
import {
  ConflictError,
  NotFoundError,
  PreconditionRequiredError,
  ValidationError,
} from '../../src/services/errors.ts';
import type { Actor } from '../../src/services/policy.ts';
import {
  createProject,
  deleteProject,
  getProject,
  getProjectObjectives,
  setProjectObjectives,
  updateProject,
} from '../../src/services/projects.ts';
import {
  createObjective,
  createPortfolio,
  createProgram,
  deletePortfolio,
  getBusinessUnit,
  getPortfolio,
  getProgram,
  updateBusinessUnit,
  updatePortfolio,
} from '../../src/services/structure.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization, makeProject } from '../support/factories.ts';

let db: Database;
let orgId: string;
let admin: Actor & { email: string };

beforeAll(async () => {
  db = await openTestDatabase();
  ({ orgId } = await makeOrganization(db));
  admin = await makeActor(db, orgId, 'pmo_admin');
});

afterAll(async () => {
  await db?.close();
});

interface AuditRow {
  action: string;
  actorId: string | null;
  actorLabel: string;
  before: unknown;
  after: unknown;
}

const auditOf = (entityType: string, id: string) =>
  db.query<AuditRow>(
    `SELECT action, actor_id AS "actorId", actor_label AS "actorLabel", before, after FROM audit_log
     WHERE org_id = $1 AND entity_type = $2 AND entity_id = $3 ORDER BY id`,
    [orgId, entityType, id],
  );

const countRows = async (sql: string, params: unknown[]) =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n;
const auditTotal = () => countRows('audit_log WHERE org_id = $1', [orgId]);

/** What one refused call must leave behind: the same project row and the same audit log. */
async function snapshot(projectId: string) {
  return {
    row: await db.query('SELECT * FROM projects WHERE org_id = $1 AND id = $2', [orgId, projectId]),
    audit: await auditTotal(),
  };
}

/** The error a call fails with; services may throw before returning their promise, so the call is deferred. */
const rejection = (call: () => Promise<unknown>) =>
  Promise.resolve()
    .then(call)
    .then(
      () => {
        throw new Error('expected the call to be refused');
      },
      (error: unknown) => error,
    );

describe('audited writes', () => {
  it('writes exactly one audit entry for a create, with the actor and the new record as after', async () => {
    const parent = await makeProject(db, orgId);
    const auditBefore = await auditTotal();
    const project = await createProject(db, admin, {
      code: 'AUD-1',
      name: 'Audited create',
      businessUnitId: parent.businessUnitId,
      portfolioId: parent.portfolioId,
    });
    expect(await auditTotal()).toBe(auditBefore + 1);
    const entries = await auditOf('project', project.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'create',
      actorId: admin.userId,
      actorLabel: admin.email,
      before: null,
    });
    expect(entries[0].after).toEqual(project);
  });

  it('writes exactly one audit entry for an update, with before and after', async () => {
    const project = await makeProject(db, orgId);
    const auditBefore = await auditTotal();
    const updated = await updateProject(db, admin, project.id, project.version, {
      name: 'Renamed',
      health: 'red',
    });
    expect(updated).toMatchObject({ name: 'Renamed', health: 'red', version: project.version + 1 });
    expect(await auditTotal()).toBe(auditBefore + 1);
    const last = (await auditOf('project', project.id)).at(-1)!;
    expect(last).toMatchObject({ action: 'update', actorId: admin.userId });
    expect(last.before).toEqual(project);
    expect(last.after).toEqual(updated);
  });

  it('writes exactly one audit entry for a delete, with the last state as before and no after', async () => {
    const project = await makeProject(db, orgId);
    const auditBefore = await auditTotal();
    await deleteProject(db, admin, project.id, project.version);
    expect(await auditTotal()).toBe(auditBefore + 1);
    const last = (await auditOf('project', project.id)).at(-1)!;
    expect(last).toMatchObject({ action: 'delete', actorId: admin.userId, after: null });
    expect(last.before).toEqual(project);
    expect(await countRows('projects WHERE org_id = $1 AND id = $2', [orgId, project.id])).toBe(0);
  });

  it('rolls the change back when its audit entry cannot be written (same transaction)', async () => {
    const parent = await makeProject(db, orgId);
    // actor_label is NOT NULL: the audit insert fails after the project row was inserted.
    const unlabelled = { ...admin, label: null } as unknown as Actor;
    await expect(
      createProject(db, unlabelled, {
        code: 'AUD-ROLLBACK',
        name: 'Never kept',
        businessUnitId: parent.businessUnitId,
        portfolioId: parent.portfolioId,
      }),
    ).rejects.toThrow();
    expect(await countRows('projects WHERE org_id = $1 AND code = $2', [orgId, 'AUD-ROLLBACK'])).toBe(0);
  });
});

describe('partial updates', () => {
  it('changes only the fields an update names, keeping the others', async () => {
    const project = await makeProject(db, orgId);
    const updated = await updateProject(db, admin, project.id, project.version, { name: 'Only the name' });
    const { name, version, updatedAt, ...rest } = updated;
    const { name: _n, version: _v, updatedAt: _u, ...restBefore } = project;
    expect(name).toBe('Only the name');
    expect(rest).toEqual(restBefore);

    const portfolio = await getPortfolio(db, admin, project.portfolioId);
    const renamed = await updatePortfolio(db, admin, portfolio.id, portfolio.version, {
      name: 'Renamed portfolio',
    });
    expect(renamed).toMatchObject({
      businessUnitId: portfolio.businessUnitId,
      description: portfolio.description,
    });

    const unit = await getBusinessUnit(db, admin, project.businessUnitId);
    const unitRenamed = await updateBusinessUnit(db, admin, unit.id, unit.version, { name: 'Renamed unit' });
    expect(unitRenamed).toMatchObject({ parentId: unit.parentId, pmoMode: unit.pmoMode, code: unit.code });
  });
});

describe('optimistic concurrency', () => {
  it('refuses an update at a stale version with ConflictError and changes nothing', async () => {
    const project = await makeProject(db, orgId);
    await updateProject(db, admin, project.id, project.version, { name: 'First writer' });
    const before = await snapshot(project.id);
    const error = await rejection(() =>
      updateProject(db, admin, project.id, project.version, { name: 'Second writer' }),
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toContain(`version ${project.version + 1}`);
    expect(await snapshot(project.id)).toEqual(before);
    expect((await getProject(db, admin, project.id)).name).toBe('First writer');
  });

  it('refuses a delete at a stale version with ConflictError and keeps the row', async () => {
    const project = await makeProject(db, orgId);
    await updateProject(db, admin, project.id, project.version, { priority: 7 });
    const before = await snapshot(project.id);
    expect(await rejection(() => deleteProject(db, admin, project.id, project.version))).toBeInstanceOf(
      ConflictError,
    );
    expect(await snapshot(project.id)).toEqual(before);
  });

  it('refuses an update or delete without a version with PreconditionRequiredError', async () => {
    const project = await makeProject(db, orgId);
    const before = await snapshot(project.id);
    expect(
      await rejection(() => updateProject(db, admin, project.id, undefined, { name: 'Blind' })),
    ).toBeInstanceOf(PreconditionRequiredError);
    expect(await rejection(() => deleteProject(db, admin, project.id, undefined))).toBeInstanceOf(
      PreconditionRequiredError,
    );
    expect(await snapshot(project.id)).toEqual(before);
  });
});

describe('validation and integrity', () => {
  it('refuses a duplicate project code with ConflictError naming code', async () => {
    const project = await makeProject(db, orgId);
    const auditBefore = await auditTotal();
    const error = await rejection(() =>
      createProject(db, admin, {
        code: project.code,
        name: 'Same code',
        businessUnitId: project.businessUnitId,
        portfolioId: project.portfolioId,
      }),
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).errors.map((e) => e.field)).toEqual(['code']);
    expect(await countRows('projects WHERE org_id = $1 AND code = $2', [orgId, project.code])).toBe(1);
    expect(await auditTotal()).toBe(auditBefore);
  });

  it('refuses a project whose program is not in its portfolio, naming programId, and writes nothing', async () => {
    const project = await makeProject(db, orgId);
    const otherPortfolio = await createPortfolio(db, admin, {
      name: 'Elsewhere',
      businessUnitId: project.businessUnitId,
    });
    const foreignProgram = await createProgram(db, admin, {
      name: 'Elsewhere program',
      portfolioId: otherPortfolio.id,
    });
    const auditBefore = await auditTotal();
    const projectsBefore = await countRows('projects WHERE org_id = $1', [orgId]);
    const error = await rejection(() =>
      createProject(db, admin, {
        code: 'MISPLACED-1',
        name: 'Misplaced',
        businessUnitId: project.businessUnitId,
        portfolioId: project.portfolioId,
        programId: foreignProgram.id,
      }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors.map((e) => e.field)).toEqual(['programId']);
    expect(await countRows('projects WHERE org_id = $1', [orgId])).toBe(projectsBefore);
    expect(await auditTotal()).toBe(auditBefore);
  });

  it('refuses to move a project to a program outside its portfolio', async () => {
    const project = await makeProject(db, orgId);
    const otherPortfolio = await createPortfolio(db, admin, {
      name: 'Other',
      businessUnitId: project.businessUnitId,
    });
    const foreignProgram = await createProgram(db, admin, {
      name: 'Other program',
      portfolioId: otherPortfolio.id,
    });
    const before = await snapshot(project.id);
    const error = await rejection(() =>
      updateProject(db, admin, project.id, project.version, { programId: foreignProgram.id }),
    );
    expect((error as ValidationError).errors.map((e) => e.field)).toEqual(['programId']);
    expect(await snapshot(project.id)).toEqual(before);
  });

  it('names every invalid field of a project at once', async () => {
    const error = await rejection(() =>
      createProject(db, admin, {
        code: 'has space',
        name: '',
        businessUnitId: 'nope',
        portfolioId: uuidv7(),
        budget: -1,
      }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors.map((e) => e.field).sort()).toEqual(
      ['budget', 'businessUnitId', 'code', 'name'].sort(),
    );
  });

  it('refuses a target finish before the target start, naming targetFinish', async () => {
    const project = await makeProject(db, orgId);
    const error = await rejection(() =>
      updateProject(db, admin, project.id, project.version, {
        targetStart: '2027-05-03',
        targetFinish: '2027-05-02',
      }),
    );
    expect((error as ValidationError).errors.map((e) => e.field)).toEqual(['targetFinish']);
    expect((await getProject(db, admin, project.id)).version).toBe(project.version);
  });

  it('answers NotFoundError for ids that do not exist', async () => {
    const missing = uuidv7();
    await expect(getProject(db, admin, missing)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateProject(db, admin, missing, 1, { name: 'x' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteProject(db, admin, missing, 1)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getPortfolio(db, admin, missing)).rejects.toBeInstanceOf(NotFoundError);
    await expect(deletePortfolio(db, admin, missing, 1)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getProgram(db, admin, missing)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getBusinessUnit(db, admin, missing)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateBusinessUnit(db, admin, missing, 1, { name: 'x' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('refuses to delete a portfolio that still holds projects, and keeps it', async () => {
    const project = await makeProject(db, orgId, { programId: null });
    const portfolio = await getPortfolio(db, admin, project.portfolioId);
    const error = await rejection(() => deletePortfolio(db, admin, portfolio.id, portfolio.version));
    expect(error).toBeInstanceOf(ConflictError);
    expect((await getPortfolio(db, admin, portfolio.id)).version).toBe(portfolio.version);
  });
});

describe('project objectives', () => {
  it('replaces the objectives a project serves and audits the change as one update', async () => {
    const project = await makeProject(db, orgId);
    const growth = await createObjective(db, admin, { name: 'Growth', weight: 60 });
    const cost = await createObjective(db, admin, { name: 'Cost', weight: 40 });
    const auditBefore = await auditTotal();
    await setProjectObjectives(db, admin, project.id, {
      items: [{ objectiveId: growth.id, contribution: 8 }],
    });
    const after = await setProjectObjectives(db, admin, project.id, {
      items: [
        { objectiveId: cost.id, contribution: 2.5 },
        { objectiveId: growth.id, contribution: 9 },
      ],
    });
    expect(after.items).toEqual([
      { objectiveId: cost.id, objectiveName: 'Cost', contribution: 2.5 },
      { objectiveId: growth.id, objectiveName: 'Growth', contribution: 9 },
    ]);
    expect(await getProjectObjectives(db, admin, project.id)).toEqual(after);
    expect(await auditTotal()).toBe(auditBefore + 2);
    const last = (await auditOf('project', project.id)).at(-1)!;
    expect(last.before).toEqual({
      objectives: [{ objectiveId: growth.id, objectiveName: 'Growth', contribution: 8 }],
    });
  });

  it('refuses the same objective twice, naming the repeated item, and keeps the old list', async () => {
    const project = await makeProject(db, orgId);
    const objective = await createObjective(db, admin, { name: 'Once only' });
    await setProjectObjectives(db, admin, project.id, {
      items: [{ objectiveId: objective.id, contribution: 5 }],
    });
    const error = await rejection(() =>
      setProjectObjectives(db, admin, project.id, {
        items: [
          { objectiveId: objective.id, contribution: 1 },
          { objectiveId: objective.id, contribution: 2 },
        ],
      }),
    );
    expect((error as ValidationError).errors.map((e) => e.field)).toEqual(['items.1.objectiveId']);
    expect((await getProjectObjectives(db, admin, project.id)).items).toEqual([
      { objectiveId: objective.id, objectiveName: 'Once only', contribution: 5 },
    ]);
  });
});
