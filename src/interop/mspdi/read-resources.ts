import { MspdiFormatError } from './errors.ts';
import type { MspdiAssignment, MspdiBaseline, MspdiResource } from './types.ts';
import { asArray, type ValueReader, type XmlNode } from './values.ts';

/** MSPDI resource types: 0 material, 1 work, 2 cost. */
const RESOURCE_TYPES = ['material', 'work', 'cost'] as const;
/** MS Project's placeholder for "no resource" on an unassigned assignment. */
const UNASSIGNED = -65535;

/** MSPDI keeps currency amounts (costs, cost per use) in hundredths. */
const currency = (hundredths: number | null) => (hundredths === null ? null : hundredths / 100);

/** The `<Resources>` of a document; MS Project's blank resource (UID 0, or IsNull) is left out. */
export function readResources(vr: ValueReader, root: XmlNode): MspdiResource[] {
  const resources: MspdiResource[] = [];
  const seen = new Set<number>();
  for (const [k, r] of asArray((root.Resources as XmlNode | undefined)?.Resource).entries()) {
    const where = `Resource[${k}]`;
    const uid = vr.int(r, 'UID', where);
    if (uid === null) throw new MspdiFormatError(vr.file, where, 'has no <UID>');
    if (seen.has(uid)) throw new MspdiFormatError(vr.file, `${where}/UID`, `repeats UID ${uid}`);
    seen.add(uid);
    const name = vr.text(r, 'Name');
    if (vr.bool(r, 'IsNull') || (uid === 0 && !name)) continue;
    const w = `Resource UID ${uid}`;
    const type = vr.int(r, 'Type', w) ?? 1;
    if (!(type in RESOURCE_TYPES)) throw new MspdiFormatError(vr.file, `${w}/Type`, `is unknown: ${type}`);
    const calendarUid = vr.int(r, 'CalendarUID', w);
    resources.push({
      uid,
      name: name || `Resource ${uid}`,
      code: vr.text(r, 'Code') || null,
      type: RESOURCE_TYPES[type],
      maxUnits: vr.int(r, 'MaxUnits', w) ?? 1,
      standardRate: vr.int(r, 'StandardRate', w) ?? 0,
      overtimeRate: vr.int(r, 'OvertimeRate', w) ?? 0,
      costPerUse: currency(vr.int(r, 'CostPerUse', w)) ?? 0,
      calendarUid: calendarUid === null || calendarUid < 0 ? null : calendarUid,
      email: vr.text(r, 'EmailAddress') || null,
      materialLabel: vr.text(r, 'MaterialLabel') || null,
    });
  }
  return resources;
}

/**
 * The `<Assignments>` of a document. An assignment to a task or resource the file does not hold
 * is an error naming it; MS Project's unassigned placeholders, and assignments to the project
 * summary task or a blank row (tasks the file holds but Orrery does not keep), are left out.
 */
export function readAssignments(
  vr: ValueReader,
  root: XmlNode,
  taskUids: ReadonlySet<number>,
  fileTaskUids: ReadonlySet<number>,
  resourceUids: ReadonlySet<number>,
): MspdiAssignment[] {
  const assignments: MspdiAssignment[] = [];
  const pairs = new Set<string>();
  for (const [k, a] of asArray((root.Assignments as XmlNode | undefined)?.Assignment).entries()) {
    const uid = vr.int(a, 'UID', `Assignment[${k}]`);
    const where = uid === null ? `Assignment[${k}]` : `Assignment UID ${uid}`;
    const taskUid = vr.int(a, 'TaskUID', where);
    const resourceUid = vr.int(a, 'ResourceUID', where);
    if (resourceUid === UNASSIGNED || resourceUid === null) continue;
    if (taskUid !== null && !taskUids.has(taskUid) && fileTaskUids.has(taskUid)) continue;
    if (taskUid === null || !taskUids.has(taskUid))
      throw new MspdiFormatError(vr.file, `${where}/TaskUID`, `names no task of the file: ${taskUid}`);
    if (!resourceUids.has(resourceUid))
      throw new MspdiFormatError(
        vr.file,
        `${where}/ResourceUID`,
        `names no resource of the file: ${resourceUid}`,
      );
    const pair = `${taskUid}/${resourceUid}`;
    if (pairs.has(pair))
      throw new MspdiFormatError(vr.file, where, `assigns resource ${resourceUid} to task ${taskUid} twice`);
    pairs.add(pair);
    assignments.push({
      uid: uid ?? k,
      taskUid,
      resourceUid,
      units: vr.int(a, 'Units', where) ?? 1,
      work: vr.duration(a, 'Work', where) ?? 0,
      actualWork: vr.duration(a, 'ActualWork', where) ?? 0,
      cost: currency(vr.int(a, 'Cost', where)) ?? 0,
    });
  }
  return assignments;
}

/** A task's `<Baseline>` elements (numbers 0–10). */
export function readTaskBaselines(vr: ValueReader, task: XmlNode, where: string): MspdiBaseline[] {
  return asArray(task.Baseline).map((b, j) => {
    const w = `${where}/Baseline[${j}]`;
    const number = vr.int(b, 'Number', w);
    if (number === null || !Number.isInteger(number) || number < 0 || number > 10)
      throw new MspdiFormatError(vr.file, `${w}/Number`, `must be 0 to 10, not ${number}`);
    return {
      number,
      start: vr.date(b, 'Start', w),
      finish: vr.date(b, 'Finish', w),
      duration: vr.duration(b, 'Duration', w),
      work: vr.duration(b, 'Work', w),
      cost: currency(vr.int(b, 'Cost', w)),
    };
  });
}
