import type { Database, Queryable } from '../db/connection.ts';
import {
  actualCosts,
  assignmentsForDerivation,
  deleteDerivedActualCosts,
  insertActualCosts,
  type NewActualCost,
  resourceExists,
  resourceIdsByCode,
  taskBelongsToProject,
  taskIdsByWbs,
} from '../db/repositories/finance.ts';
import { findRow, listRows } from '../db/sql.ts';
import { uuidv7 } from '../db/uuid.ts';
import type { ListQuery, Page } from '../model/common.ts';
import {
  type ActualCost,
  actualCostInput,
  actualCostPatch,
  type actualCostSources,
} from '../model/finance.ts';
import { parseActualCostCsv } from './actual-cost-csv.ts';
import { deriveActualCosts } from './actual-cost-derivation.ts';
import { ConflictError, type FieldError, NotFoundError, ValidationError } from './errors.ts';
import { afterMoneyWrite, checkMonth, projectMonths, requireFinanceManager } from './finance-rules.ts';
import { audit, createAudited, deleteAudited, translateDatabaseErrors, updateAudited } from './mutation.ts';
import { authorizeProject } from './planning.ts';
import type { Actor } from './policy.ts';
import { parseInput } from './validate.ts';

/** Money spent on a project: entered by hand, imported from a CSV, or derived from assignments' work. */

export async function listActualCosts(
  db: Database,
  actor: Actor,
  projectId: string,
  query: ListQuery & { source?: (typeof actualCostSources)[number]; category?: string },
): Promise<Page<ActualCost>> {
  await authorizeProject(db, actor, projectId, 'read');
  const page = await listRows<ActualCost>(db, actualCosts, actor.orgId, {
    ...query,
    equals: { projectId, source: query.source, category: query.category },
  });
  return { ...page, page: query.page, pageSize: query.pageSize };
}

export async function getActualCost(db: Database, actor: Actor, id: string): Promise<ActualCost> {
  const cost = await findRow<ActualCost>(db, actualCosts, actor.orgId, id);
  if (!cost) throw new NotFoundError('actual cost', id);
  await authorizeProject(db, actor, cost.projectId, 'read');
  return cost;
}

async function checkReferences(
  q: Queryable,
  actor: Actor,
  projectId: string,
  values: { incurredOn?: string; taskId?: string | null; resourceId?: string | null },
) {
  if (values.incurredOn !== undefined)
    checkMonth(await projectMonths(q, actor.orgId, projectId), values.incurredOn.slice(0, 7), 'incurredOn');
  if (values.taskId && !(await taskBelongsToProject(q, actor.orgId, projectId, values.taskId)))
    throw new ValidationError([{ field: 'taskId', message: 'is not a task of this project' }]);
  if (values.resourceId && !(await resourceExists(q, actor.orgId, values.resourceId)))
    throw new ValidationError([{ field: 'resourceId', message: 'does not exist in this organization' }]);
}

export async function createActualCost(
  db: Database,
  actor: Actor,
  projectId: string,
  body: unknown,
): Promise<ActualCost> {
  const values = parseInput(actualCostInput, body);
  return createAudited<ActualCost>(
    db,
    actor,
    'actual_cost',
    actualCosts,
    { ...values, projectId, source: 'entered' },
    async (tx) => {
      await requireFinanceManager(tx, actor, projectId);
      await checkReferences(tx, actor, projectId, values);
    },
    (tx) => afterMoneyWrite(tx, actor, projectId),
  );
}

/** Derived rows are rewritten by the next derivation, so they are not edited by hand. */
function refuseDerived(cost: ActualCost) {
  if (cost.source === 'derived')
    throw new ConflictError(
      'a derived cost is recomputed from assignments; change the assignment work instead',
    );
}

export async function updateActualCost(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  body: unknown,
): Promise<ActualCost> {
  const patch = parseInput(actualCostPatch, body);
  return updateAudited<ActualCost>(
    db,
    actor,
    'actual_cost',
    actualCosts,
    id,
    version,
    patch,
    async (tx, before) => {
      await requireFinanceManager(tx, actor, before.projectId);
      refuseDerived(before);
      await checkReferences(tx, actor, before.projectId, patch);
    },
    (tx, before) => afterMoneyWrite(tx, actor, before.projectId),
  );
}

export async function deleteActualCost(db: Database, actor: Actor, id: string, version: number | undefined) {
  return deleteAudited<ActualCost>(
    db,
    actor,
    'actual_cost',
    actualCosts,
    id,
    version,
    (tx, before) => requireFinanceManager(tx, actor, before.projectId),
    (tx, before) => afterMoneyWrite(tx, actor, before.projectId),
  );
}

/**
 * Imports a CSV of actual costs, all or nothing: every bad row (unparseable date, unknown category,
 * negative or non-numeric amount, month outside the project, unknown task or resource code) is
 * reported with its line number, and then nothing is written.
 */
export async function importActualCosts(
  db: Database,
  actor: Actor,
  projectId: string,
  csv: string,
): Promise<{ importId: string; rows: number; total: number }> {
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      await requireFinanceManager(tx, actor, projectId);
      const { rows, errors } = parseActualCostCsv(csv);
      const months = await projectMonths(tx, actor.orgId, projectId);
      const tasks = new Map((await taskIdsByWbs(tx, actor.orgId, projectId)).map((t) => [t.wbsCode, t.id]));
      const needsResources = rows.some((r) => r.resource !== '');
      const resources = new Map(
        needsResources ? (await resourceIdsByCode(tx, actor.orgId)).map((r) => [r.code, r.id]) : [],
      );
      const toInsert: NewActualCost[] = [];
      const problems: FieldError[] = [...errors];
      for (const row of rows) {
        const at = (field: string, message: string) =>
          problems.push({ field: `line ${row.line}: ${field}`, message });
        const problem = months.problem(row.incurredOn.slice(0, 7));
        if (problem) at('date', `${row.incurredOn} ${problem}`);
        const taskId = row.task === '' ? null : (tasks.get(row.task) ?? null);
        if (row.task !== '' && taskId === null)
          at('task', `no task of this project has WBS code "${row.task}"`);
        const resourceId = row.resource === '' ? null : (resources.get(row.resource) ?? null);
        if (row.resource !== '' && resourceId === null)
          at('resource', `no resource has code "${row.resource}"`);
        toInsert.push({
          taskId,
          resourceId,
          category: row.category,
          incurredOn: row.incurredOn,
          amount: row.amount,
          description: row.description,
        });
      }
      if (problems.length > 0) {
        problems.sort((a, b) => lineOf(a.field) - lineOf(b.field));
        throw new ValidationError(problems);
      }
      const importId = uuidv7();
      await insertActualCosts(tx, actor.orgId, projectId, 'imported', importId, toInsert);
      await afterMoneyWrite(tx, actor, projectId);
      const total = round(toInsert.reduce((s, r) => s + r.amount, 0));
      await audit(tx, actor, 'actual_cost', importId, 'create', null, {
        projectId,
        rows: toInsert.length,
        total,
      });
      return { importId, rows: toInsert.length, total };
    }),
  );
}

const lineOf = (field: string) => Number(/^line (\d+)/.exec(field)?.[1] ?? 0);
const round = (value: number) => Math.round(value * 100) / 100;

/**
 * Replaces the project's derived actual costs with fresh ones from its assignments (see
 * `deriveActualCosts` for the rule). Idempotent: running it twice leaves the same rows.
 */
export async function deriveProjectActualCosts(
  db: Database,
  actor: Actor,
  projectId: string,
  asOf: string = new Date().toISOString().slice(0, 10),
): Promise<{ rows: number; total: number; replaced: number }> {
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      await requireFinanceManager(tx, actor, projectId);
      const derived = deriveActualCosts(await assignmentsForDerivation(tx, actor.orgId, projectId), asOf);
      const replaced = await deleteDerivedActualCosts(tx, actor.orgId, projectId);
      await insertActualCosts(tx, actor.orgId, projectId, 'derived', null, derived);
      await afterMoneyWrite(tx, actor, projectId);
      const total = round(derived.reduce((s, r) => s + r.amount, 0));
      await audit(
        tx,
        actor,
        'actual_cost',
        projectId,
        'update',
        { derivedRows: replaced },
        { derivedRows: derived.length, total },
      );
      return { rows: derived.length, total, replaced };
    }),
  );
}
