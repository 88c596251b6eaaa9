import type { CompiledProblem } from './problem.ts';

/**
 * Scratch memory reused by every generated schedule, so the inner loops allocate nothing.
 * One workspace per search; never shared between concurrent searches.
 */
export interface Workspace {
  /** Remaining capacity per period and resource. */
  readonly avail: Int32Array;
  /**
   * Upper bound of `avail` per block of {@link BLOCK} periods and resource, at `block * R + r`.
   * A slot search skips a whole block whose bound is below the demand, which matters when
   * activities wait far past their earliest start (long programs, low-priority projects).
   * Bounds are recomputed lazily, only for blocks a search asks about.
   */
  readonly blockMax: Int32Array;
  /** 1 where `avail` changed since `blockMax` was computed: recompute before trusting it. */
  readonly blockStale: Uint8Array;
  /** `blockMax` of the full capacity profile, restored by a forward reset. */
  readonly baseBlockMax: Int32Array;
  /** Periods of `avail` written since the last reset. */
  dirty: number;
  readonly counter: Int32Array;
  readonly heap: Int32Array;
  readonly heapKey: Float64Array;
  readonly key: Float64Array;
  readonly eligible: Int32Array;
  readonly mark: Int32Array;
  stamp: number;
  /** Counting-sort buckets, long enough for any start time and for ranks up to 6 × count. */
  readonly sortCount: Int32Array;
  readonly sortTemp: Int32Array;
  readonly finish: Int32Array;
  /** Activities in topological order of the forward arcs, and of the reversed arcs. */
  readonly topoForward: Int32Array;
  readonly topoReverse: Int32Array;
}

/** log2 of the periods per block of `blockMax`. */
export const BLOCK_SHIFT = 4;
export const BLOCK = 1 << BLOCK_SHIFT;

/** Recomputes `blockMax` of block `b` for resource `r` from `avail`, and marks it current. */
export function refreshBlock(p: CompiledProblem, ws: Workspace, b: number, r: number): void {
  const R = p.resourceCount;
  const avail = ws.avail;
  const end = Math.min((b + 1) << BLOCK_SHIFT, p.horizon);
  let max = 0;
  for (let u = b << BLOCK_SHIFT; u < end; u++) if (avail[u * R + r] > max) max = avail[u * R + r];
  ws.blockMax[b * R + r] = max;
  ws.blockStale[b * R + r] = 0;
}

export function createWorkspace(p: CompiledProblem): Workspace {
  const N = p.count;
  const R = p.resourceCount;
  const avail = new Int32Array(p.capacity.length);
  avail.set(p.capacity);
  const blocks = (p.horizon + BLOCK - 1) >> BLOCK_SHIFT;
  const blockMax = new Int32Array(blocks * R);
  const ws: Workspace = {
    avail,
    blockMax,
    blockStale: new Uint8Array(blocks * R),
    baseBlockMax: blockMax,
    dirty: 0,
    counter: new Int32Array(N),
    heap: new Int32Array(N),
    heapKey: new Float64Array(N),
    key: new Float64Array(N),
    eligible: new Int32Array(N),
    mark: new Int32Array(N),
    stamp: 0,
    sortCount: new Int32Array(Math.max(p.horizon, 6 * N) + 2),
    sortTemp: new Int32Array(N),
    finish: new Int32Array(N),
    topoForward: new Int32Array(N),
    topoReverse: new Int32Array(N),
  };
  for (let i = 0; i < N; i++) {
    ws.topoForward[p.topoRank[i]] = i;
    ws.topoReverse[N - 1 - p.topoRank[i]] = i;
  }
  for (let b = 0; b < blocks; b++) for (let r = 0; r < R; r++) refreshBlock(p, ws, b, r);
  return { ...ws, baseBlockMax: blockMax.slice() };
}

/** Restores full capacity for a forward pass. */
export function resetForward(p: CompiledProblem, ws: Workspace): void {
  const R = p.resourceCount;
  const end = Math.min(ws.dirty, p.horizon);
  ws.avail.set(p.capacity.subarray(0, end * R));
  const blocks = ((end + BLOCK - 1) >> BLOCK_SHIFT) * R;
  ws.blockMax.set(ws.baseBlockMax.subarray(0, blocks));
  ws.blockStale.fill(0, 0, blocks);
  ws.dirty = 0;
}

/**
 * Capacity seen by a backward pass over a schedule that ends at `makespan`: reversed period t'
 * is forward period makespan − 1 − t'. Beyond the makespan (before forward time 0) the base
 * capacity is used; a justification never needs those periods.
 */
export function resetReverse(p: CompiledProblem, ws: Workspace, makespan: number): void {
  if (p.uniformCapacity) {
    resetForward(p, ws);
    return;
  }
  const R = p.resourceCount;
  const end = Math.min(Math.max(ws.dirty, makespan), p.horizon);
  const tail = p.capacity.length - R;
  for (let t = 0; t < end; t++) {
    const src = t < makespan ? (makespan - 1 - t) * R : tail;
    for (let r = 0; r < R; r++) ws.avail[t * R + r] = p.capacity[src + r];
  }
  ws.blockStale.fill(1, 0, ((end + BLOCK - 1) >> BLOCK_SHIFT) * R);
  // Everything written here differs from the forward profile: the next forward reset restores it.
  ws.dirty = end;
}

/** Min-heap of activities on `heapKey`, ties broken by activity index. */
export function heapPush(ws: Workspace, size: number, item: number, key: number): number {
  const heap = ws.heap;
  const hk = ws.heapKey;
  let at = size;
  while (at > 0) {
    const parent = (at - 1) >> 1;
    const pk = hk[parent];
    if (pk < key || (pk === key && heap[parent] < item)) break;
    heap[at] = heap[parent];
    hk[at] = pk;
    at = parent;
  }
  heap[at] = item;
  hk[at] = key;
  return size + 1;
}

export function heapPop(ws: Workspace, size: number): number {
  const heap = ws.heap;
  const hk = ws.heapKey;
  const top = heap[0];
  const last = size - 1;
  const item = heap[last];
  const key = hk[last];
  let at = 0;
  for (;;) {
    let child = 2 * at + 1;
    if (child >= last) break;
    if (
      child + 1 < last &&
      (hk[child + 1] < hk[child] || (hk[child + 1] === hk[child] && heap[child + 1] < heap[child]))
    ) {
      child++;
    }
    if (key < hk[child] || (key === hk[child] && item < heap[child])) break;
    heap[at] = heap[child];
    hk[at] = hk[child];
    at = child;
  }
  heap[at] = item;
  hk[at] = key;
  return top;
}
