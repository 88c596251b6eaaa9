import type { Database } from '../db/connection.ts';
import {
  budgetLineExists,
  budgetLines,
  firstDay,
  listBudgetGrid,
  replaceBudgetGrid,
} from '../db/repositories/finance.ts';
import { findRow, listRows } from '../db/sql.ts';
import type { ListQuery, Page } from '../model/common.ts';
import {
  type BudgetLine,
  budgetGridInput,
  budgetLineInput,
  budgetLinePatch,
  type CostCategory,
} from '../model/finance.ts';
import { ConflictError, NotFoundError } from './errors.ts';
import {
  afterMoneyWrite,
  checkMonth,
  checkMonths,
  projectMonths,
  requireFinanceManager,
} from './finance-rules.ts';
import { audit, createAudited, deleteAudited, translateDatabaseErrors, updateAudited } from './mutation.ts';
import { authorizeProject } from './planning.ts';
import type { Actor } from './policy.ts';
import { parseInput } from './validate.ts';

/** A project's budget: an amount per cost category and month, in the organization's currency. */

export async function listBudgetLines(
  db: Database,
  actor: Actor,
  projectId: string,
  query: ListQuery,
): Promise<Page<BudgetLine>> {
  await authorizeProject(db, actor, projectId, 'read');
  const page = await listRows<BudgetLine>(db, budgetLines, actor.orgId, { ...query, equals: { projectId } });
  return { ...page, page: query.page, pageSize: query.pageSize };
}

export async function getBudgetLine(db: Database, actor: Actor, id: string): Promise<BudgetLine> {
  const line = await findRow<BudgetLine>(db, budgetLines, actor.orgId, id);
  if (!line) throw new NotFoundError('budget line', id);
  await authorizeProject(db, actor, line.projectId, 'read');
  return line;
}

export async function createBudgetLine(
  db: Database,
  actor: Actor,
  projectId: string,
  body: unknown,
): Promise<BudgetLine> {
  const values = parseInput(budgetLineInput, body);
  return createAudited<BudgetLine>(
    db,
    actor,
    'budget_line',
    budgetLines,
    { ...values, projectId, period: firstDay(values.period) },
    async (tx) => {
      await requireFinanceManager(tx, actor, projectId);
      checkMonth(await projectMonths(tx, actor.orgId, projectId), values.period, 'period');
      if (await budgetLineExists(tx, actor.orgId, projectId, values.category, values.period))
        throw new ConflictError(
          `the project already has a ${values.category} line for ${values.period}; change that line`,
          [{ field: 'period', message: 'already has a line of this category' }],
        );
    },
    (tx) => afterMoneyWrite(tx, actor, projectId),
  );
}

export async function updateBudgetLine(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  body: unknown,
): Promise<BudgetLine> {
  const patch = parseInput(budgetLinePatch, body);
  return updateAudited<BudgetLine>(
    db,
    actor,
    'budget_line',
    budgetLines,
    id,
    version,
    { ...patch, period: patch.period === undefined ? undefined : firstDay(patch.period) },
    async (tx, before) => {
      await requireFinanceManager(tx, actor, before.projectId);
      if (patch.period !== undefined)
        checkMonth(await projectMonths(tx, actor.orgId, before.projectId), patch.period, 'period');
    },
    (tx, before) => afterMoneyWrite(tx, actor, before.projectId),
  );
}

export async function deleteBudgetLine(db: Database, actor: Actor, id: string, version: number | undefined) {
  return deleteAudited<BudgetLine>(
    db,
    actor,
    'budget_line',
    budgetLines,
    id,
    version,
    (tx, before) => requireFinanceManager(tx, actor, before.projectId),
    (tx, before) => afterMoneyWrite(tx, actor, before.projectId),
  );
}

export interface BudgetGrid {
  projectId: string;
  total: number;
  cells: { category: CostCategory; period: string; amount: number }[];
}

export async function getBudgetGrid(db: Database, actor: Actor, projectId: string): Promise<BudgetGrid> {
  await authorizeProject(db, actor, projectId, 'read');
  const cells = await listBudgetGrid(db, actor.orgId, projectId);
  return { projectId, total: cells.reduce((s, c) => s + c.amount, 0), cells };
}

/**
 * Sets the project's whole budget (category × month) in one transaction: named cells are written,
 * cells left out are removed, and one audit entry records the grid before and after.
 */
export async function setBudgetGrid(
  db: Database,
  actor: Actor,
  projectId: string,
  body: unknown,
): Promise<BudgetGrid> {
  const { cells } = parseInput(budgetGridInput, body);
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      await requireFinanceManager(tx, actor, projectId);
      checkMonths(await projectMonths(tx, actor.orgId, projectId), cells, 'cells');
      const before = await listBudgetGrid(tx, actor.orgId, projectId);
      await replaceBudgetGrid(tx, actor.orgId, projectId, cells);
      await afterMoneyWrite(tx, actor, projectId);
      const after = await listBudgetGrid(tx, actor.orgId, projectId);
      await audit(tx, actor, 'budget_line', projectId, 'update', { grid: before }, { grid: after });
      return { projectId, total: after.reduce((s, c) => s + c.amount, 0), cells: after };
    }),
  );
}
