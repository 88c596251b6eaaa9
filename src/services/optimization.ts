import { performance } from 'node:perf_hooks';
import type { Database, Queryable } from '../db/connection.ts';
import { roleNames } from '../db/repositories/candidates.ts';
import { placementOfPortfolio } from '../db/repositories/scope.ts';
import {
  computeEfficientFrontier,
  DependencyCycleError,
  InfeasibleMandatoryError,
  type MandatoryConflict,
  PortfolioInputError,
  type PortfolioProblem,
  SelectionLimitError,
  selectPortfolio,
} from '../engine/portfolio/index.ts';
import {
  type Candidate,
  candidatesQuery,
  type OptimizationResult,
  optimizeInput,
} from '../model/scenario.ts';
import { ForbiddenError, ValidationError } from './errors.ts';
import { type Actor, can, organizationChain, type ScopeChain } from './policy.ts';
import { type CandidateSet, loadCandidates, monthLabels } from './portfolio-candidates.ts';
import { parseInput } from './validate.ts';

/**
 * Portfolio optimization over real data: candidates from intake and the running projects, limits per
 * month, the user's mandatory and excluded flags. The engine decides exactly while the problem is small
 * enough (and says so), heuristically beyond with its gap; the efficient frontier sweeps the total budget.
 */

/** Seconds are enough for the sizes the engine was benched on; past it the result carries its gap. */
const SEARCH_MS = 4000;
const FRONTIER_LEVELS = 8;
const FRONTIER_SEARCH_MS = 600;

export interface OptimizationSettings {
  horizonStart: string;
  periods: number;
  portfolioId: string | null;
  budget: (number | null)[];
  capacity: Record<string, (number | null)[]>;
  maxShift: number;
  items: { candidate: { type: 'proposal' | 'project'; id: string }; mandatory: boolean; excluded: boolean }[];
}

/** Where a scenario or an optimization applies: its portfolio, or the whole organization. */
export async function settingsChain(
  q: Queryable,
  orgId: string,
  portfolioId: string | null,
): Promise<ScopeChain> {
  if (!portfolioId) return organizationChain;
  const chain = await placementOfPortfolio(q, orgId, portfolioId);
  if (!chain)
    throw new ValidationError([{ field: 'portfolioId', message: 'does not exist in this organization' }]);
  return chain;
}

function describeConflict(
  c: MandatoryConflict,
  months: string[],
  roles: Map<string, string>,
  codes: Map<string, string>,
) {
  const code = (id: string) => codes.get(id) ?? id;
  switch (c.kind) {
    case 'budget':
      return `budget in ${months[c.period]}: the mandatory set needs ${round(c.required)}, the limit is ${round(c.limit)}`;
    case 'total-budget':
      return `total budget: the mandatory set needs ${round(c.required)}, the limit is ${round(c.limit)}`;
    case 'capacity':
      return `capacity of ${roles.get(c.role) ?? c.role} in ${months[c.period]}: the mandatory set needs ${round(c.required)} h, the limit is ${round(c.limit)} h`;
    case 'excluded-prerequisite':
      return `${code(c.candidate)} is mandatory but needs ${code(c.requires)}, which is excluded`;
    case 'mandatory-and-excluded':
      return `${code(c.candidate)} is both mandatory and excluded`;
  }
}
const round = (value: number) => Math.round(value * 100) / 100;

export function buildProblem(set: CandidateSet, settings: OptimizationSettings): PortfolioProblem {
  const byId = new Map(set.candidates.map((c) => [c.candidateId, c]));
  const flags = new Map<string, { mandatory: boolean; excluded: boolean }>();
  settings.items.forEach((item, k) => {
    const candidate = byId.get(item.candidate.id);
    if (!candidate || candidate.candidateType !== item.candidate.type)
      throw new ValidationError([
        {
          field: `items.${k}.candidate`,
          message: `${item.candidate.type} ${item.candidate.id} is not a candidate here (proposals must be submitted, in triage or accepted; projects running, within the portfolio)`,
        },
      ]);
    if (item.mandatory && item.excluded)
      throw new ValidationError([
        { field: `items.${k}`, message: `${candidate.code} cannot be both mandatory and excluded` },
      ]);
    flags.set(item.candidate.id, item);
  });
  const roles = Object.keys(settings.capacity);
  return {
    periods: settings.periods,
    budget: Array.from({ length: settings.periods }, (_, t) => settings.budget[t] ?? null),
    capacity: Object.fromEntries(
      roles.map((role) => [
        role,
        Array.from({ length: settings.periods }, (_, t) => settings.capacity[role][t] ?? null),
      ]),
    ),
    maxShift: settings.maxShift,
    candidates: set.candidates.map((c) => ({
      id: c.candidateId,
      score: c.score,
      cost: c.cost,
      // Roles without a capacity line are not limited, so their demand does not constrain the choice.
      demand: Object.fromEntries(Object.entries(c.demand).filter(([role]) => roles.includes(role))),
      mandatory: flags.get(c.candidateId)?.mandatory ?? false,
      excluded: (flags.get(c.candidateId)?.excluded ?? false) || set.blocked.has(c.candidateId),
      requires: c.requires.map((r) => r.candidateId),
    })),
  };
}

/** Runs the engine; its input errors become 400s that name the cycle, the constraint or the field. */
export async function solve(
  q: Queryable,
  orgId: string,
  set: CandidateSet,
  settings: OptimizationSettings,
): Promise<OptimizationResult> {
  const problem = buildProblem(set, settings);
  const months = monthLabels(settings.horizonStart, settings.periods);
  const codes = new Map(set.candidates.map((c) => [c.candidateId, c.code]));
  const roles = await roleNames(q, orgId, Object.keys(settings.capacity));
  for (const [k, role] of Object.keys(settings.capacity).entries())
    if (!roles.has(role))
      throw new ValidationError([
        { field: `capacity.${role}`, message: `role ${k + 1} does not exist in this organization` },
      ]);
  const options = { timeLimitMs: SEARCH_MS, now: () => performance.now() };
  try {
    const result = selectPortfolio(problem, options);
    const totalCost = set.candidates.reduce(
      (sum, c) =>
        sum +
        (problem.candidates.find((p) => p.id === c.candidateId)?.excluded
          ? 0
          : c.cost.reduce((s, v) => s + v, 0)),
      0,
    );
    const levels =
      totalCost > 0
        ? Array.from({ length: FRONTIER_LEVELS }, (_, k) => (totalCost * (k + 1)) / FRONTIER_LEVELS)
        : [];
    const spent = result.costPerPeriod.reduce((a, b) => a + b, 0);
    const frontier = computeEfficientFrontier(problem, levels, {
      timeLimitMs: FRONTIER_SEARCH_MS,
      now: options.now,
    }).map((p) => {
      if (!p.feasible)
        return { budget: p.budget, feasible: false, totalScore: null, totalCost: null, selectedCount: null };
      // A level's search is short: where the full run's own selection fits the level and scores
      // more, it is the better point of the two.
      if (spent <= p.budget && result.totalScore > p.totalScore)
        return {
          budget: p.budget,
          feasible: true,
          totalScore: result.totalScore,
          totalCost: spent,
          selectedCount: result.selected.length,
        };
      return {
        budget: p.budget,
        feasible: true,
        totalScore: p.totalScore,
        totalCost: p.totalCost,
        selectedCount: p.selected.length,
      };
    });
    const byId = new Map(set.candidates.map((c) => [c.candidateId, c]));
    const label = (id: string) => {
      const c = byId.get(id) as Candidate;
      return { candidateType: c.candidateType, candidateId: c.candidateId, code: c.code, title: c.title };
    };
    return {
      method: result.method,
      optimal: result.optimal,
      gap: result.gap,
      bound: result.bound,
      totalScore: result.totalScore,
      candidateCount: set.candidates.length,
      months,
      selected: result.selected.map((s) => ({ ...label(s.id), score: s.score, shift: s.shift })),
      rejected: result.rejected.map(label),
      costPerPeriod: result.costPerPeriod,
      demandPerRole: result.demandPerRole,
      frontier,
    };
  } catch (error) {
    if (error instanceof DependencyCycleError)
      throw new ValidationError([
        {
          field: 'dependencies',
          message: `candidates need each other in a cycle: ${[...error.cycle, error.cycle[0]].map((id) => codes.get(id) ?? id).join(' → ')}`,
        },
      ]);
    if (error instanceof InfeasibleMandatoryError)
      throw new ValidationError(
        error.conflicts.map((c) => ({
          field:
            c.kind === 'budget'
              ? `budget.${c.period}`
              : c.kind === 'capacity'
                ? `capacity.${c.role}.${c.period}`
                : 'items',
          message: `the mandatory candidates (${error.mandatory.map((id) => codes.get(id) ?? id).join(', ')}) do not fit: ${describeConflict(c, months, roles, codes)}`,
        })),
      );
    if (error instanceof SelectionLimitError)
      throw new ValidationError([
        {
          field: 'maxShift',
          message:
            'no start shifts fitting every mandatory candidate were found in time; mark fewer mandatory',
        },
      ]);
    if (error instanceof PortfolioInputError)
      throw new ValidationError([
        {
          field: error.field,
          message: error.message.replace(/"([0-9a-f-]{36})"/g, (_, id: string) => codes.get(id) ?? id),
        },
      ]);
    throw error;
  }
}

/** The candidate list behind a horizon (what a scenario would choose from). */
export async function listCandidates(db: Database, actor: Actor, query: unknown) {
  const { horizonStart, periods, portfolioId } = parseInput(candidatesQuery, query);
  if (portfolioId) await settingsChain(db, actor.orgId, portfolioId);
  const set = await loadCandidates(db, actor, { horizonStart, periods, portfolioId });
  return {
    months: monthLabels(horizonStart, periods),
    modelId: set.model?.id ?? null,
    items: set.candidates,
  };
}

/** A what-if optimization that saves nothing. */
export async function optimizePortfolio(
  db: Database,
  actor: Actor,
  body: unknown,
): Promise<OptimizationResult> {
  const settings = parseInput(optimizeInput, body);
  if (!can(actor, 'manage_scenarios', await settingsChain(db, actor.orgId, settings.portfolioId)))
    throw new ForbiddenError();
  const set = await loadCandidates(db, actor, { ...settings, everything: true });
  return solve(db, actor.orgId, set, settings);
}
