import type { AssignmentWorkRow, NewActualCost } from '../db/repositories/finance.ts';
import { dayOf, isoOf } from './earned-value-phasing.ts';

/**
 * Actual cost derived from assignments. An assignment's actual work is its recorded actual work, or,
 * when none is recorded, its task's percent complete × its planned work. That work is spread evenly
 * over the calendar days from the task's actual (else scheduled) start to its actual finish (else
 * the scheduled finish, but never past `asOf`), cut at month ends, and each month's share is priced
 * at the resource's standard rate in effect on the last day of that share (rates are per hour); the
 * per-use cost is added once, to the first share. People and generic resources cost 'labour',
 * equipment and material 'operating'. Each share becomes one 'derived' row dated on its last day.
 */
export function deriveActualCosts(rows: readonly AssignmentWorkRow[], asOf: string): NewActualCost[] {
  const today = dayOf(asOf);
  const out: NewActualCost[] = [];
  for (const a of rows) {
    const minutes =
      a.actualWorkMinutes > 0 ? a.actualWorkMinutes : Math.round((a.workMinutes * a.percentComplete) / 100);
    if (minutes <= 0) continue;
    const startIso = a.actualStart ?? a.start;
    if (!startIso) continue;
    const start = Math.min(dayOf(startIso), today);
    const plannedEnd = a.actualFinish ?? a.finish ?? startIso;
    const finish = Math.max(start, a.actualFinish ? dayOf(plannedEnd) : Math.min(dayOf(plannedEnd), today));
    const days = finish - start + 1;
    const category = a.resourceKind === 'person' || a.resourceKind === 'generic' ? 'labour' : 'operating';
    let first = true;
    for (let chunkStart = start; chunkStart <= finish; ) {
      const date = new Date(chunkStart * 86_400_000);
      const monthEnd = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / 86_400_000 - 1;
      const chunkEnd = Math.min(monthEnd, finish);
      const hours = ((minutes / 60) * (chunkEnd - chunkStart + 1)) / days;
      const rate = rateOn(a.rates, isoOf(chunkEnd));
      const amount = Math.round((hours * rate.standardRate + (first ? rate.perUseCost : 0)) * 100) / 100;
      if (amount > 0)
        out.push({
          taskId: a.taskId,
          resourceId: a.resourceId,
          category,
          incurredOn: isoOf(chunkEnd),
          amount,
          description: `${Math.round(hours * 100) / 100} h derived from assignment work`,
        });
      first = false;
      chunkStart = chunkEnd + 1;
    }
  }
  return out;
}

/** The rate in effect on a day: the latest that starts on or before it (the earliest, before any starts). */
function rateOn(rates: AssignmentWorkRow['rates'], day: string) {
  let chosen = rates[0] ?? { effectiveFrom: day, standardRate: 0, perUseCost: 0 };
  for (const rate of rates) if (rate.effectiveFrom <= day) chosen = rate;
  return chosen;
}
