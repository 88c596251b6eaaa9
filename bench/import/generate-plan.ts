/**
 * A realistic MS Project plan for the import benchmark: phases → deliverables → work packages →
 * activities (WBS depth 3–4), about 1.5 links per activity to recent activities (FS mostly, some
 * SS/FF/SF, lags in working and elapsed days), a few constraints, deadlines and milestones.
 */
import type {
  MspdiWriteLink,
  MspdiWriteProject,
  MspdiWriteTask,
} from '../../src/interop/mspdi-write/index.ts';

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const day = [
  { from: 480, to: 720 },
  { from: 780, to: 1020 },
];

export function generatePlan(size: number, seed = 42): MspdiWriteProject {
  const rng = mulberry32(seed);
  const pick = (n: number) => Math.floor(rng() * n);
  const shells: Array<{ level: number; outline: string }> = [];
  const counters = [0, 0, 0, 0, 0];
  const push = (level: number) => {
    counters[level]++;
    for (let k = level + 1; k < counters.length; k++) counters[k] = 0;
    shells.push({ level, outline: counters.slice(1, level + 1).join('.') });
  };
  while (shells.length < size) {
    push(1);
    for (let d = 0; d < 8 && shells.length < size; d++) {
      push(2);
      for (let w = 0; w < 8 && shells.length < size; w++) {
        push(3);
        if (rng() < 0.3) continue; // a work package that is itself an activity (depth 3)
        const activities = 3 + pick(6);
        for (let a = 0; a < activities && shells.length < size; a++) push(4);
      }
    }
  }
  const leaves: number[] = [];
  const tasks: MspdiWriteTask[] = shells.map((shell, i) => {
    const summary = i + 1 < shells.length && shells[i + 1].level > shell.level;
    if (!summary) leaves.push(i + 1);
    const milestone = !summary && rng() < 0.02;
    const predecessors: MspdiWriteLink[] = [];
    if (!summary && leaves.length > 1) {
      const count = rng() < 0.3 ? 1 : 2;
      const seen = new Set<number>();
      for (let k = 0; k < count; k++) {
        const back = 1 + pick(Math.min(leaves.length - 1, 500));
        const uid = leaves[leaves.length - 1 - back];
        if (seen.has(uid)) continue;
        seen.add(uid);
        const r = rng();
        const type = r < 0.8 ? 'FS' : r < 0.9 ? 'SS' : r < 0.97 ? 'FF' : 'SF';
        const l = rng();
        predecessors.push({
          predecessorUid: uid,
          type,
          lagMinutes: l < 0.7 ? 0 : l < 0.9 ? 480 * (1 + pick(5)) : l < 0.95 ? -240 : 1440 * (1 + pick(2)),
          lagElapsed: l >= 0.95,
        });
      }
    }
    const constrained = !summary && rng() < 0.01;
    return {
      uid: i + 1,
      name: summary ? `Work package ${shell.outline}` : `Activity ${shell.outline} & checks`,
      outlineLevel: shell.level,
      outlineNumber: shell.outline,
      durationMinutes: summary || milestone ? 0 : 480 * (1 + pick(5)),
      milestone,
      summary,
      constraintType: constrained ? 'SNET' : 'ASAP',
      constraintDate: constrained ? `2025-0${1 + pick(9)}-1${pick(10)}T08:00:00` : null,
      deadline: !summary && rng() < 0.01 ? '2026-06-30T17:00:00' : null,
      percentComplete: i < size / 20 && !summary ? 100 : 0,
      predecessors,
    };
  });
  return {
    properties: {
      name: `Benchmark plan of ${size} tasks`,
      startDate: '2025-01-06T08:00:00',
      scheduleFromStart: true,
      minutesPerDay: 480,
      calendarUid: 1,
    },
    calendars: [
      {
        id: 1,
        name: 'Standard',
        baseId: null,
        week: [[], day, day, day, day, day, []],
        exceptions: [
          { from: '2025-12-24', to: '2026-01-01', intervals: [], name: 'Winter break' },
          { from: '2025-05-01', intervals: [], name: 'Labour day' },
        ],
      },
    ],
    tasks,
  };
}
