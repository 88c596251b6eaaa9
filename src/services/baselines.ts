import { z } from 'zod';
import type { Database } from '../db/connection.ts';
import {
  deleteBaseline,
  findBaseline,
  listBaselines,
  listVariance,
  saveBaseline,
} from '../db/repositories/baselines.ts';
import { uuidv7 } from '../db/uuid.ts';
import { NotFoundError } from './errors.ts';
import { audit, translateDatabaseErrors } from './mutation.ts';
import { authorizeProject } from './planning.ts';
import type { Actor } from './policy.ts';
import { refreshProjectFinancials } from './project-financials.ts';
import { parseInput } from './validate.ts';

export const baselineNumberSchema = z.coerce.number().int().min(0).max(10);
export const saveBaselineInput = z.object({ name: z.string().trim().min(1, 'is required').max(200) });

export async function getBaselines(db: Database, actor: Actor, projectId: string) {
  await authorizeProject(db, actor, projectId, 'read');
  return { items: await listBaselines(db, actor.orgId, projectId) };
}

/** Saves the current schedule as baseline `number` (0–10), replacing what that number held. */
export async function saveProjectBaseline(
  db: Database,
  actor: Actor,
  projectId: string,
  number: number,
  input: unknown,
) {
  const { name } = parseInput(saveBaselineInput, input);
  const checkedNumber = parseInput(z.object({ number: baselineNumberSchema }), { number }).number;
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      await authorizeProject(tx, actor, projectId, 'update_project');
      const before = await findBaseline(tx, actor.orgId, projectId, checkedNumber);
      const id = uuidv7();
      await saveBaseline(tx, {
        orgId: actor.orgId,
        id,
        projectId,
        number: checkedNumber,
        name,
        savedBy: actor.userId,
      });
      const after = await findBaseline(tx, actor.orgId, projectId, checkedNumber);
      // Baseline 0 is what earned value measures against: the stored figures follow it at once.
      if (checkedNumber === 0) await refreshProjectFinancials(tx, actor.orgId, [projectId]);
      await audit(tx, actor, 'baseline', id, before ? 'update' : 'create', before, after);
      return after!;
    }),
  );
}

export async function removeProjectBaseline(db: Database, actor: Actor, projectId: string, number: number) {
  await db.transaction(async (tx) => {
    await authorizeProject(tx, actor, projectId, 'update_project');
    const before = await findBaseline(tx, actor.orgId, projectId, number);
    if (!before || !(await deleteBaseline(tx, actor.orgId, projectId, number)))
      throw new NotFoundError('baseline', String(number));
    if (number === 0) await refreshProjectFinancials(tx, actor.orgId, [projectId]);
    await audit(tx, actor, 'baseline', before.id, 'delete', before, null);
  });
}

export async function getBaselineVariance(
  db: Database,
  actor: Actor,
  projectId: string,
  number: number,
  page: number,
  pageSize: number,
) {
  await authorizeProject(db, actor, projectId, 'read');
  const baseline = await findBaseline(db, actor.orgId, projectId, number);
  if (!baseline) throw new NotFoundError('baseline', String(number));
  const rows = await listVariance(db, actor.orgId, projectId, baseline.id, page, pageSize);
  return { baseline, ...rows, page, pageSize };
}
