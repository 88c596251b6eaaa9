import type { Database, Queryable } from '../db/connection.ts';
import { benefits, deleteMeasurement, insertMeasurement, touchBenefit } from '../db/repositories/benefits.ts';
import { placementOfProgram, programWithin, projectWithin } from '../db/repositories/scope.ts';
import { findRow, listRows, type SqlParams } from '../db/sql.ts';
import type { ListQuery, Page } from '../model/common.ts';
import { type Benefit, benefitInput, benefitPatch, measurementInput } from '../model/governance.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionRequiredError,
  ValidationError,
} from './errors.ts';
import { projectWithPlacement } from './gate-authority.ts';
import { audit, createAudited, deleteAudited, translateDatabaseErrors, updateAudited } from './mutation.ts';
import { type Actor, type Capability, can, visibility } from './policy.ts';
import { parseInput } from './validate.ts';

/**
 * Benefits a program or a project promises, measured over time against baseline and target — also, and
 * mostly, after the project has closed. Those who run the program or the project keep them.
 */

type Owner = { programId: string | null; projectId: string | null };

async function authorizeOwner(q: Queryable, actor: Actor, owner: Owner, access: 'read' | 'write') {
  if (owner.projectId) {
    const { chain } = await projectWithPlacement(q, actor, owner.projectId);
    const capability: Capability = access === 'read' ? 'read' : 'update_project';
    if (!can(actor, capability, chain)) throw new ForbiddenError();
    return;
  }
  const chain = await placementOfProgram(q, actor.orgId, owner.programId as string);
  if (!chain) throw new NotFoundError('program', owner.programId as string);
  if (!can(actor, access === 'read' ? 'read' : 'update_program', chain)) throw new ForbiddenError();
}

export async function listBenefits(
  db: Database,
  actor: Actor,
  query: ListQuery & { programId?: string; projectId?: string; status?: Benefit['status'] },
): Promise<Page<Benefit>> {
  const seen = visibility(actor);
  const page = await listRows<Benefit>(db, benefits, actor.orgId, {
    ...query,
    equals: { programId: query.programId, projectId: query.projectId, status: query.status },
    where: seen.all
      ? undefined
      : (params: SqlParams) =>
          `(EXISTS (SELECT 1 FROM projects vp WHERE vp.org_id = t.org_id AND vp.id = t.project_id
               AND ${projectWithin('vp', params, actor.orgId, seen)})
            OR EXISTS (SELECT 1 FROM programs vg WHERE vg.org_id = t.org_id AND vg.id = t.program_id
               AND ${programWithin('vg', params, actor.orgId, seen)}))`,
  });
  return { ...page, page: query.page, pageSize: query.pageSize };
}

async function findBenefit(q: Queryable, actor: Actor, id: string): Promise<Benefit> {
  const benefit = await findRow<Benefit>(q, benefits, actor.orgId, id);
  if (!benefit) throw new NotFoundError('benefit', id);
  return benefit;
}

export async function getBenefit(db: Database, actor: Actor, id: string): Promise<Benefit> {
  const benefit = await findBenefit(db, actor, id);
  await authorizeOwner(db, actor, benefit, 'read');
  return benefit;
}

export async function createBenefit(db: Database, actor: Actor, body: unknown): Promise<Benefit> {
  const values = parseInput(benefitInput, body);
  return createAudited<Benefit>(db, actor, 'benefit', benefits, values, (tx) =>
    authorizeOwner(tx, actor, values, 'write'),
  );
}

export async function updateBenefit(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  body: unknown,
): Promise<Benefit> {
  const patch = parseInput(benefitPatch, body);
  return updateAudited<Benefit>(db, actor, 'benefit', benefits, id, version, patch, (tx, before) =>
    authorizeOwner(tx, actor, before, 'write'),
  );
}

export async function deleteBenefit(db: Database, actor: Actor, id: string, version: number | undefined) {
  return deleteAudited<Benefit>(db, actor, 'benefit', benefits, id, version, (tx, before) =>
    authorizeOwner(tx, actor, before, 'write'),
  );
}

async function changeMeasurements(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  change: (tx: Queryable) => Promise<void>,
): Promise<Benefit> {
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const before = await findBenefit(tx, actor, id);
      await authorizeOwner(tx, actor, before, 'write');
      if (version === undefined) throw new PreconditionRequiredError();
      if (!(await touchBenefit(tx, actor.orgId, id, version)))
        throw new ConflictError(
          `the benefit changed since you read it (it is now at version ${before.version}); reload and try again`,
        );
      await change(tx);
      const after = await findBenefit(tx, actor, id);
      await audit(tx, actor, 'benefit', id, 'update', before, after);
      return after;
    }),
  );
}

/** Records a measured value; one per day, so a second reading the same day is a conflict naming the date. */
export async function addMeasurement(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  body: unknown,
): Promise<Benefit> {
  const input = parseInput(measurementInput, body);
  return changeMeasurements(db, actor, id, version, async (tx) => {
    const clash = await tx.query(
      'SELECT 1 FROM benefit_measurements WHERE org_id = $1 AND benefit_id = $2 AND measured_on = $3',
      [actor.orgId, id, input.measuredOn],
    );
    if (clash.length > 0)
      throw new ValidationError([{ field: 'measuredOn', message: 'already has a measurement on that day' }]);
    await insertMeasurement(tx, actor.orgId, id, { ...input, recordedBy: actor.userId });
  });
}

export async function removeMeasurement(
  db: Database,
  actor: Actor,
  id: string,
  measurementId: string,
  version: number | undefined,
): Promise<Benefit> {
  return changeMeasurements(db, actor, id, version, async (tx) => {
    if (!(await deleteMeasurement(tx, actor.orgId, id, measurementId)))
      throw new NotFoundError('measurement', measurementId);
  });
}
