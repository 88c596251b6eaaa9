import type { CalendarRegistry } from '../calendar/compile.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import { Arena, f64, i32, u8 } from './arena.ts';
import { ScheduleCycleError, ScheduleInputError } from './errors.ts';
import { TaskIndex } from './task-index.ts';
import { topologicalOrder } from './topological-order.ts';
import type { ConstraintType, LinkType, ScheduleInput, TaskId } from './types.ts';

export const KIND_LEAF = 0;
export const KIND_SUMMARY_START = 1;
export const KIND_SUMMARY_FINISH = 2;

export const LINK_FS = 0;
export const LINK_SS = 1;
export const LINK_FF = 2;
export const LINK_SF = 3;
const LINK_CODES: Record<LinkType, number> = { FS: LINK_FS, SS: LINK_SS, FF: LINK_FF, SF: LINK_SF };

export const C_ASAP = 0;
export const C_ALAP = 1;
export const C_SNET = 2;
export const C_SNLT = 3;
export const C_FNET = 4;
export const C_FNLT = 5;
export const C_MSO = 6;
export const C_MFO = 7;
const CONSTRAINT_CODES: Record<ConstraintType, number> = {
  ASAP: C_ASAP,
  ALAP: C_ALAP,
  SNET: C_SNET,
  SNLT: C_SNLT,
  FNET: C_FNET,
  FNLT: C_FNLT,
  MSO: C_MSO,
  MFO: C_MFO,
};

/**
 * The schedule network in flat arrays. Every leaf task is one node; a summary task is two
 * nodes, a start node that its children follow (SS 0) and a finish node that follows its
 * children (FF 0), so links to and from summaries are ordinary edges and the passes stay
 * plain loops. Edges are held once and indexed twice (CSR by successor and by predecessor).
 */
export interface Network {
  readonly taskCount: number;
  readonly nodeCount: number;
  readonly taskIds: TaskId[];
  /** Task names, read from the input only when an error needs one. */
  readonly taskName: (i: number) => string;
  readonly taskIndex: TaskIndex;
  /** First node of each task (the leaf node, or the summary's start node). */
  readonly taskNode: Int32Array;
  /** Finish node of a summary task; the leaf node for a leaf. */
  readonly taskFinishNode: Int32Array;
  readonly parent: Int32Array;
  readonly isSummary: Uint8Array;
  readonly nodeTask: Int32Array;
  readonly nodeKind: Uint8Array;
  readonly duration: Float64Array;
  readonly elapsed: Uint8Array;
  readonly milestone: Uint8Array;
  readonly calendar: Int32Array;
  readonly project: Int32Array;
  readonly constraint: Uint8Array;
  constraintDate: Float64Array;
  deadline: Float64Array;
  actualStart: Float64Array;
  actualFinish: Float64Array;
  levelingDelay: Float64Array;
  manualStart: Float64Array;
  manualFinish: Float64Array;
  readonly estimated: Uint8Array;
  readonly calendars: WorkingCalendar[];
  readonly edgeFrom: Int32Array;
  readonly edgeTo: Int32Array;
  readonly edgeType: Uint8Array;
  readonly edgeLag: Int32Array;
  readonly edgeLagElapsed: Uint8Array;
  readonly edgeLagCalendar: Int32Array;
  /** 1 for the summary-to-child edges the network adds itself. */
  readonly edgeHierarchy: Uint8Array;
  readonly inOffsets: Int32Array;
  readonly inEdges: Int32Array;
  readonly outOffsets: Int32Array;
  readonly outEdges: Int32Array;
  /** Nodes in topological order, and each node's rank in it. */
  readonly order: Int32Array;
  readonly rank: Int32Array;
}

/** Where an error happened; a function so the message is built only when there is an error. */
type Where = string | (() => string);
const whereText = (w: Where): string => (typeof w === 'function' ? w() : w);

function checkTime(value: unknown, where: Where, field: string, allowNegative = true): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ScheduleInputError(
      whereText(where),
      field,
      `must be a finite number of minutes, got ${String(value)}`,
    );
  }
  if (!allowNegative && value < 0)
    throw new ScheduleInputError(whereText(where), field, `must not be negative, got ${value}`);
  return Math.round(value);
}

function optionalTime(value: number | null | undefined, where: Where, field: string): number {
  return value === null || value === undefined ? Number.NaN : checkTime(value, where, field);
}

/**
 * Validates the input and builds the network. Throws {@link ScheduleInputError} for unknown
 * ids and bad values and {@link ScheduleCycleError} naming the tasks of one cycle.
 *
 * @example buildNetwork(input, registry, projectIndexById).order // nodes in topological order
 */
export function buildNetwork(
  input: ScheduleInput,
  registry: CalendarRegistry,
  projectIndex: Map<string | number, number>,
): Network {
  const tasks = input.tasks;
  const n = tasks.length;
  const taskIds: TaskId[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const t = tasks[i];
    if (t === null || typeof t !== 'object')
      throw new ScheduleInputError(`tasks[${i}]`, 'task', 'is not an object');
    if (typeof t.id !== 'string' && typeof t.id !== 'number') {
      throw new ScheduleInputError(`tasks[${i}]`, 'id', 'must be a string or a number');
    }
    taskIds[i] = t.id;
  }
  const taskIndex = new TaskIndex(taskIds);
  const taskName = (i: number): string => tasks[i].name ?? '';
  const where = (i: number) => `task ${JSON.stringify(taskIds[i])}${taskName(i) ? ` (${taskName(i)})` : ''}`;
  // one reusable "where" for the task loop: no closure per task (a million of them feed the GC)
  let whereIndex = 0;
  const whereCurrent = () => where(whereIndex);
  const whereTask = (i: number): Where => {
    whereIndex = i;
    return whereCurrent;
  };

  // Hierarchy
  const parent = i32(n).fill(-1);
  const isSummary = u8(n);
  for (let i = 0; i < n; i++) {
    const p = tasks[i].parentId;
    if (p === null || p === undefined) continue;
    const pi = taskIndex.get(p);
    if (pi === undefined)
      throw new ScheduleInputError(where(i), 'parentId', `names unknown task ${JSON.stringify(p)}`);
    parent[i] = pi;
    isSummary[pi] = 1;
  }
  for (let i = 0; i < n; i++) {
    // walk up with a step bound: a parent chain longer than n is a loop
    let p = parent[i];
    let steps = 0;
    while (p >= 0) {
      if (++steps > n || p === i)
        throw new ScheduleInputError(where(i), 'parentId', 'makes the outline circular');
      p = parent[p];
    }
  }
  let summaries = 0;
  for (let i = 0; i < n; i++) summaries += isSummary[i];

  const nodeCount = n + summaries;
  const taskNode = i32(n);
  const taskFinishNode = i32(n);
  const nodeTask = i32(nodeCount);
  const nodeKind = u8(nodeCount);
  let extra = n;
  for (let i = 0; i < n; i++) {
    taskNode[i] = i;
    nodeTask[i] = i;
    if (isSummary[i]) {
      nodeKind[i] = KIND_SUMMARY_START;
      taskFinishNode[i] = extra;
      nodeTask[extra] = i;
      nodeKind[extra] = KIND_SUMMARY_FINISH;
      extra++;
    } else taskFinishNode[i] = i;
  }

  // Per-task attributes (indexed by task; nodes look them up through nodeTask)
  // all per-task attributes in one buffer (see Arena)
  const attrs = new Arena(n, 2 * n, 4 * n + 64);
  const duration = attrs.f64(n);
  // Optional dates most tasks lack share one read-only filler until a task sets one.
  const noDate = sharedFiller(n, Number.NaN);
  const noDelay = sharedFiller(n, 0);
  const opt = {
    constraintDate: noDate,
    deadline: noDate,
    actualStart: noDate,
    actualFinish: noDate,
    levelingDelay: noDelay,
    manualStart: noDate,
    manualFinish: noDate,
  };
  const put = (key: keyof typeof opt, i: number, value: number): void => {
    if (opt[key] === noDate || opt[key] === noDelay) {
      const own = f64(n);
      own.set(opt[key]);
      opt[key] = own;
    }
    opt[key][i] = value;
  };
  const calendar = attrs.i32(n);
  const project = attrs.i32(n);
  const elapsed = attrs.u8(n);
  const milestone = attrs.u8(n);
  const constraint = attrs.u8(n);
  const estimated = attrs.u8(n);
  const calendars: WorkingCalendar[] = [];
  const calendarSlot = new Map<string, number>();
  const calendarOf = (id: string | number, w: Where): number => {
    const key = String(id);
    let slot = calendarSlot.get(key);
    if (slot === undefined) {
      if (!registry.has(id))
        throw new ScheduleInputError(
          whereText(w),
          'calendarId',
          `names unknown calendar ${JSON.stringify(id)}`,
        );
      slot = calendars.length;
      calendars.push(registry.get(id));
      calendarSlot.set(key, slot);
    }
    return slot;
  };
  const projectCalendar = input.projects.map((p, k) => calendarOf(p.calendarId, `projects[${k}]`));
  for (let i = 0; i < n; i++) {
    const t = tasks[i];
    const w = whereTask(i);
    let pj = 0;
    if (t.projectId !== null && t.projectId !== undefined) {
      const found = projectIndex.get(t.projectId);
      if (found === undefined)
        throw new ScheduleInputError(
          whereText(w),
          'projectId',
          `names unknown project ${JSON.stringify(t.projectId)}`,
        );
      pj = found;
    }
    project[i] = pj;
    duration[i] = checkTime(t.duration ?? 0, w, 'duration', false);
    elapsed[i] = t.durationIsElapsed ? 1 : 0;
    milestone[i] = t.milestone || duration[i] === 0 ? 1 : 0;
    calendar[i] =
      t.calendarId === null || t.calendarId === undefined ? projectCalendar[pj] : calendarOf(t.calendarId, w);
    const ct = t.constraintType ?? 'ASAP';
    const code = CONSTRAINT_CODES[ct];
    if (code === undefined)
      throw new ScheduleInputError(whereText(w), 'constraintType', `is unknown: ${JSON.stringify(ct)}`);
    constraint[i] = code;
    const cdate = optionalTime(t.constraintDate, w, 'constraintDate');
    if (!Number.isNaN(cdate)) put('constraintDate', i, cdate);
    if (code >= C_SNET && Number.isNaN(cdate)) {
      throw new ScheduleInputError(whereText(w), 'constraintDate', `is required by constraint ${ct}`);
    }
    const dl = optionalTime(t.deadline, w, 'deadline');
    if (!Number.isNaN(dl)) put('deadline', i, dl);
    const as = optionalTime(t.actualStart, w, 'actualStart');
    if (!Number.isNaN(as)) put('actualStart', i, as);
    const af = optionalTime(t.actualFinish, w, 'actualFinish');
    if (!Number.isNaN(af)) {
      if (Number.isNaN(as))
        throw new ScheduleInputError(whereText(w), 'actualFinish', 'is set without an actualStart');
      if (af < as) throw new ScheduleInputError(whereText(w), 'actualFinish', 'is before actualStart');
      put('actualFinish', i, af);
    }
    if (t.levelingDelay) put('levelingDelay', i, checkTime(t.levelingDelay, w, 'levelingDelay', false));
    if (t.manual) {
      const ms = optionalTime(t.manualStart, w, 'manualStart');
      if (!Number.isNaN(ms)) put('manualStart', i, ms);
      const mf = optionalTime(t.manualFinish, w, 'manualFinish');
      if (!Number.isNaN(mf)) put('manualFinish', i, mf);
    }
    estimated[i] = t.estimated ? 1 : 0;
  }

  // Edges: links first (in input order), then hierarchy edges.
  const links = input.links;
  const m = links.length + 2 * (n - countRoots(parent));
  const edgeArena = new Arena(0, 6 * m, 3 * m + 64);
  const edgeFrom = edgeArena.i32(m);
  const edgeTo = edgeArena.i32(m);
  const edgeLag = edgeArena.i32(m);
  const edgeLagCalendar = edgeArena.i32(m);
  const inEdges = edgeArena.i32(m);
  const outEdges = edgeArena.i32(m);
  const edgeType = edgeArena.u8(m);
  const edgeLagElapsed = edgeArena.u8(m);
  const edgeHierarchy = edgeArena.u8(m);
  const lagMode = input.options?.lagCalendar ?? 'successor';
  let e = 0;
  // one reusable "where" for the link loop, like the task loop's
  let whereLink = 0;
  const w = () => {
    const l = links[whereLink];
    return `link ${whereLink} (${JSON.stringify(l?.predecessorId)} -> ${JSON.stringify(l?.successorId)})`;
  };
  for (let k = 0; k < links.length; k++) {
    const l = links[k];
    whereLink = k;
    const p = taskIndex.get(l.predecessorId);
    if (p === undefined)
      throw new ScheduleInputError(
        whereText(w),
        'predecessorId',
        `names unknown task ${JSON.stringify(l.predecessorId)}`,
      );
    const s = taskIndex.get(l.successorId);
    if (s === undefined)
      throw new ScheduleInputError(
        whereText(w),
        'successorId',
        `names unknown task ${JSON.stringify(l.successorId)}`,
      );
    if (p === s) throw new ScheduleCycleError([taskIds[p]], [taskName(p)]);
    const type = LINK_CODES[l.type ?? 'FS'];
    if (type === undefined)
      throw new ScheduleInputError(whereText(w), 'type', `is unknown: ${JSON.stringify(l.type)}`);
    let lag: number;
    if (l.lagPercent !== null && l.lagPercent !== undefined) {
      const pct = checkTime(l.lagPercent * 1000, w, 'lagPercent') / 1000;
      lag = Math.round((duration[p] * pct) / 100);
    } else lag = l.lag === undefined ? 0 : checkTime(l.lag, w, 'lag');
    // Start-type ends of a summary are its start node, finish-type ends its finish node.
    edgeFrom[e] = type === LINK_SS || type === LINK_SF ? taskNode[p] : taskFinishNode[p];
    edgeTo[e] = isSummary[s] && (type === LINK_FF || type === LINK_SF) ? taskFinishNode[s] : taskNode[s];
    edgeType[e] = type;
    if (Math.abs(lag) > 2_000_000_000)
      throw new ScheduleInputError(whereText(w), 'lag', `is out of range: ${lag} minutes`);
    edgeLag[e] = lag;
    edgeLagElapsed[e] = l.lagElapsed ? 1 : 0;
    edgeLagCalendar[e] =
      lagMode === 'predecessor'
        ? calendar[p]
        : lagMode === 'project'
          ? projectCalendar[project[s]]
          : calendar[s];
    e++;
  }
  for (let i = 0; i < n; i++) {
    const p = parent[i];
    if (p < 0) continue;
    edgeFrom[e] = taskNode[p];
    edgeTo[e] = taskNode[i];
    edgeType[e] = LINK_SS;
    edgeHierarchy[e] = 1;
    e++;
    edgeFrom[e] = taskFinishNode[i];
    edgeTo[e] = taskFinishNode[p];
    edgeType[e] = LINK_FF;
    edgeHierarchy[e] = 1;
    e++;
  }

  // The offsets double as fill cursors (no scratch copy): each node's count becomes its end,
  // and filling from the last edge down leaves it at its start with edges in input order.
  const inOffsets = i32(nodeCount + 1);
  const outOffsets = i32(nodeCount + 1);
  for (let k = 0; k < m; k++) {
    inOffsets[edgeTo[k]]++;
    outOffsets[edgeFrom[k]]++;
  }
  for (let v = 1; v < nodeCount; v++) {
    inOffsets[v] += inOffsets[v - 1];
    outOffsets[v] += outOffsets[v - 1];
  }
  for (let k = m - 1; k >= 0; k--) {
    inEdges[--inOffsets[edgeTo[k]]] = k;
    outEdges[--outOffsets[edgeFrom[k]]] = k;
  }
  inOffsets[nodeCount] = m;
  outOffsets[nodeCount] = m;

  const { order, rank } = topologicalOrder(
    nodeCount,
    inOffsets,
    inEdges,
    edgeFrom,
    outOffsets,
    outEdges,
    edgeTo,
    (cycleNodes) => {
      const ids = cycleNodes.map((v) => taskIds[nodeTask[v]]);
      const names = cycleNodes.map((v) => taskName(nodeTask[v]));
      // a summary's two nodes can both sit on the cycle: name each task once
      const seen = new Set<TaskId>();
      const keep = ids.map((id) => {
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
      });
      throw new ScheduleCycleError(
        ids.filter((_, k) => keep[k]),
        names.filter((_, k) => keep[k]),
      );
    },
    n,
  );
  return {
    taskCount: n,
    nodeCount,
    taskIds,
    taskName,
    taskIndex,
    taskNode,
    taskFinishNode,
    parent,
    isSummary,
    nodeTask,
    nodeKind,
    duration,
    elapsed,
    milestone,
    calendar,
    project,
    constraint,
    ...opt,
    estimated,
    calendars,
    edgeFrom,
    edgeTo,
    edgeType,
    edgeLag,
    edgeLagElapsed,
    edgeLagCalendar,
    edgeHierarchy,
    inOffsets,
    inEdges,
    outOffsets,
    outEdges,
    order,
    rank,
  };
}

/* Weak, so a filler goes with the last network that uses it (a module-level cache of the last
 * fillers kept 18 MB per million tasks alive after the schedule was done). */
const fillers = new WeakSet<Float64Array>();

/**
 * A length-n array of one value, shared by a network's optional attributes and never written:
 * the network copies it before the first write (see `put`, and the Scheduler's copy-on-write on
 * updates).
 */
function sharedFiller(n: number, value: number): Float64Array {
  // fresh memory is zeroed: a zero filler is left unwritten, so its pages never become resident
  const array = f64(n);
  if (value !== 0) array.fill(value);
  fillers.add(array);
  return array;
}

/** True for an array handed out by {@link sharedFiller}: every element is the filler value. */
export function isSharedFiller(array: Float64Array): boolean {
  return fillers.has(array);
}

function countRoots(parent: Int32Array): number {
  let r = 0;
  for (let i = 0; i < parent.length; i++) if (parent[i] < 0) r++;
  return r;
}
