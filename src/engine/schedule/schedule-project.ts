import { CalendarRegistry } from '../calendar/compile.ts';
import { Arena, openSlab, u8 } from './arena.ts';
import { ScheduleInputError } from './errors.ts';
import { buildNetwork, KIND_LEAF, type Network } from './network.ts';
import type { PassState } from './passes.ts';
import * as passes from './passes.ts';
import {
  bottomUpOrder,
  buildOutline,
  computeTaskDates,
  findConflicts,
  type Outline,
  type TaskDates,
  updateTaskDates,
} from './slack.ts';
import type { ScheduleInput, ScheduleResult, ScheduleTask, TaskId } from './types.ts';

// Local copies of hot functions: an imported binding costs a getter call per use under tsx.
const {
  backwardNode,
  backwardPass,
  forwardNode,
  forwardPass,
  levelingDelays,
  projectFinishes,
  projectStartsFromLate,
} = passes;

/** Fields of a task that {@link Scheduler.updateTask} can change without rebuilding the network. */
export type TaskChange = Partial<
  Pick<
    ScheduleTask,
    | 'duration'
    | 'constraintType'
    | 'constraintDate'
    | 'deadline'
    | 'actualStart'
    | 'actualFinish'
    | 'levelingDelay'
  >
>;

/**
 * The bytes the network and the passes take, for up to one summary per four tasks and one
 * optional date (a constraint date, say) set on some task. Not a hard bound: should a plan need
 * more, arrays past the end of the slab are allocated on their own (correct, only with more
 * collections). Pages of the slab that are never written cost address space, not RSS.
 */
function constructionBytes(tasks: number, links: number): number {
  const nodes = tasks + Math.ceil(tasks / 4);
  const edges = links + 2 * tasks;
  return 66 * tasks + 58 * nodes + 27 * edges + 4096;
}

/**
 * The arrays a result hands out: the task dates the scheduler keeps up to date, and the
 * scheduled dates and summary flags filled in when a result is taken. They live in their own
 * buffer, apart from the construction slab, so a result kept after its scheduler is dropped
 * holds these 66 bytes per task and not the whole network.
 */
interface Outputs {
  readonly dates: TaskDates;
  readonly start: Float64Array;
  readonly finish: Float64Array;
  readonly summary: Uint8Array;
}

function allocateOutputs(n: number, from?: TaskDates): Outputs {
  const arena = new Arena(8 * n, 0, 2 * n, true);
  const f64 = (copyOf?: Float64Array) => {
    const a = arena.f64(n);
    if (copyOf) a.set(copyOf);
    return a;
  };
  const dates: TaskDates = {
    es: f64(from?.es),
    ef: f64(from?.ef),
    ls: f64(from?.ls),
    lf: f64(from?.lf),
    totalSlack: f64(from?.totalSlack),
    freeSlack: f64(from?.freeSlack),
    critical: arena.u8(n),
  };
  if (from) dates.critical.set(from.critical);
  return { dates, start: arena.f64(n), finish: arena.f64(n), summary: arena.u8(n) };
}

/**
 * Critical leaf tasks by early start, then by network order. Taken in network order, then
 * stably radix-sorted on early start (11 bits per pass): a comparator sort of half a million
 * tasks costs several times more.
 */
function criticalPathOrder(net: Network, dates: TaskDates): Int32Array {
  const n = net.taskCount;
  let count = 0;
  let minStart = Number.POSITIVE_INFINITY;
  let maxStart = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    if (!dates.critical[i] || net.isSummary[i]) continue;
    count++;
    const es = dates.es[i];
    if (es < minStart) minStart = es;
    if (es > maxStart) maxStart = es;
  }
  let tasks = new Int32Array(count);
  const keys = new Uint32Array(n);
  let integral = true;
  for (let k = 0, c = 0; k < net.order.length; k++) {
    const v = net.order[k];
    if (net.nodeKind[v] !== KIND_LEAF) continue;
    const i = net.nodeTask[v];
    if (!dates.critical[i] || net.isSummary[i]) continue;
    tasks[c++] = i;
    const key = dates.es[i] - minStart;
    if (!Number.isInteger(key) || key > 0xffffffff) integral = false;
    keys[i] = key;
  }
  if (!integral) {
    const byStart = Array.from(tasks).sort((x, y) => dates.es[x] - dates.es[y]); // stable: keeps network order
    return Int32Array.from(byStart);
  }
  let spare = new Int32Array(count);
  const counts = new Int32Array(2049);
  const span = count === 0 ? 0 : maxStart - minStart;
  for (let shift = 0; shift === 0 || span >= 2 ** shift; shift += 11) {
    counts.fill(0);
    for (let k = 0; k < count; k++) counts[((keys[tasks[k]] >>> shift) & 2047) + 1]++;
    for (let d = 0; d < 2048; d++) counts[d + 1] += counts[d];
    for (let k = 0; k < count; k++) spare[counts[(keys[tasks[k]] >>> shift) & 2047]++] = tasks[k];
    [tasks, spare] = [spare, tasks];
  }
  return tasks;
}

const CONSTRAINTS = ['ASAP', 'ALAP', 'SNET', 'SNLT', 'FNET', 'FNLT', 'MSO', 'MFO'];

/**
 * A scheduled network that can be changed one task at a time: the change is propagated only
 * through the tasks it reaches (forward in topological order from the changed task, backward
 * from it when the project finish holds), then slack is recomputed.
 *
 * @example
 * const s = new Scheduler(input);
 * s.updateTask('A', { duration: 960 });
 * s.result().earlyFinish
 */
export class Scheduler {
  private readonly net: Network;
  private readonly st: PassState;
  private readonly bottomUp: Int32Array;
  private readonly criticalLimit: Float64Array;
  private readonly projectIds: (string | number)[];
  private readonly fromFinish: boolean;
  private readonly fixedFinish: Float64Array;
  private outputs: Outputs;
  /**
   * True while a result holds {@link outputs}: the next change writes into a copy, so results
   * never change under their holder and the common "schedule, take the result, drop the
   * scheduler" keeps one set of dates instead of two.
   */
  private handedOut = false;
  private readonly dirty: Uint8Array;
  private readonly markedMilestone: Uint8Array;
  private outline: Outline | null = null;
  private readonly touched: number[] = [];
  private readonly ownArrays = new Set<string>();

  constructor(input: ScheduleInput) {
    if (!input || !Array.isArray(input.tasks) || !Array.isArray(input.links)) {
      throw new ScheduleInputError('input', 'tasks/links', 'must be arrays');
    }
    if (!Array.isArray(input.projects) || input.projects.length === 0) {
      throw new ScheduleInputError('input', 'projects', 'must list at least one project');
    }
    const registry = new CalendarRegistry(input.calendars ?? []);
    const projectIndex = new Map<string | number, number>();
    this.projectIds = input.projects.map((p, k) => p.id ?? k);
    this.projectIds.forEach((id, k) => {
      if (projectIndex.has(id)) throw new ScheduleInputError(`projects[${k}]`, 'id', 'is used twice');
      projectIndex.set(id, k);
    });
    const pc = input.projects.length;
    this.fromFinish = input.projects.some((p) => p.scheduleFromFinish);
    if (this.fromFinish && !input.projects.every((p) => p.scheduleFromFinish)) {
      throw new ScheduleInputError(
        'projects',
        'scheduleFromFinish',
        'must be the same for all projects scheduled together',
      );
    }
    const st: PassState = {
      es: new Float64Array(0),
      ef: new Float64Array(0),
      ls: new Float64Array(0),
      lf: new Float64Array(0),
      projectStart: new Float64Array(pc),
      projectFinish: new Float64Array(pc),
      honor: new Uint8Array(pc),
    };
    this.fixedFinish = new Float64Array(pc);
    input.projects.forEach((p, k) => {
      const date = this.fromFinish ? p.finish : p.start;
      if (typeof date !== 'number' || !Number.isFinite(date)) {
        throw new ScheduleInputError(
          `projects[${k}]`,
          this.fromFinish ? 'finish' : 'start',
          'must be a date in minutes',
        );
      }
      if (this.fromFinish) this.fixedFinish[k] = Math.round(date);
      else st.projectStart[k] = Math.round(date);
      st.honor[k] = p.honorConstraints === false ? 0 : 1;
    });
    // Right beside the slab: V8 starts a full collection once fresh ArrayBuffer memory passes
    // some tens of MB, and two large allocations far apart cost two collections (see arena.ts).
    this.outputs = allocateOutputs(input.tasks.length);
    const closeSlab = openSlab(constructionBytes(input.tasks.length, input.links.length));
    try {
      this.net = buildNetwork(input, registry, projectIndex);
      this.markedMilestone = u8(input.tasks.length);
      for (let i = 0; i < input.tasks.length; i++) if (input.tasks[i].milestone) this.markedMilestone[i] = 1;
      const nc = this.net.nodeCount;
      const arena = new Arena(4 * nc, 0, nc);
      this.st = {
        ...st,
        es: arena.f64(nc),
        ef: arena.f64(nc),
        ls: arena.f64(nc),
        lf: arena.f64(nc),
      };
      this.criticalLimit = Float64Array.from(input.projects, (p) => p.criticalSlackLimit ?? 0);
      this.bottomUp = bottomUpOrder(this.net);
      this.dirty = arena.u8(nc);
      this.fullPass();
      computeTaskDates(this.net, this.st, this.bottomUp, this.criticalLimit, this.outputs.dates);
    } finally {
      closeSlab();
    }
  }

  private fullPass(): void {
    const { net, st } = this;
    if (this.fromFinish) {
      st.projectFinish.set(this.fixedFinish);
      backwardPass(net, st);
      projectStartsFromLate(net, st, st.projectStart);
      forwardPass(net, st);
    } else {
      forwardPass(net, st);
      projectFinishes(net, st, st.projectFinish);
      backwardPass(net, st);
    }
  }

  /**
   * Changes one task and reschedules what it reaches. Returns the number of nodes recomputed.
   */
  updateTask(id: TaskId, change: TaskChange): number {
    const net = this.net;
    const i = net.taskIndex.get(id);
    if (i === undefined)
      throw new ScheduleInputError(`task ${JSON.stringify(id)}`, 'id', 'is not in the schedule');
    const where = `task ${JSON.stringify(id)}`;
    const num = (v: number | null | undefined, field: string): number => {
      if (v === null || v === undefined) return Number.NaN;
      if (!Number.isFinite(v))
        throw new ScheduleInputError(where, field, 'must be a finite number of minutes');
      return Math.round(v);
    };
    if (change.duration !== undefined) {
      if (!(change.duration >= 0)) throw new ScheduleInputError(where, 'duration', 'must not be negative');
      net.duration[i] = Math.round(change.duration);
      net.milestone[i] = this.markedMilestone[i] || net.duration[i] === 0 ? 1 : 0;
    }
    if (change.constraintType !== undefined) {
      const code = CONSTRAINTS.indexOf(change.constraintType);
      if (code < 0) throw new ScheduleInputError(where, 'constraintType', 'is unknown');
      net.constraint[i] = code;
    }
    if (change.constraintDate !== undefined)
      this.writable('constraintDate')[i] = num(change.constraintDate, 'constraintDate');
    if (net.constraint[i] >= 2 && Number.isNaN(net.constraintDate[i])) {
      throw new ScheduleInputError(where, 'constraintDate', 'is required by its constraint');
    }
    if (change.deadline !== undefined) this.writable('deadline')[i] = num(change.deadline, 'deadline');
    if (change.actualStart !== undefined)
      this.writable('actualStart')[i] = num(change.actualStart, 'actualStart');
    if (change.actualFinish !== undefined) {
      this.writable('actualFinish')[i] = num(change.actualFinish, 'actualFinish');
    }
    if (change.levelingDelay !== undefined)
      this.writable('levelingDelay')[i] = num(change.levelingDelay, 'levelingDelay') || 0;

    if (this.handedOut) {
      this.outputs = allocateOutputs(net.taskCount, this.outputs.dates);
      this.handedOut = false;
    }
    const dates = this.outputs.dates;
    const touched = this.touched;
    touched.length = 0;
    let full = this.fromFinish;
    if (full) this.fullPass();
    else {
      this.propagateForward(i);
      const before = Float64Array.from(this.st.projectFinish);
      projectFinishes(net, this.st, this.st.projectFinish);
      if (this.st.projectFinish.some((f, k) => f !== before[k])) {
        // every late date hangs off the project finish
        backwardPass(net, this.st);
        full = true;
      } else this.propagateBackward(i);
    }
    if (full) {
      computeTaskDates(this.net, this.st, this.bottomUp, this.criticalLimit, dates);
      return net.nodeCount;
    }
    this.outline ??= buildOutline(net, this.bottomUp);
    updateTaskDates(net, this.st, this.outline, this.criticalLimit, dates, touched);
    return touched.length;
  }

  /** The network's own copy of an optional attribute array (it may be a shared filler). */
  private writable(
    field: 'constraintDate' | 'deadline' | 'actualStart' | 'actualFinish' | 'levelingDelay',
  ): Float64Array {
    if (!this.ownArrays.has(field)) {
      this.net[field] = this.net[field].slice();
      this.ownArrays.add(field);
    }
    return this.net[field];
  }

  private propagateForward(task: number): void {
    const { net, st, dirty } = this;
    const start = net.taskNode[task];
    dirty[start] = 1;
    dirty[net.taskFinishNode[task]] = 1;
    const order = net.order;
    for (let k = Math.min(net.rank[start], net.rank[net.taskFinishNode[task]]); k < order.length; k++) {
      const v = order[k];
      if (!dirty[v]) continue;
      dirty[v] = 0;
      this.touched.push(v);
      if (forwardNode(net, st, v)) {
        for (let j = net.outOffsets[v]; j < net.outOffsets[v + 1]; j++)
          dirty[net.edgeTo[net.outEdges[j]]] = 1;
      }
    }
  }

  private propagateBackward(task: number): void {
    const { net, st, dirty } = this;
    const a = net.taskNode[task];
    const b = net.taskFinishNode[task];
    dirty[a] = 1;
    dirty[b] = 1;
    const order = net.order;
    const delays = levelingDelays(net);
    for (let k = Math.max(net.rank[a], net.rank[b]); k >= 0; k--) {
      const v = order[k];
      if (!dirty[v]) continue;
      dirty[v] = 0;
      this.touched.push(v);
      if (backwardNode(net, st, v, delays)) {
        for (let j = net.inOffsets[v]; j < net.inOffsets[v + 1]; j++) dirty[net.edgeFrom[net.inEdges[j]]] = 1;
      }
    }
  }

  /**
   * The current schedule, in arrays that later updates do not change (the next change copies
   * the scheduler's dates first) and that do not keep the network alive. The arrays are to be
   * read, not written: until the next change the scheduler reads the same ones, and the task
   * ids, which never change, are the scheduler's own list. A second result without a change in
   * between gets its own copy of the arrays, unless `share` (for callers that drop the
   * scheduler right away).
   */
  result(share = false): ScheduleResult {
    const { net, st } = this;
    const n = net.taskCount;
    if (this.handedOut && !share) this.outputs = allocateOutputs(n, this.outputs.dates);
    this.handedOut = true;
    const { dates, start, finish, summary } = this.outputs;
    summary.set(net.isSummary);
    for (let i = 0; i < n; i++) {
      const late = net.constraint[i] === 1 || (this.fromFinish && net.constraint[i] === 0);
      const useLate = late && !net.isSummary[i] && Number.isNaN(net.actualStart[i]);
      start[i] = useLate ? dates.ls[i] : dates.es[i];
      finish[i] = useLate ? dates.lf[i] : dates.ef[i];
    }
    const crit = criticalPathOrder(net, dates);
    const projects = this.projectIds.map((id, k) => ({
      id,
      start: st.projectStart[k],
      finish: st.projectFinish[k],
    }));
    let projectStart = Number.POSITIVE_INFINITY;
    let projectFinish = Number.NEGATIVE_INFINITY;
    for (const p of projects) {
      if (p.start < projectStart) projectStart = p.start;
      if (p.finish > projectFinish) projectFinish = p.finish;
    }
    if (n === 0) {
      projectStart = st.projectStart[0] || this.fixedFinish[0];
      projectFinish = this.fromFinish ? this.fixedFinish[0] : st.projectStart[0];
    }
    return {
      taskIds: net.taskIds,
      earlyStart: dates.es,
      earlyFinish: dates.ef,
      lateStart: dates.ls,
      lateFinish: dates.lf,
      start,
      finish,
      totalSlack: dates.totalSlack,
      freeSlack: dates.freeSlack,
      critical: dates.critical,
      summary,
      criticalPath: Array.from(crit, (i) => net.taskIds[i]),
      projects:
        n === 0 ? projects.map((p) => ({ ...p, start: projectStart, finish: projectFinish })) : projects,
      projectStart,
      projectFinish,
      conflicts: findConflicts(net, st, dates),
    };
  }

  /** Number of leaf tasks (for reports). */
  get leafCount(): number {
    let c = 0;
    for (let v = 0; v < this.net.nodeCount; v++) if (this.net.nodeKind[v] === KIND_LEAF) c++;
    return c;
  }
}

/**
 * Schedules one or more projects (links may cross projects): early and late dates, total and
 * free slack, critical flags and path, following MS Project's rules. Pure: the input is not
 * changed and the same input always gives the same result.
 *
 * @example
 * const r = scheduleProject({
 *   calendars: [{ id: 'std', week: standardWeek() }],
 *   projects: [{ calendarId: 'std', start: parseLocalDateTime('2024-01-08T08:00') }],
 *   tasks: [{ id: 'A', duration: 480 }, { id: 'B', duration: 960 }],
 *   links: [{ predecessorId: 'A', successorId: 'B', type: 'FS' }],
 * });
 * formatLocalDateTime(r.projectFinish) // '2024-01-10T17:00:00'
 */
export function scheduleProject(input: ScheduleInput): ScheduleResult {
  return new Scheduler(input).result(true);
}
