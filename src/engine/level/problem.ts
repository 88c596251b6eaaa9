/**
 * The leveling problem: what callers pass in (plain arrays, struct-of-arrays) and the compiled,
 * flat typed-array form every schedule generator works on.
 *
 * Every link, whatever its type, becomes one arc `i → j` with a delta: `S_j ≥ S_i + δ`. That one
 * shape carries FS, SS, FF and SF links with any (also negative) lag, and lets the same serial
 * generator run forwards and, on the reversed arcs, backwards (for justification).
 */

/** Link types, as numbers so a link list fits in a typed array. */
export const LinkType = { FS: 0, SS: 1, FF: 2, SF: 3 } as const;
export type LinkTypeCode = (typeof LinkType)[keyof typeof LinkType];

/** Links as parallel arrays: link k goes from `from[k]` to `to[k]`. */
export interface LevelingLinks {
  readonly from: ArrayLike<number>;
  readonly to: ArrayLike<number>;
  /** `LinkType` codes; finish-to-start when omitted. */
  readonly type?: ArrayLike<number>;
  /** Lag in periods (may be negative); 0 when omitted. */
  readonly lag?: ArrayLike<number>;
}

/** Capacity overrides: resource `resource[k]` has `capacity[k]` units in periods `[from[k], to[k])`. */
export interface CapacityChanges {
  readonly resource: ArrayLike<number>;
  readonly from: ArrayLike<number>;
  readonly to: ArrayLike<number>;
  readonly capacity: ArrayLike<number>;
}

/**
 * A resource-constrained scheduling problem in integer periods.
 *
 * Activities are numbered 0…n-1. Resources are renewable: `capacities[r]` units per period,
 * except where `capacityChanges` says otherwise (vacations, shifts).
 */
export interface LevelingProblem {
  /** Duration of each activity, in periods (integers ≥ 0). */
  readonly durations: ArrayLike<number>;
  readonly links?: LevelingLinks;
  /** Units of each renewable resource available per period. */
  readonly capacities: ArrayLike<number>;
  readonly capacityChanges?: CapacityChanges;
  /** Demand of activity i on resource r at `demands[i * capacities.length + r]`. */
  readonly demands: ArrayLike<number>;
  /** Earliest start of each activity (project release dates, start-no-earlier-than). */
  readonly releaseDates?: ArrayLike<number>;
  /** Project index of each activity (for a program or portfolio); all 0 when omitted. */
  readonly projects?: ArrayLike<number>;
  /** Priority per project index: higher is leveled first (keeps its dates). */
  readonly projectPriorities?: ArrayLike<number>;
  /** Priority per activity, below project priority: higher is leveled first. */
  readonly taskPriorities?: ArrayLike<number>;
  /** Activity names, used in error messages only. */
  readonly names?: readonly string[];
}

/** Bad leveling input: says which field and which element. */
export class LevelingInputError extends Error {
  constructor(
    readonly field: string,
    readonly index: number,
    readonly detail: string,
  ) {
    super(`leveling input: ${field}[${index}]: ${detail}`);
    this.name = 'LevelingInputError';
  }
}

/** The links form a cycle, which no schedule can satisfy; names the activities in it. */
export class LevelingCycleError extends Error {
  constructor(
    readonly activities: readonly number[],
    readonly names: readonly string[],
  ) {
    super(`leveling input: the links form a cycle through ${names.join(' → ')}`);
    this.name = 'LevelingCycleError';
  }
}

/** One direction of the arc graph in compressed sparse rows, deltas alongside. */
export interface ArcDirection {
  readonly predStart: Int32Array;
  readonly predIdx: Int32Array;
  readonly predDelta: Int32Array;
  readonly succStart: Int32Array;
  readonly succIdx: Int32Array;
  readonly succDelta: Int32Array;
}

/** The compiled problem. Index `source` (when ≥ 0) is an added dummy that carries release dates. */
export interface CompiledProblem {
  /** Activities in the caller's problem. */
  readonly n: number;
  /** Activities including the added source. */
  readonly count: number;
  readonly source: number;
  readonly resourceCount: number;
  readonly duration: Int32Array;
  /** Nonzero demands per activity in CSR form: resources and amounts. */
  readonly demStart: Int32Array;
  readonly demRes: Int32Array;
  readonly demAmt: Int32Array;
  readonly forward: ArcDirection;
  readonly reverse: ArcDirection;
  /** Periods every generated schedule fits in. */
  readonly horizon: number;
  /** Capacity per period and resource, `horizon * resourceCount` long. */
  readonly capacity: Int32Array;
  readonly uniformCapacity: boolean;
  /** Periods where some capacity changes, ascending. */
  readonly capacityEvents: Int32Array;
  /** Resource-unconstrained early start and late start (late dates end at each project's early finish). */
  readonly earlyStart: Int32Array;
  readonly lateStart: Int32Array;
  readonly project: Int32Array;
  readonly projectCount: number;
  /** Dense priority class per activity, 0 = highest priority. */
  readonly priorityClass: Int32Array;
  readonly classCount: number;
  /** Position of each activity in one topological order. */
  readonly topoRank: Int32Array;
}

function intAt(field: string, values: ArrayLike<number>, i: number, min: number): number {
  const v = values[i];
  if (!Number.isInteger(v) || v < min) {
    throw new LevelingInputError(field, i, `expected an integer ≥ ${min}, got ${String(v)}`);
  }
  return v;
}

function deltaOf(type: number, lag: number, dFrom: number, dTo: number): number {
  switch (type) {
    case LinkType.FS:
      return dFrom + lag;
    case LinkType.SS:
      return lag;
    case LinkType.FF:
      return dFrom + lag - dTo;
    default:
      return lag - dTo;
  }
}

function buildCsr(count: number, heads: Int32Array, tails: Int32Array, deltas: Int32Array) {
  const start = new Int32Array(count + 1);
  for (let k = 0; k < heads.length; k++) start[heads[k] + 1]++;
  for (let i = 0; i < count; i++) start[i + 1] += start[i];
  const fill = start.slice(0, count);
  const idx = new Int32Array(heads.length);
  const delta = new Int32Array(heads.length);
  for (let k = 0; k < heads.length; k++) {
    const at = fill[heads[k]]++;
    idx[at] = tails[k];
    delta[at] = deltas[k];
  }
  return { start, idx, delta };
}

function topologicalOrder(count: number, fwd: ArcDirection, names: (i: number) => string): Int32Array {
  const indeg = new Int32Array(count);
  for (let k = 0; k < fwd.succIdx.length; k++) indeg[fwd.succIdx[k]]++;
  const order = new Int32Array(count);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < count; i++) if (indeg[i] === 0) order[tail++] = i;
  while (head < tail) {
    const i = order[head++];
    for (let a = fwd.succStart[i]; a < fwd.succStart[i + 1]; a++) {
      if (--indeg[fwd.succIdx[a]] === 0) order[tail++] = fwd.succIdx[a];
    }
  }
  if (tail < count) {
    // Walk predecessors among the leftovers until one repeats: that walk is a cycle.
    let at = 0;
    while (indeg[at] === 0) at++;
    const seen = new Map<number, number>();
    const path: number[] = [];
    while (!seen.has(at)) {
      seen.set(at, path.length);
      path.push(at);
      let next = -1;
      for (let a = fwd.predStart[at]; a < fwd.predStart[at + 1]; a++) {
        if (indeg[fwd.predIdx[a]] > 0) next = fwd.predIdx[a];
      }
      at = next;
    }
    const cycle = path.slice(seen.get(at)).reverse();
    throw new LevelingCycleError(cycle, cycle.map(names));
  }
  return order;
}

/**
 * Validates a problem and compiles it to flat arrays. Throws {@link LevelingInputError} or
 * {@link LevelingCycleError} naming the offending element.
 *
 * @example
 * const p = compileProblem({ durations: [2, 3], capacities: [1], demands: [1, 1],
 *   links: { from: [0], to: [1] } });
 * p.earlyStart; // Int32Array [0, 2]
 */
export function compileProblem(problem: LevelingProblem): CompiledProblem {
  const n = problem.durations.length;
  const R = problem.capacities.length;
  const name = (i: number) => problem.names?.[i] ?? `activity ${i}`;
  if (problem.demands.length !== n * R) {
    throw new LevelingInputError('demands', 0, `expected ${n * R} values (activities × resources)`);
  }
  const release = new Int32Array(n);
  let maxRelease = 0;
  let needsSource = false;
  for (let i = 0; i < n; i++) {
    if (problem.releaseDates) release[i] = intAt('releaseDates', problem.releaseDates, i, 0);
    if (release[i] > 0) needsSource = true;
    if (release[i] > maxRelease) maxRelease = release[i];
  }
  const count = needsSource ? n + 1 : n;
  const source = needsSource ? n : -1;
  const duration = new Int32Array(count);
  let sumDuration = 0;
  for (let i = 0; i < n; i++) {
    duration[i] = intAt('durations', problem.durations, i, 0);
    sumDuration += duration[i];
  }
  const capBase = new Int32Array(R);
  for (let r = 0; r < R; r++) capBase[r] = intAt('capacities', problem.capacities, r, 0);

  const demStart = new Int32Array(count + 1);
  const demResList: number[] = [];
  const demAmtList: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < R; r++) {
      const q = intAt('demands', problem.demands, i * R + r, 0);
      if (q > capBase[r]) {
        throw new LevelingInputError(
          'demands',
          i * R + r,
          `${name(i)} needs ${q} units of resource ${r}, which has only ${capBase[r]}`,
        );
      }
      if (q > 0) {
        demResList.push(r);
        demAmtList.push(q);
      }
    }
    demStart[i + 1] = demResList.length;
  }
  if (needsSource) demStart[count] = demResList.length;

  // Arcs: the caller's links, plus source → activity for release dates.
  const links = problem.links;
  const m = links ? links.from.length : 0;
  if (links && (links.to.length !== m || (links.type && links.type.length !== m))) {
    throw new LevelingInputError('links', 0, 'from, to and type must have the same length');
  }
  const heads: number[] = [];
  const tails: number[] = [];
  const deltas: number[] = [];
  let positiveLags = 0;
  const hasPred = new Uint8Array(n);
  const hasNegativeIn = new Uint8Array(n);
  for (let k = 0; k < m && links; k++) {
    const from = links.from[k];
    const to = links.to[k];
    if (!Number.isInteger(from) || from < 0 || from >= n) {
      throw new LevelingInputError('links.from', k, `no activity ${String(from)}`);
    }
    if (!Number.isInteger(to) || to < 0 || to >= n) {
      throw new LevelingInputError('links.to', k, `no activity ${String(to)}`);
    }
    if (from === to) throw new LevelingInputError('links', k, `${name(from)} is linked to itself`);
    const type = links.type ? links.type[k] : LinkType.FS;
    if (type !== 0 && type !== 1 && type !== 2 && type !== 3) {
      throw new LevelingInputError('links.type', k, `unknown link type ${String(type)}`);
    }
    const lag = links.lag ? links.lag[k] : 0;
    if (!Number.isInteger(lag)) throw new LevelingInputError('links.lag', k, 'expected an integer');
    const delta = deltaOf(type, lag, duration[from], duration[to]);
    heads.push(from);
    tails.push(to);
    deltas.push(delta);
    hasPred[to] = 1;
    if (delta < 0) hasNegativeIn[to] = 1;
    if (lag > 0) positiveLags += lag;
  }
  if (needsSource) {
    for (let i = 0; i < n; i++) {
      if (!hasPred[i] || release[i] > 0 || hasNegativeIn[i]) {
        heads.push(source);
        tails.push(i);
        deltas.push(release[i]);
      }
    }
  }
  const H = Int32Array.from(heads);
  const T = Int32Array.from(tails);
  const D = Int32Array.from(deltas);
  const succ = buildCsr(count, H, T, D);
  const pred = buildCsr(count, T, H, D);
  const forward: ArcDirection = {
    predStart: pred.start,
    predIdx: pred.idx,
    predDelta: pred.delta,
    succStart: succ.start,
    succIdx: succ.idx,
    succDelta: succ.delta,
  };
  // Reversed time: S'_i ≥ S'_j + δ + d_j − d_i for each arc i → j.
  const revPredDelta = new Int32Array(succ.delta.length);
  for (let i = 0; i < count; i++) {
    for (let a = succ.start[i]; a < succ.start[i + 1]; a++) {
      revPredDelta[a] = succ.delta[a] + duration[succ.idx[a]] - duration[i];
    }
  }
  const revSuccDelta = new Int32Array(pred.delta.length);
  for (let j = 0; j < count; j++) {
    for (let a = pred.start[j]; a < pred.start[j + 1]; a++) {
      revSuccDelta[a] = pred.delta[a] + duration[j] - duration[pred.idx[a]];
    }
  }
  const reverse: ArcDirection = {
    predStart: succ.start,
    predIdx: succ.idx,
    predDelta: revPredDelta,
    succStart: pred.start,
    succIdx: pred.idx,
    succDelta: revSuccDelta,
  };
  const order = topologicalOrder(count, forward, name);
  const topoRank = new Int32Array(count);
  for (let k = 0; k < count; k++) topoRank[order[k]] = k;

  // Capacity profile.
  let lastChange = 0;
  const ch = problem.capacityChanges;
  const events = new Set<number>();
  if (ch) {
    for (let k = 0; k < ch.resource.length; k++) {
      const r = ch.resource[k];
      if (!Number.isInteger(r) || r < 0 || r >= R) {
        throw new LevelingInputError('capacityChanges.resource', k, `no resource ${String(r)}`);
      }
      const from = intAt('capacityChanges.from', ch.from, k, 0);
      const to = intAt('capacityChanges.to', ch.to, k, from);
      intAt('capacityChanges.capacity', ch.capacity, k, 0);
      if (to > lastChange) lastChange = to;
      events.add(from);
      events.add(to);
    }
  }
  // No serial or parallel schedule ends later than this bound. With capacity changes a backward
  // pass starts from a forward makespan (itself within the bound), so it may need the bound again.
  const bound = lastChange + maxRelease + sumDuration + positiveLags + 1;
  const horizon = ch && ch.resource.length > 0 ? 2 * bound : bound;
  const capacity = new Int32Array(horizon * R);
  for (let t = 0; t < horizon; t++) capacity.set(capBase, t * R);
  if (ch) {
    for (let k = 0; k < ch.resource.length; k++) {
      const r = ch.resource[k];
      for (let t = ch.from[k]; t < ch.to[k]; t++) capacity[t * R + r] = ch.capacity[k];
    }
  }
  const capacityEvents = Int32Array.from([...events].sort((a, b) => a - b));

  // Projects and priorities.
  const project = new Int32Array(count);
  let projectCount = 1;
  for (let i = 0; i < n; i++) {
    if (problem.projects) project[i] = intAt('projects', problem.projects, i, 0);
    if (project[i] + 1 > projectCount) projectCount = project[i] + 1;
  }
  const effective = new Float64Array(count);
  for (let i = 0; i < n; i++) {
    const pp = problem.projectPriorities ? (problem.projectPriorities[project[i]] ?? 0) : 0;
    const tp = problem.taskPriorities ? problem.taskPriorities[i] : 0;
    if (!Number.isFinite(pp)) throw new LevelingInputError('projectPriorities', project[i], 'not a number');
    if (!Number.isFinite(tp)) throw new LevelingInputError('taskPriorities', i, 'not a number');
    effective[i] = pp * 1e6 + tp;
  }
  if (needsSource) effective[source] = Number.POSITIVE_INFINITY;
  const distinct = [...new Set(effective)].sort((a, b) => b - a);
  const classOf = new Map(distinct.map((v, c) => [v, c]));
  const priorityClass = new Int32Array(count);
  for (let i = 0; i < count; i++) priorityClass[i] = classOf.get(effective[i]) ?? 0;
  const classCount = distinct.length - (needsSource ? 1 : 0);
  if (needsSource) {
    for (let i = 0; i < count; i++) priorityClass[i] = Math.max(0, priorityClass[i] - 1);
  }

  // Resource-unconstrained early and late dates.
  const earlyStart = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    const j = order[k];
    let t = j < n ? release[j] : 0;
    for (let a = pred.start[j]; a < pred.start[j + 1]; a++) {
      const v = earlyStart[pred.idx[a]] + pred.delta[a];
      if (v > t) t = v;
    }
    earlyStart[j] = t;
  }
  const projectEnd = new Int32Array(projectCount);
  for (let i = 0; i < n; i++) {
    const f = earlyStart[i] + duration[i];
    if (f > projectEnd[project[i]]) projectEnd[project[i]] = f;
  }
  const lateStart = new Int32Array(count);
  for (let k = count - 1; k >= 0; k--) {
    const i = order[k];
    let t = i < n ? projectEnd[project[i]] - duration[i] : earlyStart[i];
    for (let a = succ.start[i]; a < succ.start[i + 1]; a++) {
      const v = lateStart[succ.idx[a]] - succ.delta[a];
      if (v < t) t = v;
    }
    lateStart[i] = t;
  }

  return {
    n,
    count,
    source,
    resourceCount: R,
    duration,
    demStart,
    demRes: Int32Array.from(demResList),
    demAmt: Int32Array.from(demAmtList),
    forward,
    reverse,
    horizon,
    capacity,
    uniformCapacity: !ch || ch.resource.length === 0,
    capacityEvents,
    earlyStart,
    lateStart,
    project,
    projectCount,
    priorityClass,
    classCount: Math.max(1, classCount),
    topoRank,
  };
}
