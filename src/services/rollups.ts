import type { Database } from '../db/connection.ts';
import { listContributors, organizationName, type RollupSelection } from '../db/repositories/rollups.ts';
import {
  type Contributors,
  contributorsQuery,
  type RollupFilters,
  type RollupScopeType,
} from '../model/dashboard.ts';
import { ValidationError } from './errors.ts';
import { type Actor, visibility } from './policy.ts';
import { getBusinessUnit, getPortfolio, getProgram } from './structure.ts';
import { parseInput } from './validate.ts';

export interface ResolvedScope {
  type: RollupScopeType;
  id: string | null;
  name: string;
}

/** Today in UTC as YYYY-MM-DD: the default status date of roll-ups. */
export const todayUtc = () => new Date().toISOString().slice(0, 10);

/**
 * Checks the reader may read the scope (a portfolio or program needs a grant covering it or a project
 * in it; business units are the organization's directory) and turns scope, filters and grants into
 * the selection every roll-up query reads. Rows the reader may not see never enter a figure.
 */
export async function resolveSelection(
  db: Database,
  actor: Actor,
  query: { scopeType: RollupScopeType; scopeId?: string | undefined } & RollupFilters,
  today: string,
): Promise<{ selection: RollupSelection; scope: ResolvedScope }> {
  const { scopeType, scopeId } = query;
  if (scopeType !== 'organization' && !scopeId)
    throw new ValidationError([{ field: 'scopeId', message: `is required for a ${scopeType} scope` }]);
  if (scopeType === 'organization' && scopeId)
    throw new ValidationError([{ field: 'scopeId', message: 'must be left out for the organization scope' }]);
  const name =
    scopeType === 'business_unit'
      ? (await getBusinessUnit(db, actor, scopeId as string)).name
      : scopeType === 'portfolio'
        ? (await getPortfolio(db, actor, scopeId as string)).name
        : scopeType === 'program'
          ? (await getProgram(db, actor, scopeId as string)).name
          : await organizationName(db, actor.orgId);
  const seen = visibility(actor);
  const filters: RollupFilters = {
    businessUnitId: query.businessUnitId,
    portfolioId: query.portfolioId,
    programId: query.programId,
    stage: query.stage,
    health: query.health,
    managerId: query.managerId,
  };
  for (const key of Object.keys(filters) as Array<keyof RollupFilters>)
    if (filters[key] === undefined) delete filters[key];
  return {
    selection: {
      orgId: actor.orgId,
      scopeType,
      scopeId: scopeId ?? null,
      filters,
      visible: seen.all ? null : seen,
      today,
    },
    scope: { type: scopeType, id: scopeId ?? null, name },
  };
}

/**
 * The projects behind one rolled-up figure, with each one's value: their values sum to the figure
 * (for an index, their numerators and denominators sum to the figure's).
 */
export async function getContributors(
  db: Database,
  actor: Actor,
  input: unknown,
  options: { today?: string } = {},
): Promise<Contributors> {
  const query = parseInput(contributorsQuery, input);
  const { selection, scope } = await resolveSelection(db, actor, query, options.today ?? todayUtc());
  const rows = await listContributors(db, selection, query.figure, {
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const first = rows[0];
  const ratio = query.figure === 'spi' || query.figure === 'cpi';
  const numerator = first?.sumNumerator ?? null;
  const denominator = first?.sumDenominator ?? null;
  return {
    figure: query.figure,
    scope,
    value: ratio
      ? numerator !== null && denominator
        ? round4(numerator / denominator)
        : null
      : (first?.sumValue ?? 0),
    numerator: ratio ? (numerator ?? 0) : null,
    denominator: ratio ? (denominator ?? 0) : null,
    items: rows
      .filter((row) => row.projectId !== null)
      .map((row) => ({
        projectId: row.projectId as string,
        code: row.code,
        name: row.name,
        stage: row.stage as Contributors['items'][number]['stage'],
        health: row.health as Contributors['items'][number]['health'],
        businessUnitName: row.businessUnitName,
        portfolioName: row.portfolioName,
        programName: row.programName,
        value: row.value,
        numerator: row.numerator,
        denominator: row.denominator,
      })),
    total: first?.total ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Indices are shown to four places, as the stored per-project ones are. */
export const round4 = (value: number) => Math.round(value * 10_000) / 10_000;
