import type { CompiledProblem } from './problem.ts';

/**
 * Scratch memory reused by every generated schedule, so the inner loops allocate nothing.
 * One workspace per search; never shared between concurrent searches.
 */
export interface Workspace {
  /** Remaining capacity per period and resource. */
  readonly avail: Int32Array;
  /** Periods of `avail` written since the last reset. */
  dirty: number;
  readonly counter: Int32Array;
  readonly heap: Int32Array;
  readonly heapKey: Float64Array;
  readonly key: Float64Array;
  readonly eligible: Int32Array;
  readonly mark: Int32Array;
  stamp: number;
}

export function createWorkspace(p: CompiledProblem): Workspace {
  const N = p.count;
  const avail = new Int32Array(p.capacity.length);
  avail.set(p.capacity);
  return {
    avail,
    dirty: 0,
    counter: new Int32Array(N),
    heap: new Int32Array(N),
    heapKey: new Float64Array(N),
    key: new Float64Array(N),
    eligible: new Int32Array(N),
    mark: new Int32Array(N),
    stamp: 0,
  };
}

/** Restores full capacity for a forward pass. */
export function resetForward(p: CompiledProblem, ws: Workspace): void {
  const end = Math.min(ws.dirty, p.horizon) * p.resourceCount;
  ws.avail.set(p.capacity.subarray(0, end));
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
