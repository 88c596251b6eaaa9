import type { Database } from '../db/connection.ts';
import { insertForecast, listForecasts, nextForecastNumber } from '../db/repositories/finance.ts';
import { uuidv7 } from '../db/uuid.ts';
import { type Forecast, forecastInput } from '../model/finance.ts';
import { NotFoundError, ValidationError } from './errors.ts';
import { afterMoneyWrite, checkMonths, projectMonths, requireFinanceManager } from './finance-rules.ts';
import { audit, translateDatabaseErrors } from './mutation.ts';
import { authorizeProject } from './planning.ts';
import type { Actor } from './policy.ts';
import { parseInput } from './validate.ts';

/**
 * Forecasts of the cost still to come (estimate to complete), per category and month. Each save is a
 * new numbered version; the highest is the current one and feeds the bottom-up EAC. Versions are
 * never edited, so two of them can always be compared.
 */

export async function listCostForecasts(db: Database, actor: Actor, projectId: string): Promise<Forecast[]> {
  await authorizeProject(db, actor, projectId, 'read');
  return (await listForecasts(db, actor.orgId, projectId)) as Forecast[];
}

export async function getCostForecast(db: Database, actor: Actor, projectId: string, number: number) {
  await authorizeProject(db, actor, projectId, 'read');
  const [found] = await listForecasts(db, actor.orgId, projectId, [number]);
  if (!found) throw new NotFoundError('forecast version', String(number));
  return found as Forecast;
}

export async function createCostForecast(
  db: Database,
  actor: Actor,
  projectId: string,
  body: unknown,
): Promise<Forecast> {
  const input = parseInput(forecastInput, body);
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      await requireFinanceManager(tx, actor, projectId);
      const months = await projectMonths(tx, actor.orgId, projectId);
      checkMonths(months, input.lines, 'lines');
      const asOfProblem = months.problem(input.asOf.slice(0, 7));
      if (asOfProblem)
        throw new ValidationError([{ field: 'asOf', message: `${input.asOf} ${asOfProblem}` }]);
      const id = uuidv7();
      const number = await nextForecastNumber(tx, actor.orgId, projectId);
      await insertForecast(
        tx,
        actor.orgId,
        { id, projectId, number, asOf: input.asOf, note: input.note, createdBy: actor.userId },
        input.lines,
      );
      await afterMoneyWrite(tx, actor, projectId);
      const [created] = await listForecasts(tx, actor.orgId, projectId, [number]);
      await audit(tx, actor, 'cost_forecast', id, 'create', null, created);
      return created as Forecast;
    }),
  );
}

/** Line by line (category × month) differences between two versions, `to` minus `from`. */
export async function compareCostForecasts(
  db: Database,
  actor: Actor,
  projectId: string,
  from: number,
  to: number,
) {
  await authorizeProject(db, actor, projectId, 'read');
  const found = await listForecasts(db, actor.orgId, projectId, [from, to]);
  const a = found.find((f) => f.number === from);
  const b = found.find((f) => f.number === to);
  if (!a) throw new NotFoundError('forecast version', String(from));
  if (!b) throw new NotFoundError('forecast version', String(to));
  const cells = new Map<string, { category: string; period: string; from: number; to: number }>();
  const cell = (category: string, period: string) => {
    const key = `${period} ${category}`;
    let found = cells.get(key);
    if (!found) {
      found = { category, period, from: 0, to: 0 };
      cells.set(key, found);
    }
    return found;
  };
  for (const line of a.lines) cell(line.category, line.period).from += line.amount;
  for (const line of b.lines) cell(line.category, line.period).to += line.amount;
  const rows = [...cells.entries()]
    .sort(([x], [y]) => x.localeCompare(y))
    .map(([, c]) => ({
      ...c,
      category: c.category as Forecast['lines'][number]['category'],
      change: c.to - c.from,
    }));
  return { from, to, rows, totalFrom: a.total, totalTo: b.total };
}
