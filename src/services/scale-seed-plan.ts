/**
 * The rows of one generated project of the scale seed: a WBS of phases and tasks with stored dates,
 * links, assignments, budget lines, twelve months of actual costs, and the per-project figures the
 * finance service would store for them. Pure: the same random source gives the same rows.
 */

export type Random = () => number;

/** mulberry32: small, fast and good enough to make believable data from a seed. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** UUIDv7-shaped ids from the seed, increasing, so a seeded run writes the same ids every time. */
export function seededIds(random: Random, epochMillis: number) {
  let counter = 0;
  const hex = (value: number, digits: number) => value.toString(16).padStart(digits, '0');
  return () => {
    const millis = epochMillis + Math.floor(counter / 4096);
    const sequence = counter % 4096;
    counter += 1;
    const time = hex(millis, 12);
    const randomHex = (digits: number) => hex(Math.floor(random() * 16 ** digits), digits);
    const variant = hex(8 + Math.floor(random() * 4), 1);
    return `${time.slice(0, 8)}-${time.slice(8)}-7${hex(sequence, 3)}-${variant}${randomHex(3)}-${randomHex(6)}${randomHex(6)}`;
  };
}

const DAY = 86_400_000;
export const isoDay = (millis: number) => new Date(millis).toISOString().slice(0, 10);
const monthStart = (millis: number) => {
  const date = new Date(millis);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
};
const nextMonth = (millis: number) => {
  const date = new Date(millis);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
};
/** Working day `n` counted from a Monday, skipping weekends. */
const workday = (monday: number, n: number) => monday + (Math.floor(n / 5) * 7 + (n % 5)) * DAY;
const at8 = (millis: number) => `${isoDay(millis)} 08:00:00`;
const at17 = (millis: number) => `${isoDay(millis)} 17:00:00`;
const cents = (value: number) => Math.round(value * 100) / 100;

export interface ProjectShape {
  orgId: string;
  projectId: string;
  /** A Monday, as epoch milliseconds. */
  start: number;
  budget: number;
  tasks: number;
  /** The status date: actuals and progress stop here. */
  today: number;
  resourceIds: readonly string[];
}

export interface GeneratedProject {
  finish: number;
  tasks: unknown[][];
  links: unknown[][];
  assignments: unknown[][];
  budgetLines: unknown[][];
  actualCosts: unknown[][];
  periods: unknown[][];
  financials: unknown[];
  /** First and last leaf task, for links across projects. */
  firstTaskId: string;
  lastTaskId: string;
  spi: number | null;
  cpi: number | null;
  stage: string;
}

const PHASES = ['Initiate', 'Design', 'Build', 'Test', 'Deploy', 'Stabilize', 'Handover', 'Close'];

export function generateProject(shape: ProjectShape, random: Random, nextId: () => string): GeneratedProject {
  const { orgId, projectId } = shape;
  const phaseCount = Math.min(PHASES.length, Math.max(1, Math.round(shape.tasks / 25)));
  const perPhase = Math.max(2, Math.floor(shape.tasks / phaseCount) - 2);
  const tasks: unknown[][] = [];
  const links: unknown[][] = [];
  const assignments: unknown[][] = [];
  let day = 0;
  let firstTaskId = '';
  let lastTaskId = '';
  let previousMilestone: string | null = null;
  let position = 0;
  const task = (row: {
    id: string;
    parentId: string | null;
    wbs: string;
    name: string;
    from: number;
    to: number;
    milestone: boolean;
    summary: boolean;
  }) => {
    const startMs = workday(shape.start, row.from);
    const finishMs = workday(shape.start, Math.max(row.from, row.to - 1));
    const done = finishMs < shape.today ? 100 : startMs >= shape.today ? 0 : 50;
    tasks.push([
      orgId,
      row.id,
      projectId,
      row.parentId,
      position++,
      row.wbs,
      row.name,
      (row.to - row.from) * 480,
      row.milestone,
      row.summary,
      at8(startMs),
      row.milestone ? at8(startMs) : at17(finishMs),
      at8(startMs),
      row.milestone ? at8(startMs) : at17(finishMs),
      0,
      0,
      true,
      done,
      done > 0 ? at8(startMs) : null,
      done === 100 ? (row.milestone ? at8(startMs) : at17(finishMs)) : null,
    ]);
  };
  for (let p = 0; p < phaseCount; p++) {
    const phaseId = nextId();
    const phaseStart = day;
    const rows: Array<{ id: string; from: number; to: number }> = [];
    // Two chains side by side inside a phase: each task follows the one two before it.
    const chainEnd = [day, day];
    for (let k = 0; k < perPhase; k++) {
      const length = 1 + Math.floor(random() * 4);
      const from = chainEnd[k % 2];
      chainEnd[k % 2] = from + length;
      rows.push({ id: nextId(), from, to: from + length });
    }
    const phaseEnd = Math.max(...chainEnd);
    task({
      id: phaseId,
      parentId: null,
      wbs: `${p + 1}`,
      name: PHASES[p],
      from: phaseStart,
      to: phaseEnd,
      milestone: false,
      summary: true,
    });
    rows.forEach((row, k) => {
      task({
        ...row,
        parentId: phaseId,
        wbs: `${p + 1}.${k + 1}`,
        name: `${PHASES[p]} work ${k + 1}`,
        milestone: false,
        summary: false,
      });
      if (k >= 2) links.push([orgId, nextId(), rows[k - 2].id, row.id]);
      else if (previousMilestone) links.push([orgId, nextId(), previousMilestone, row.id]);
      if (random() < 0.12) {
        const resourceId = shape.resourceIds[Math.floor(random() * shape.resourceIds.length)];
        const work = (row.to - row.from) * 480;
        const doneWork = workday(shape.start, row.to) <= shape.today ? work : 0;
        assignments.push([
          orgId,
          nextId(),
          row.id,
          projectId,
          resourceId,
          1,
          work,
          doneWork,
          cents((work / 60) * 85),
        ]);
      }
    });
    if (!firstTaskId) firstTaskId = rows[0].id;
    lastTaskId = rows[rows.length - 1].id;
    const milestoneId = nextId();
    task({
      id: milestoneId,
      parentId: phaseId,
      wbs: `${p + 1}.${perPhase + 1}`,
      name: `${PHASES[p]} complete`,
      from: phaseEnd,
      to: phaseEnd,
      milestone: true,
      summary: false,
    });
    links.push([orgId, nextId(), rows[rows.length - 1].id, milestoneId]);
    if (rows.length > 1) links.push([orgId, nextId(), rows[rows.length - 2].id, milestoneId]);
    previousMilestone = milestoneId;
    day = phaseEnd;
  }
  const finish = workday(shape.start, Math.max(0, day - 1));
  return {
    ...money(shape, finish, random, nextId),
    finish,
    tasks,
    links,
    assignments,
    firstTaskId,
    lastTaskId,
  };
}

/** Budget spread evenly over the project's months; actuals and earned value drift by the project's indices. */
function money(shape: ProjectShape, finish: number, random: Random, nextId: () => string) {
  const { orgId, projectId, today } = shape;
  const months: number[] = [];
  for (let m = monthStart(shape.start); m <= finish; m = nextMonth(m)) months.push(m);
  const perMonth = cents(shape.budget / months.length);
  const efficiency = 0.8 + random() * 0.35;
  const pace = 0.8 + random() * 0.3;
  const earliestActual = monthStart(today - 365 * DAY);
  const budgetLines: unknown[][] = [];
  const actualCosts: unknown[][] = [];
  const periods: unknown[][] = [];
  let pv = 0;
  let ev = 0;
  let ac = 0;
  let budget = 0;
  const past = months.filter((m) => nextMonth(m) <= today && m >= earliestActual);
  months.forEach((m, index) => {
    const amount =
      index === months.length - 1 ? cents(shape.budget - perMonth * (months.length - 1)) : perMonth;
    const labour = cents(amount * 0.7);
    budgetLines.push([orgId, nextId(), projectId, 'labour', isoDay(m), labour]);
    budgetLines.push([orgId, nextId(), projectId, 'operating', isoDay(m), cents(amount - labour)]);
    budget += amount;
    const isPast = past.includes(m);
    const monthPv = nextMonth(m) <= today ? amount : 0;
    const monthEv = isPast ? cents(amount * pace) : 0;
    const monthAc = isPast ? cents(monthEv / efficiency) : 0;
    if (isPast)
      actualCosts.push([
        orgId,
        nextId(),
        projectId,
        'labour',
        isoDay(m + 14 * DAY),
        monthAc,
        'Monthly labour',
        'imported',
      ]);
    pv += monthPv;
    ev += monthEv;
    ac += monthAc;
    periods.push([orgId, projectId, isoDay(m), amount, monthAc, 0, monthPv, monthEv]);
  });
  const spi = pv > 0 ? ev / pv : null;
  const cpi = ac > 0 ? ev / ac : null;
  const eac = cents(cpi ? ac + (budget - ev) / cpi : budget);
  const etc = cents(eac - ac);
  // What is left to spend, spread over the months still to come (the current forecast).
  const future = periods.filter((row) => (row[3] as number) > 0 && (row[4] as number) === 0);
  for (const row of periods) row[5] = row[4];
  future.forEach((row) => {
    row[5] = cents(etc / future.length);
  });
  const slip = spi && spi < 1 ? Math.round(((finish - shape.start) / DAY) * (1 / spi - 1)) : 0;
  const round4 = (value: number | null) => (value === null ? null : Math.round(value * 10_000) / 10_000);
  const tcpi = budget - ac !== 0 ? round4((budget - ev) / (budget - ac)) : null;
  const financials = [
    orgId,
    projectId,
    isoDay(today),
    cents(budget),
    cents(ac),
    etc,
    cents(budget),
    cents(pv),
    cents(ev),
    cents(ac),
    eac,
    etc,
    cents(budget - eac),
    round4(spi),
    round4(cpi),
    tcpi && Math.abs(tcpi) < 100_000 ? tcpi : null,
    round4(spi),
    isoDay(finish + slip * DAY),
  ];
  const stage = shape.start > today ? 'planning' : finish < today ? 'closing' : 'execution';
  return { budgetLines, actualCosts, periods, financials, spi, cpi, stage };
}
