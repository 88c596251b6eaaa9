/**
 * Reads, schedules and writes a generated P6 file of N activities (chains of 10 with cross links,
 * a standard calendar with holidays), as `orrery schedule FILE.xer` does.
 *
 *   npx tsx bench/xer/xer-bench.ts [N=4000]
 */
import { parseLocalDateTime } from '../../src/engine/calendar/epoch.ts';
import { readXer, scheduleXer, writeXer, type XerWritePlan } from '../../src/interop/xer/index.ts';

const n = Number(process.argv[2] ?? 4000);
const day = [
  { from: 480, to: 720 },
  { from: 780, to: 1020 },
];
const start = parseLocalDateTime('2025-01-06T08:00');
const plan: XerWritePlan = {
  project: {
    code: 'BENCH',
    name: 'Bench',
    calendarId: 1,
    dataDate: start,
    plannedStart: start,
    mustFinishBy: null,
    criticalFloatHours: 0,
    lagCalendar: 'predecessor',
  },
  calendars: [
    {
      id: 1,
      name: 'Standard',
      baseId: null,
      hoursPerDay: 8,
      week: [[], day, day, day, day, day, []],
      exceptions: Array.from({ length: 40 }, (_, k) => ({ from: 20_100 + k * 17, intervals: [] })),
    },
  ],
  wbs: Array.from({ length: Math.ceil(n / 100) }, (_, k) => ({
    id: k + 2,
    parentId: null,
    code: `W${k}`,
    name: `Area ${k}`,
    sequence: k,
  })),
  tasks: Array.from({ length: n }, (_, k) => ({
    id: k + 1,
    wbsId: Math.floor(k / 100) + 2,
    calendarId: 1,
    code: `A${k}`,
    name: `Activity ${k}`,
    type: 'TT_Task' as const,
    status: 'TK_NotStart' as const,
    percentComplete: 0,
    targetHours: 8 + (k % 5) * 8,
    remainingHours: 8 + (k % 5) * 8,
    constraintType: 'ASAP' as const,
    constraintDate: null,
    actualStart: null,
    actualFinish: null,
    earlyStart: null,
    earlyFinish: null,
    lateStart: null,
    lateFinish: null,
    totalFloatHours: null,
    freeFloatHours: null,
  })),
  links: Array.from({ length: n }, (_, k) => k)
    .filter((k) => k % 10 !== 0)
    .flatMap((k) => [
      { taskId: k + 1, predecessorId: k, type: 'FS' as const, lagHours: 0 },
      ...(k > 20 && k % 7 === 0
        ? [{ taskId: k + 1, predecessorId: k - 15, type: 'SS' as const, lagHours: 16 }]
        : []),
    ]),
};
const t0 = performance.now();
const text = writeXer(plan);
const t1 = performance.now();
const read = readXer(text, 'bench.xer');
const t2 = performance.now();
const scheduled = scheduleXer(read);
const t3 = performance.now();
console.log(
  JSON.stringify({
    activities: read.tasks.length,
    links: read.links.length,
    bytes: text.length,
    writeMs: Math.round(t1 - t0),
    readMs: Math.round(t2 - t1),
    scheduleMs: Math.round(t3 - t2),
    finish: new Date(scheduled.result.projectFinish * 60000).toISOString().slice(0, 16),
  }),
);
