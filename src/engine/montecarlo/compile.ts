import { CalendarRegistry } from '../calendar/compile.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import { ScheduleInputError } from '../schedule/errors.ts';
import {
  buildNetwork,
  C_ALAP,
  C_ASAP,
  C_FNET,
  C_FNLT,
  C_SNET,
  C_SNLT,
  KIND_LEAF,
  type Network,
} from '../schedule/network.ts';
import type { ScheduleInput, TaskId } from '../schedule/types.ts';
import { DIST_CODES, DIST_PERT, PertTables } from './distributions.ts';
import { SimulationInputError } from './errors.ts';
import { encodeTime } from './time-code.ts';
import type { DefaultSpread, SimulationOptions } from './types.ts';

/**
 * A network compiled once for many iterations: the schedule network's flat arrays plus, per
 * task, its dates as time codes (see time-code.ts) and whether the tight loop can handle it;
 * per edge, whether it needs a detour through real dates (another calendar, elapsed lag); and
 * the sampling plan (which tasks vary, how, and the risk events).
 */
export interface CompiledSimulation {
  readonly net: Network;
  readonly calendars: WorkingCalendar[];
  readonly projectIds: (string | number)[];
  readonly projectCalendar: Int32Array;
  readonly projectStart: Float64Array;
  readonly honor: Uint8Array;
  /** Per task: project start coded on the task's calendar, constraint date coded. */
  readonly startCode: Float64Array;
  readonly constraintCode: Float64Array;
  /** 1 when the leaf needs the exact date-space step (fixed dates, elapsed time, delays, must-on constraints). */
  readonly slowTask: Uint8Array;
  readonly milestoneFlag: Uint8Array;
  readonly baseDuration: Float64Array;
  /** 1 when the edge crosses calendars or has elapsed lag. */
  readonly slowEdge: Uint8Array;
  /** Percent lags: edge, predecessor task, percent. */
  readonly percentEdges: Int32Array;
  readonly percentTask: Int32Array;
  readonly percentValue: Float64Array;
  /** Finish slots: one per (project, calendar) pair that has leaves. */
  readonly leafSlot: Int32Array;
  readonly slotProject: Int32Array;
  readonly slotCalendar: Int32Array;
  readonly sampled: SampledTasks;
  readonly risks: CompiledRisks;
  readonly pertTables: Float64Array;
  readonly groupCount: number;
  readonly groupLoading: Float64Array;
}

export interface SampledTasks {
  readonly count: number;
  readonly task: Int32Array;
  readonly kind: Uint8Array;
  readonly low: Float64Array;
  readonly mode: Float64Array;
  readonly high: Float64Array;
  /** Minutes already worked on an in-progress task, added to the sampled remainder. */
  readonly done: Float64Array;
  readonly table: Int32Array;
  /** Correlation group, or -1. */
  readonly group: Int32Array;
}

export interface CompiledRisks {
  readonly count: number;
  readonly probability: Float64Array;
  /** CSR: the impacts of risk r are offsets[r] .. offsets[r + 1]. */
  readonly offsets: Int32Array;
  readonly task: Int32Array;
  readonly low: Float64Array;
  readonly mode: Float64Array;
  readonly high: Float64Array;
}

const fail = (where: string, field: string, detail: string): never => {
  throw new SimulationInputError(where, field, detail);
};

function checkMinutes(value: unknown, where: string, field: string, allowNegative = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    fail(where, field, `must be a finite number of minutes, got ${String(value)}`);
  if (!allowNegative && (value as number) < 0) fail(where, field, `must not be negative, got ${value}`);
  return value as number;
}

function checkThreePoint(
  where: string,
  o: unknown,
  m: unknown,
  p: unknown,
  allowNegative = false,
): { o: number; m: number; p: number } {
  const a = checkMinutes(o, where, 'optimistic', allowNegative);
  const b = checkMinutes(m, where, 'mostLikely', allowNegative);
  const c = checkMinutes(p, where, 'pessimistic', allowNegative);
  if (a > b) fail(where, 'optimistic', `(${a}) must not exceed mostLikely (${b})`);
  if (b > c) fail(where, 'mostLikely', `(${b}) must not exceed pessimistic (${c})`);
  return { o: a, m: b, p: c };
}

/** Validates the options and compiles the network; throws SimulationInputError or the scheduler's errors. */
export function compileSimulation(input: ScheduleInput, options: SimulationOptions): CompiledSimulation {
  if (!Number.isInteger(options.iterations) || options.iterations < 1 || options.iterations > 1_000_000)
    fail('options', 'iterations', `must be a whole number from 1 to 1,000,000, got ${options.iterations}`);
  if (!Number.isFinite(options.seed)) fail('options', 'seed', 'must be a number');
  if (!options.estimates?.length && !options.defaultSpread)
    fail(
      'options',
      'estimates',
      'are missing: give task estimates or a defaultSpread (a simulation without estimates)',
    );
  if (options.targetDate !== null && options.targetDate !== undefined && !Number.isFinite(options.targetDate))
    fail('options', 'targetDate', 'must be a date in minutes');
  if (!input || !Array.isArray(input.projects) || input.projects.length === 0)
    throw new ScheduleInputError('input', 'projects', 'must list at least one project');
  if (input.projects.some((p) => p.scheduleFromFinish))
    fail('projects', 'scheduleFromFinish', 'is not simulated: schedule the projects from their start');

  const registry = new CalendarRegistry(input.calendars ?? []);
  const projectIds = input.projects.map((p, k) => p.id ?? k);
  const projectIndex = new Map<string | number, number>();
  projectIds.forEach((id, k) => {
    if (projectIndex.has(id)) throw new ScheduleInputError(`projects[${k}]`, 'id', 'is used twice');
    projectIndex.set(id, k);
  });
  const net = buildNetwork(input, registry, projectIndex);
  const pc = input.projects.length;
  const calendars = net.calendars;
  const slotOf = (id: string | number) => calendars.findIndex((c) => String(c.id) === String(id));
  const projectCalendar = Int32Array.from(input.projects, (p) => slotOf(p.calendarId));
  const projectStart = new Float64Array(pc);
  const honor = new Uint8Array(pc);
  input.projects.forEach((p, k) => {
    if (typeof p.start !== 'number' || !Number.isFinite(p.start))
      throw new ScheduleInputError(`projects[${k}]`, 'start', 'must be a date in minutes');
    projectStart[k] = Math.round(p.start);
    honor[k] = p.honorConstraints === false ? 0 : 1;
  });

  const n = net.taskCount;
  const startCode = new Float64Array(n);
  const constraintCode = new Float64Array(n).fill(Number.NaN);
  const slowTask = new Uint8Array(n);
  const milestoneFlag = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const cal = calendars[net.calendar[i]];
    startCode[i] = encodeTime(cal, projectStart[net.project[i]]);
    const c = net.constraint[i];
    if (!Number.isNaN(net.constraintDate[i])) constraintCode[i] = encodeTime(cal, net.constraintDate[i]);
    milestoneFlag[i] = input.tasks[i].milestone ? 1 : 0;
    const simple =
      (c === C_ASAP || c === C_ALAP || c === C_SNET || c === C_FNET || c === C_SNLT || c === C_FNLT) &&
      !net.elapsed[i] &&
      !(net.levelingDelay[i] > 0) &&
      Number.isNaN(net.actualStart[i]) &&
      Number.isNaN(net.actualFinish[i]) &&
      Number.isNaN(net.manualStart[i]) &&
      Number.isNaN(net.manualFinish[i]);
    slowTask[i] = simple ? 0 : 1;
  }

  const m = net.edgeFrom.length;
  const slowEdge = new Uint8Array(m);
  const percent: number[] = [];
  for (let e = 0; e < m; e++) {
    const fromCal = net.calendar[net.nodeTask[net.edgeFrom[e]]];
    const toCal = net.calendar[net.nodeTask[net.edgeTo[e]]];
    const lagCal = net.edgeLagCalendar[e];
    const crosses = fromCal !== toCal;
    const lagElsewhere = (net.edgeLag[e] !== 0 || e < input.links.length) && lagCal !== toCal;
    slowEdge[e] = crosses || net.edgeLagElapsed[e] || lagElsewhere ? 1 : 0;
    if (e < input.links.length) {
      const pct = input.links[e].lagPercent;
      if (pct !== null && pct !== undefined) percent.push(e);
    }
  }
  const percentEdges = Int32Array.from(percent);
  const percentTask = Int32Array.from(percent, (e) => net.nodeTask[net.edgeFrom[e]]);
  // the scheduler rounds the percent to thousandths before using it
  const percentValue = Float64Array.from(
    percent,
    (e) => Math.round((input.links[e].lagPercent as number) * 1000) / 1000,
  );

  // Finish slots: leaf finishes are compared on their own calendar's codes, one max per slot.
  const slotKey = new Map<number, number>();
  const slotProject: number[] = [];
  const slotCalendar: number[] = [];
  const leafSlot = new Int32Array(net.nodeCount).fill(-1);
  for (let v = 0; v < net.nodeCount; v++) {
    if (net.nodeKind[v] !== KIND_LEAF) continue;
    const i = net.nodeTask[v];
    const key = net.project[i] * 65_536 + net.calendar[i];
    let slot = slotKey.get(key);
    if (slot === undefined) {
      slot = slotProject.length;
      slotKey.set(key, slot);
      slotProject.push(net.project[i]);
      slotCalendar.push(net.calendar[i]);
    }
    leafSlot[v] = slot;
  }

  const baseDuration = Float64Array.from(net.duration);
  const pert = new PertTables();
  const { sampled, groupCount, groupLoading } = compileSampling(input, options, net, baseDuration, pert);
  const risks = compileRisks(options, net);
  return {
    net,
    calendars,
    projectIds,
    projectCalendar,
    projectStart,
    honor,
    startCode,
    constraintCode,
    slowTask,
    milestoneFlag,
    baseDuration,
    slowEdge,
    percentEdges,
    percentTask,
    percentValue,
    leafSlot,
    slotProject: Int32Array.from(slotProject),
    slotCalendar: Int32Array.from(slotCalendar),
    sampled,
    risks,
    pertTables: pert.flat(),
    groupCount,
    groupLoading,
  };
}

function taskIndexOf(net: Network, id: TaskId, where: string): number {
  const i = net.taskIndex.get(id);
  if (i === undefined) fail(where, 'taskId', `names unknown task ${JSON.stringify(id)}`);
  if (net.isSummary[i as number])
    fail(where, 'taskId', `names summary task ${JSON.stringify(id)}: estimate its subtasks instead`);
  return i as number;
}

/** Minutes left on an in-progress task; the scheduler counts its whole duration from the actual start. */
function remainingOf(input: ScheduleInput, net: Network, i: number): number {
  const t = input.tasks[i];
  const d = net.duration[i];
  if (typeof t.remainingDuration === 'number' && Number.isFinite(t.remainingDuration))
    return Math.min(d, Math.max(0, Math.round(t.remainingDuration)));
  if (typeof t.percentComplete === 'number' && Number.isFinite(t.percentComplete))
    return Math.min(d, Math.max(0, Math.round((d * (100 - t.percentComplete)) / 100)));
  return d;
}

function compileSampling(
  input: ScheduleInput,
  options: SimulationOptions,
  net: Network,
  baseDuration: Float64Array,
  pert: PertTables,
): { sampled: SampledTasks; groupCount: number; groupLoading: Float64Array } {
  const n = net.taskCount;
  const kind = new Int8Array(n).fill(-1);
  const low = new Float64Array(n);
  const mode = new Float64Array(n);
  const high = new Float64Array(n);
  const explicit = new Uint8Array(n);
  (options.estimates ?? []).forEach((est, k) => {
    const where = `estimates[${k}]`;
    if (!est || typeof est !== 'object') fail(where, 'estimate', 'is not an object');
    const i = taskIndexOf(net, est.taskId, where);
    if (explicit[i]) fail(where, 'taskId', `estimates task ${JSON.stringify(est.taskId)} twice`);
    const code = DIST_CODES[est.distribution];
    if (code === undefined)
      fail(
        where,
        'distribution',
        `must be triangular, pert or uniform, got ${JSON.stringify(est.distribution)}`,
      );
    const { o, m, p } = checkThreePoint(where, est.optimistic, est.mostLikely, est.pessimistic);
    explicit[i] = 1;
    kind[i] = code;
    low[i] = o;
    mode[i] = m;
    high[i] = p;
  });
  const spread = options.defaultSpread;
  if (spread) applyDefaultSpread(spread, input, net, explicit, kind, low, mode, high);

  const groupOf = new Int32Array(n).fill(-1);
  const loading: number[] = [];
  (options.correlations ?? []).forEach((g, k) => {
    const where = `correlations[${k}]`;
    if (typeof g.coefficient !== 'number' || !(g.coefficient >= 0 && g.coefficient <= 1))
      fail(where, 'coefficient', `must be between 0 and 1, got ${String(g.coefficient)}`);
    if (!Array.isArray(g.taskIds)) fail(where, 'taskIds', 'must be a list of task ids');
    for (const id of g.taskIds) {
      const i = taskIndexOf(net, id, where);
      if (groupOf[i] >= 0)
        fail(where, 'taskIds', `puts task ${JSON.stringify(id)} in a second correlation group`);
      groupOf[i] = k;
    }
    loading.push(g.coefficient);
  });

  const list: number[] = [];
  const done = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (kind[i] < 0 || net.isSummary[i] || !Number.isNaN(net.actualFinish[i])) continue;
    if (!Number.isNaN(net.manualFinish[i])) continue; // its finish is typed in, the duration moves nothing
    const d = net.duration[i];
    if (!Number.isNaN(net.actualStart[i]) && d > 0) {
      // in progress: the estimate is for the whole task, only the remaining share is uncertain
      const rem = remainingOf(input, net, i);
      const f = rem / d;
      done[i] = d - rem;
      low[i] *= f;
      mode[i] *= f;
      high[i] *= f;
    }
    if (high[i] === low[i]) {
      baseDuration[i] = done[i] + Math.round(mode[i]);
      continue;
    }
    list.push(i);
  }
  // in network order, so a sampler writes durations where the forward pass will read them in turn
  list.sort((x, y) => net.rank[net.taskNode[x]] - net.rank[net.taskNode[y]]);
  const count = list.length;
  const task = Int32Array.from(list);
  const sampled: SampledTasks = {
    count,
    task,
    kind: Uint8Array.from(list, (i) => kind[i]),
    low: Float64Array.from(list, (i) => low[i]),
    mode: Float64Array.from(list, (i) => mode[i]),
    high: Float64Array.from(list, (i) => high[i]),
    done: Float64Array.from(list, (i) => done[i]),
    table: Int32Array.from(list, (i) =>
      kind[i] === DIST_PERT ? pert.tableFor(low[i], mode[i], high[i]) : -1,
    ),
    group: Int32Array.from(list, (i) => groupOf[i]),
  };
  return { sampled, groupCount: loading.length, groupLoading: Float64Array.from(loading) };
}

function applyDefaultSpread(
  spread: DefaultSpread,
  input: ScheduleInput,
  net: Network,
  explicit: Uint8Array,
  kind: Int8Array,
  low: Float64Array,
  mode: Float64Array,
  high: Float64Array,
): void {
  const code = DIST_CODES[spread.distribution];
  if (code === undefined)
    fail(
      'defaultSpread',
      'distribution',
      `must be triangular, pert or uniform, got ${JSON.stringify(spread.distribution)}`,
    );
  const o = spread.optimisticPercent;
  const p = spread.pessimisticPercent;
  if (typeof o !== 'number' || !(o >= -100 && o <= 0))
    fail('defaultSpread', 'optimisticPercent', `must be between -100 and 0, got ${String(o)}`);
  if (typeof p !== 'number' || !(p >= 0 && p <= 1000))
    fail('defaultSpread', 'pessimisticPercent', `must be between 0 and 1000, got ${String(p)}`);
  for (let i = 0; i < net.taskCount; i++) {
    if (explicit[i] || net.isSummary[i] || input.tasks[i].milestone) continue;
    const d = net.duration[i];
    if (d <= 0) continue;
    kind[i] = code;
    low[i] = (d * (100 + o)) / 100;
    mode[i] = d;
    high[i] = (d * (100 + p)) / 100;
  }
}

function compileRisks(options: SimulationOptions, net: Network): CompiledRisks {
  const risks = options.risks ?? [];
  const offsets = new Int32Array(risks.length + 1);
  const task: number[] = [];
  const low: number[] = [];
  const mode: number[] = [];
  const high: number[] = [];
  const probability = new Float64Array(risks.length);
  risks.forEach((r, k) => {
    const where = `risks[${k}]${r && r.id !== undefined ? ` (${JSON.stringify(r.id)})` : ''}`;
    if (typeof r?.probability !== 'number' || !(r.probability >= 0 && r.probability <= 1))
      fail(where, 'probability', `must be between 0 and 1, got ${String(r?.probability)}`);
    if (!Array.isArray(r.impacts)) fail(where, 'impacts', 'must be a list');
    probability[k] = r.probability;
    r.impacts.forEach((imp, j) => {
      const w = `${where}.impacts[${j}]`;
      const i = taskIndexOf(net, imp.taskId, w);
      // an opportunity takes time off: negative minutes
      const { o, m, p } = checkThreePoint(w, imp.optimistic, imp.mostLikely, imp.pessimistic, true);
      // work already finished cannot be hit any more
      if (!Number.isNaN(net.actualFinish[i]) || !Number.isNaN(net.manualFinish[i])) return;
      task.push(i);
      low.push(o);
      mode.push(m);
      high.push(p);
    });
    offsets[k + 1] = task.length;
  });
  return {
    count: risks.length,
    probability,
    offsets,
    task: Int32Array.from(task),
    low: Float64Array.from(low),
    mode: Float64Array.from(mode),
    high: Float64Array.from(high),
  };
}
