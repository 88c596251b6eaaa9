import type { Queryable } from '../db/connection.ts';
import { type CandidateData, loadCandidateData } from '../db/repositories/candidates.ts';
import { activeModelId, scoringModels } from '../db/repositories/scoring.ts';
import { findRow } from '../db/sql.ts';
import type { ScoringModel } from '../model/intake.ts';
import type { Candidate } from '../model/scenario.ts';
import type { Actor } from './policy.ts';
import { visibility } from './policy.ts';
import { computeRanking } from './scoring.ts';

/**
 * Turns proposals and running projects into optimization candidates over a horizon of months: cost and
 * role hours per month (index 0 = the horizon's first month; amounts outside the horizon are left out),
 * dependencies, and the value to maximise — the combined score under the active scoring model as a
 * percentage of its scale (0 when unscored). Running projects without budget lines spread their budget
 * evenly over the months of their target dates; their role demand is their open staffing requests.
 */

const HOURS_PER_WORKING_DAY = 8;

export const monthIndex = (horizonStart: string, period: string): number =>
  (Number(period.slice(0, 4)) - Number(horizonStart.slice(0, 4))) * 12 +
  (Number(period.slice(5, 7)) - Number(horizonStart.slice(5, 7)));

export function monthLabels(horizonStart: string, periods: number): string[] {
  const year = Number(horizonStart.slice(0, 4));
  const month = Number(horizonStart.slice(5, 7)) - 1;
  return Array.from({ length: periods }, (_, k) => {
    const m = month + k;
    return `${year + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  });
}

/** The first days of the months from `start`'s month to `finish`'s, inclusive. */
const monthsBetween = (start: string, finish: string): string[] => {
  const first = `${start.slice(0, 7)}-01`;
  const count = monthIndex(first, `${finish.slice(0, 7)}-01`) + 1;
  return count < 1 ? [] : monthLabels(first, count).map((m) => `${m}-01`);
};

/** Working days (Monday to Friday) of each month between two dates, inclusive. */
function workingDaysByMonth(start: string, finish: string): Map<string, number> {
  const days = new Map<string, number>();
  const day = new Date(`${start}T00:00:00Z`);
  const last = new Date(`${finish}T00:00:00Z`);
  for (let guard = 0; day <= last && guard < 3700; guard++) {
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6) {
      const key = `${day.toISOString().slice(0, 7)}-01`;
      days.set(key, (days.get(key) ?? 0) + 1);
    }
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return days;
}

export interface CandidateSet {
  candidates: Candidate[];
  /** Proposal dependencies on proposals that are not candidates (draft, rejected…): such a proposal cannot be chosen. */
  blocked: Map<string, string>;
  model: ScoringModel | null;
}

export function buildCandidates(
  data: CandidateData,
  horizonStart: string,
  periods: number,
  scores: Map<string, number>,
  requiredLabels: Map<string, string>,
): Omit<CandidateSet, 'model'> {
  const ids = new Set(data.rows.map((r) => r.candidateId));
  const place = (series: number[], period: string, amount: number) => {
    const t = monthIndex(horizonStart, period);
    if (t >= 0 && t < periods) series[t] += amount;
  };
  const costs = new Map<string, number[]>();
  for (const row of data.costs) {
    const series = costs.get(row.candidateId) ?? new Array<number>(periods).fill(0);
    costs.set(row.candidateId, series);
    place(series, row.period, row.amount);
  }
  const demand = new Map<string, Record<string, number[]>>();
  const demandOf = (candidateId: string, roleId: string) => {
    const byRole = demand.get(candidateId) ?? {};
    demand.set(candidateId, byRole);
    byRole[roleId] ??= new Array<number>(periods).fill(0);
    return byRole[roleId];
  };
  for (const row of data.demand) place(demandOf(row.candidateId, row.roleId), row.period, row.hours);
  for (const row of data.staffing)
    for (const [period, days] of workingDaysByMonth(row.startDate, row.finishDate))
      place(demandOf(row.candidateId, row.roleId), period, days * HOURS_PER_WORKING_DAY * row.units);
  const blocked = new Map<string, string>();
  const requires = new Map<string, Candidate['requires']>();
  for (const r of data.requires) {
    const list = requires.get(r.candidateId) ?? [];
    requires.set(r.candidateId, list);
    if (r.requiresProposalId) {
      if (ids.has(r.requiresProposalId))
        list.push({ candidateType: 'proposal', candidateId: r.requiresProposalId });
      else blocked.set(r.candidateId, requiredLabels.get(r.requiresProposalId) ?? r.requiresProposalId);
    } else if (r.requiresProjectId && ids.has(r.requiresProjectId)) {
      // A project that is not running (done, or outside the selection) already delivers what is needed.
      list.push({ candidateType: 'project', candidateId: r.requiresProjectId });
    }
  }
  const objectives = new Map<string, string[]>();
  for (const o of data.objectives)
    objectives.set(o.candidateId, [...(objectives.get(o.candidateId) ?? []), o.objectiveId]);
  const candidates = data.rows.map((row): Candidate => {
    let cost = costs.get(row.candidateId);
    if (!cost && row.candidateType === 'project' && row.targetStart && row.targetFinish && row.budget > 0) {
      const months = monthsBetween(row.targetStart, row.targetFinish);
      cost = new Array<number>(periods).fill(0);
      for (const m of months) place(cost, m, row.budget / months.length);
    }
    const score = scores.get(row.candidateId);
    return {
      candidateType: row.candidateType,
      candidateId: row.candidateId,
      code: row.code,
      title: row.title,
      status: row.status,
      score: score ?? 0,
      scored: score !== undefined,
      cost: cost ?? new Array<number>(periods).fill(0),
      demand: demand.get(row.candidateId) ?? {},
      requires: requires.get(row.candidateId) ?? [],
      objectiveIds: objectives.get(row.candidateId) ?? [],
    };
  });
  return { candidates, blocked };
}

/** Every candidate the actor may see over the horizon, scored under the active model. */
export async function loadCandidates(
  q: Queryable,
  actor: Actor,
  options: {
    horizonStart: string;
    periods: number;
    portfolioId?: string | null | undefined;
    everything?: boolean;
  },
): Promise<CandidateSet> {
  const seen = options.everything ? ({ all: true } as const) : visibility(actor);
  const data = await loadCandidateData(q, actor.orgId, {
    portfolioId: options.portfolioId,
    scope: seen.all ? null : seen,
  });
  const modelId = await activeModelId(q, actor.orgId);
  const model = modelId ? await findRow<ScoringModel>(q, scoringModels, actor.orgId, modelId) : null;
  const scores = new Map<string, number>();
  if (model)
    for (const item of (await computeRanking(q, actor, model)).items)
      scores.set(item.candidateId, item.percent);
  const missing = data.requires.flatMap((r) => (r.requiresProposalId ? [r.requiresProposalId] : []));
  const labels = new Map(
    (
      await q.query<{ id: string; code: string; status: string }>(
        'SELECT id, code, status FROM proposals WHERE org_id = $1 AND id = ANY($2::uuid[])',
        [actor.orgId, missing],
      )
    ).map((r) => [r.id, `${r.code} (${r.status})`]),
  );
  return { ...buildCandidates(data, options.horizonStart, options.periods, scores, labels), model };
}
