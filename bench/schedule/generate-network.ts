/**
 * Deterministic generator of realistic schedule networks for the benchmark: a WBS tree
 * (summaries of about ten children, up to four levels), about 1.5 links per task mostly to
 * nearby earlier tasks (FS 80%, SS 10%, FF 7%, SF 3%; a fifth with lags from -1 to +5 days),
 * 5% milestones, 2% start-no-earlier-than and 0.5% finish-no-later-than constraints, a few
 * summary links, two calendars with yearly holidays, and tasks spread over projects of 5,000
 * leaves with a few links between projects.
 */
import type { CalendarDefinition } from '../../src/engine/calendar/types.ts';
import type { ScheduleInput, ScheduleLink, ScheduleTask } from '../../src/engine/schedule/types.ts';

/** mulberry32: small, fast, seeded. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 480;
const START = Date.UTC(2025, 0, 6, 8, 0) / 60000; // Monday 2025-01-06 08:00

function calendars(): CalendarDefinition[] {
  const day = [
    { from: 480, to: 720 },
    { from: 780, to: 1020 },
  ];
  const holidays = [
    '2025-01-01',
    '2025-05-01',
    '2025-07-14',
    '2025-08-15',
    '2025-11-11',
    '2025-12-25',
    '2025-12-26',
  ];
  return [
    {
      id: 'standard',
      week: [[], day, day, day, day, day, []],
      exceptions: holidays.map((d) => ({ from: d, intervals: [], recurYearly: true })),
    },
    {
      id: 'six-day',
      baseId: 'standard',
      week: [null, null, null, null, null, null, [{ from: 480, to: 720 }]],
    },
  ];
}

/** Every task has the same fields in the same order, as the file readers produce them. */
function makeTask(
  id: number,
  name: string,
  parentId: number | null,
  duration: number,
  milestone: boolean,
  projectId: number,
  calendarId: string | null,
  constraintType: 'ASAP' | 'SNET' | 'FNLT',
  constraintDate: number | null,
): ScheduleTask {
  return { id, name, parentId, duration, milestone, projectId, calendarId, constraintType, constraintDate };
}

/**
 * Builds `leafCount` leaf tasks plus their summaries.
 *
 * @example generateNetwork(1000, 42).tasks.length // about 1,110
 */
export function generateNetwork(
  leafCount: number,
  seed: number,
  projects = Math.max(1, Math.round(leafCount / 5000)),
): ScheduleInput {
  const rnd = prng(seed);
  const tasks: ScheduleTask[] = [];
  const links: ScheduleLink[] = [];
  const leaves: number[] = [];
  // WBS: every 10 leaves get a summary, every 10 summaries a parent, up to four levels.
  const perProject = Math.ceil(leafCount / projects);
  let id = 0;
  const open: (number | null)[] = [null, null, null, null];
  const counts = [0, 0, 0, 0];
  for (let k = 0; k < leafCount; k++) {
    const project = Math.floor(k / perProject);
    if (k % perProject === 0) {
      open.fill(null);
      counts.fill(0);
    }
    for (let level = 0; level < 4; level++) {
      const span = 10 ** (4 - level);
      if (open[level] === null || counts[level] >= span) {
        const parentId = level === 0 ? null : open[level - 1];
        const sid = id++;
        tasks.push(makeTask(sid, `S${sid}`, parentId, 0, false, project, null, 'ASAP', null));
        open[level] = sid;
        counts[level] = 0;
        for (let deeper = level + 1; deeper < 4; deeper++) open[deeper] = null;
      }
    }
    for (let level = 0; level < 4; level++) counts[level]++;
    const milestone = rnd() < 0.05;
    const r = rnd();
    const constraintType = r < 0.02 ? 'SNET' : r < 0.025 ? 'FNLT' : 'ASAP';
    const constraintDate =
      r < 0.02
        ? START + Math.floor(rnd() * 200) * 1440
        : r < 0.025
          ? START + Math.floor(200 + rnd() * 400) * 1440 + 540
          : null;
    const duration = milestone ? 0 : Math.round((rnd() * 20 * DAY) / 60) * 60;
    const calendarId = rnd() < 0.1 ? 'six-day' : null;
    const task = makeTask(
      id,
      `T${id}`,
      open[3],
      duration,
      milestone,
      project,
      calendarId,
      constraintType,
      constraintDate,
    );
    tasks.push(task);
    leaves.push(id);
    id++;
  }
  // ~1.5 links per leaf, from an earlier leaf within a window (keeps the graph acyclic and local)
  for (let k = 1; k < leaves.length; k++) {
    const n = rnd() < 0.5 ? 1 : 2;
    const inProject = k % perProject;
    // Links across projects: from the first quarter of the previous project to the last quarter
    // of this one, so programs tie projects together without chaining them end to end.
    if (k >= perProject && inProject > perProject * 0.75 && rnd() < 0.01) {
      const from = k - inProject - perProject + Math.floor(rnd() * perProject * 0.25);
      links.push({ predecessorId: leaves[from], successorId: leaves[k], type: 'FS', lag: 0 });
    }
    if (inProject === 0) continue;
    for (let j = 0; j < n; j++) {
      const back = 1 + Math.floor(rnd() * Math.min(inProject, 60));
      const r = rnd();
      const type = r < 0.8 ? 'FS' : r < 0.9 ? 'SS' : r < 0.97 ? 'FF' : 'SF';
      const lag = rnd() < 0.2 ? Math.round((rnd() * 6 - 1) * DAY) : 0;
      links.push({ predecessorId: leaves[k - back], successorId: leaves[k], type, lag });
    }
  }
  // A few links from a work package (the summary of ten leaves) to a leaf 50 leaves later:
  // outside the package, so still acyclic.
  for (let k = 0; k + 60 < leaves.length; k += 500) {
    const pkg = tasks[leaves[k]].parentId;
    if (pkg !== null && pkg !== undefined)
      links.push({ predecessorId: pkg, successorId: leaves[k + 60], type: 'FS', lag: 0 });
  }
  return {
    tasks,
    links,
    calendars: calendars(),
    projects: Array.from({ length: projects }, (_, p) => ({
      id: p,
      calendarId: 'standard',
      start: START + (p % 12) * 7 * 1440,
      criticalSlackLimit: 0,
    })),
  };
}
