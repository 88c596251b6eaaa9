import {
  type MspdiWriteAssignment,
  type MspdiWriteBaseline,
  MspdiWriteError,
  type MspdiWriteResource,
} from './types.ts';
import { checkedDate, isoDuration, type XmlOut } from './xml-out.ts';

/** Duration format 7: days. */
const DAYS = 7;
/** Rate format 2: per hour. */
const PER_HOUR = 2;
/** MSPDI keeps currency amounts in hundredths. */
const hundredths = (amount: number) => Math.round(amount * 100);

/** A task's `<Baseline>` elements, in the order of the MSPDI schema. */
export function writeTaskBaselines(
  out: XmlOut,
  baselines: readonly MspdiWriteBaseline[],
  where: string,
): void {
  for (const b of baselines) {
    if (!Number.isInteger(b.number) || b.number < 0 || b.number > 10)
      throw new MspdiWriteError(where, 'baseline', `number must be 0 to 10, not ${b.number}`);
    out.open('Baseline');
    out.el('Number', b.number);
    out.el('Start', checkedDate(b.start, where, `baseline ${b.number} start`));
    out.el('Finish', checkedDate(b.finish, where, `baseline ${b.number} finish`));
    if (b.durationMinutes !== null) {
      out.el('Duration', isoDuration(b.durationMinutes));
      out.el('DurationFormat', DAYS);
    }
    if (b.workMinutes !== null) out.el('Work', isoDuration(b.workMinutes));
    if (b.cost !== null) out.el('Cost', hundredths(b.cost));
    out.close('Baseline');
  }
}

/** `<Resources>`, with MS Project's blank resource UID 0 first as it writes it. */
export function writeResources(out: XmlOut, resources: readonly MspdiWriteResource[]): Set<number> {
  const uids = new Set<number>();
  out.open('Resources');
  out.open('Resource');
  out.el('UID', 0);
  out.el('ID', 0);
  out.el('Type', 1);
  out.el('IsNull', false);
  out.close('Resource');
  for (const [k, r] of resources.entries()) {
    const where = `Resource UID ${r.uid} (${r.name})`;
    if (!Number.isInteger(r.uid) || r.uid <= 0 || uids.has(r.uid))
      throw new MspdiWriteError(where, 'uid', 'must be a positive integer used once');
    if (!(r.maxUnits > 0))
      throw new MspdiWriteError(where, 'maxUnits', `must be positive, not ${r.maxUnits}`);
    uids.add(r.uid);
    out.open('Resource');
    out.el('UID', r.uid);
    out.el('ID', k + 1);
    out.el('Name', r.name);
    out.el('Type', r.type === 'material' ? 0 : 1);
    out.el('IsNull', false);
    out.el('MaterialLabel', r.type === 'material' ? (r.materialLabel ?? null) : null);
    out.el('Code', r.code ?? null);
    out.el('EmailAddress', r.email ?? null);
    out.el('MaxUnits', r.maxUnits.toFixed(2));
    out.el('StandardRate', r.standardRate);
    out.el('StandardRateFormat', PER_HOUR);
    out.el('OvertimeRate', r.overtimeRate);
    out.el('OvertimeRateFormat', PER_HOUR);
    out.el('CostPerUse', hundredths(r.costPerUse));
    out.close('Resource');
  }
  out.close('Resources');
  return uids;
}

/** `<Assignments>`; each must name a task and a resource of the document. */
export function writeAssignments(
  out: XmlOut,
  assignments: readonly MspdiWriteAssignment[],
  taskUids: ReadonlySet<number>,
  resourceUids: ReadonlySet<number>,
): void {
  out.open('Assignments');
  for (const a of assignments) {
    const where = `Assignment UID ${a.uid}`;
    if (!taskUids.has(a.taskUid)) throw new MspdiWriteError(where, 'taskUid', `${a.taskUid} is not a task`);
    if (!resourceUids.has(a.resourceUid))
      throw new MspdiWriteError(where, 'resourceUid', `${a.resourceUid} is not a resource`);
    out.open('Assignment');
    out.el('UID', a.uid);
    out.el('TaskUID', a.taskUid);
    out.el('ResourceUID', a.resourceUid);
    out.el('ActualWork', isoDuration(a.actualWorkMinutes ?? 0));
    out.el('Cost', hundredths(a.cost));
    out.el('Units', a.units);
    out.el('Work', isoDuration(a.workMinutes));
    out.close('Assignment');
  }
  out.close('Assignments');
}
