import type { ConstraintType, LinkType } from '../../engine/schedule/types.ts';
import { parseXmlTree } from '../xml-tree.ts';
import { MspdiFormatError } from './errors.ts';
import { readCalendars } from './read-calendars.ts';
import { readAssignments, readResources, readTaskBaselines } from './read-resources.ts';
import type { MspdiDocument, MspdiLink, MspdiTask } from './types.ts';
import { asArray, ValueReader, type XmlNode } from './values.ts';

const CONSTRAINTS: ConstraintType[] = ['ASAP', 'ALAP', 'MSO', 'MFO', 'SNET', 'SNLT', 'FNET', 'FNLT'];
const LINK_TYPES: LinkType[] = ['FF', 'FS', 'SF', 'SS'];
/** Duration/lag formats that are elapsed (wall-clock) time, estimated variants included. */
const ELAPSED_FORMATS = new Set([4, 6, 8, 10, 12, 20, 36, 38, 40, 42, 44, 52]);
const PERCENT_FORMATS = new Set([19, 20, 51, 52]);

/**
 * Reads an MS Project XML (MSPDI) document into what the scheduler needs, plus the dates MS
 * Project stored. `file` names the source in error messages.
 *
 * @example readMspdi(xml, 'plan.xml').tasks.length
 */
export function readMspdi(xml: string, file = 'MSPDI'): MspdiDocument {
  let doc: XmlNode;
  try {
    doc = parseXmlTree(xml);
  } catch (error) {
    throw new MspdiFormatError(file, 'Project', `is not well-formed XML: ${(error as Error).message}`);
  }
  const root = doc.Project as XmlNode | undefined;
  if (!root || typeof root !== 'object')
    throw new MspdiFormatError(file, 'Project', 'is missing (not an MSPDI file)');
  const vr = new ValueReader(file);
  const minutesPerDay = vr.int(root, 'MinutesPerDay', 'Project') ?? 480;
  const properties = {
    name: vr.text(root, 'Name') ?? vr.text(root, 'Title'),
    scheduleFromStart: vr.bool(root, 'ScheduleFromStart') ?? true,
    startDate: vr.date(root, 'StartDate', 'Project'),
    finishDate: vr.date(root, 'FinishDate', 'Project'),
    statusDate: vr.date(root, 'StatusDate', 'Project'),
    currentDate: vr.date(root, 'CurrentDate', 'Project'),
    calendarUid: vr.int(root, 'CalendarUID', 'Project'),
    minutesPerDay,
    minutesPerWeek: vr.int(root, 'MinutesPerWeek', 'Project') ?? 2400,
    daysPerMonth: vr.int(root, 'DaysPerMonth', 'Project') ?? 20,
    honorConstraints: vr.bool(root, 'HonorConstraints') ?? true,
    criticalSlackLimit: (vr.int(root, 'CriticalSlackLimit', 'Project') ?? 0) * minutesPerDay,
  };
  const calendars = readCalendars(vr, root);
  let summaryStart: number | null = null;

  const tasks: MspdiTask[] = [];
  const stack: { level: number; uid: number }[] = [];
  const taskNodes = asArray((root.Tasks as XmlNode | undefined)?.Task);
  const seen = new Set<number>();
  for (const [k, t] of taskNodes.entries()) {
    const where = `Task[${k}]`;
    const uid = vr.int(t, 'UID', where);
    if (uid === null) throw new MspdiFormatError(file, where, 'has no <UID>');
    if (seen.has(uid)) throw new MspdiFormatError(file, `${where}/UID`, `repeats UID ${uid}`);
    seen.add(uid);
    const w = `Task UID ${uid}`;
    if (vr.bool(t, 'IsNull')) continue;
    const level = vr.int(t, 'OutlineLevel', w) ?? 1;
    if (uid === 0 || level === 0) {
      summaryStart = vr.date(t, 'Start', w); // the project summary task
      continue;
    }
    while (stack.length && stack[stack.length - 1].level >= level) stack.pop();
    const parentUid = stack.length ? stack[stack.length - 1].uid : null;
    stack.push({ level, uid });
    const durationFormat = vr.int(t, 'DurationFormat', w) ?? 7;
    const ct = vr.int(t, 'ConstraintType', w) ?? 0;
    if (!(ct in CONSTRAINTS)) throw new MspdiFormatError(file, `${w}/ConstraintType`, `is unknown: ${ct}`);
    const predecessors: MspdiLink[] = asArray(t.PredecessorLink).map((l, j) => {
      const lw = `${w}/PredecessorLink[${j}]`;
      const pred = vr.int(l, 'PredecessorUID', lw);
      if (pred === null) throw new MspdiFormatError(file, lw, 'has no <PredecessorUID>');
      const type = vr.int(l, 'Type', lw) ?? 1;
      if (!(type in LINK_TYPES)) throw new MspdiFormatError(file, `${lw}/Type`, `is unknown: ${type}`);
      const lagFormat = vr.int(l, 'LagFormat', lw) ?? 7;
      const raw = vr.int(l, 'LinkLag', lw) ?? 0;
      const percent = PERCENT_FORMATS.has(lagFormat);
      return {
        predecessorUid: pred,
        type: LINK_TYPES[type],
        lag: percent ? 0 : raw / 10,
        lagPercent: percent ? raw / 10 : null,
        lagElapsed: ELAPSED_FORMATS.has(lagFormat),
        lagFormat,
        crossProject: vr.bool(l, 'CrossProject') ?? false,
      };
    });
    const slack = (key: string) => {
      const v = vr.int(t, key, w);
      return v === null ? null : v / 10;
    };
    const calUid = vr.int(t, 'CalendarUID', w);
    tasks.push({
      uid,
      id: vr.int(t, 'ID', w),
      name: vr.text(t, 'Name') ?? '',
      outlineLevel: level,
      outlineNumber: vr.text(t, 'OutlineNumber'),
      parentUid,
      summary: vr.bool(t, 'Summary') ?? false,
      milestone: vr.bool(t, 'Milestone') ?? false,
      manual: vr.bool(t, 'Manual') ?? false,
      estimated: vr.bool(t, 'Estimated') ?? false,
      active: vr.bool(t, 'Active') ?? true,
      duration: vr.duration(t, 'Duration', w) ?? 0,
      durationElapsed: ELAPSED_FORMATS.has(durationFormat),
      remainingDuration: vr.duration(t, 'RemainingDuration', w),
      constraintType: CONSTRAINTS[ct],
      constraintDate: ct >= 2 ? vr.date(t, 'ConstraintDate', w) : null,
      deadline: vr.date(t, 'Deadline', w),
      actualStart: vr.date(t, 'ActualStart', w),
      actualFinish: vr.date(t, 'ActualFinish', w),
      percentComplete: vr.int(t, 'PercentComplete', w) ?? 0,
      calendarUid: calUid === null || calUid < 0 ? null : calUid,
      levelingDelay: (vr.int(t, 'LevelingDelay', w) ?? 0) / 10,
      predecessors,
      stored: {
        start: vr.date(t, 'Start', w),
        finish: vr.date(t, 'Finish', w),
        earlyStart: vr.date(t, 'EarlyStart', w),
        earlyFinish: vr.date(t, 'EarlyFinish', w),
        lateStart: vr.date(t, 'LateStart', w),
        lateFinish: vr.date(t, 'LateFinish', w),
        totalSlack: slack('TotalSlack'),
        freeSlack: slack('FreeSlack'),
        critical: vr.bool(t, 'Critical'),
      },
      baselines: readTaskBaselines(vr, t, w),
    });
  }
  const resources = readResources(vr, root);
  const assignments = readAssignments(
    vr,
    root,
    new Set(tasks.map((task) => task.uid)),
    seen,
    new Set(resources.map((resource) => resource.uid)),
  );
  return { properties: { ...properties, summaryStart }, calendars, tasks, resources, assignments };
}
