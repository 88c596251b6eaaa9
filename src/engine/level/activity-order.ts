import type { ArcDirection, CompiledProblem } from './problem.ts';
import { heapPop, heapPush, type Workspace } from './workspace.ts';

/** Heap form of {@link orderByKey}: always takes the smallest key among the listable activities. */
function orderByKeyHeap(
  p: CompiledProblem,
  dir: ArcDirection,
  key: ArrayLike<number>,
  out: Int32Array,
  ws: Workspace,
): void {
  const N = p.count;
  const cnt = ws.counter;
  const { predStart, succStart, succIdx } = dir;
  let size = 0;
  for (let i = 0; i < N; i++) {
    cnt[i] = predStart[i + 1] - predStart[i];
    if (cnt[i] === 0) size = heapPush(ws, size, i, key[i]);
  }
  let k = 0;
  while (size > 0) {
    const i = heapPop(ws, size);
    size--;
    out[k++] = i;
    for (let a = succStart[i]; a < succStart[i + 1]; a++) {
      const j = succIdx[a];
      if (--cnt[j] === 0) size = heapPush(ws, size, j, key[j]);
    }
  }
}

/** True when every arc of `dir` goes from an earlier to a later position of `list`. */
function respectsArcs(p: CompiledProblem, dir: ArcDirection, list: Int32Array, ws: Workspace): boolean {
  const N = p.count;
  const position = ws.mark;
  for (let k = 0; k < N; k++) position[list[k]] = k;
  const { succStart, succIdx } = dir;
  for (let i = 0; i < N; i++) {
    const at = position[i];
    for (let a = succStart[i]; a < succStart[i + 1]; a++) if (position[succIdx[a]] < at) return false;
  }
  return true;
}

/**
 * Stable counting sort of `order` (activities) by an integer value in [0, range), into `out`;
 * `value(i)` is read through `values[i] * sign + offset` so one routine sorts either way.
 */
function countingSort(
  values: ArrayLike<number>,
  sign: number,
  offset: number,
  range: number,
  order: Int32Array,
  out: Int32Array,
  count: Int32Array,
): void {
  count.fill(0, 0, range + 1);
  const N = order.length;
  for (let k = 0; k < N; k++) count[values[order[k]] * sign + offset + 1]++;
  for (let v = 0; v < range; v++) count[v + 1] += count[v];
  for (let k = 0; k < N; k++) {
    const i = order[k];
    out[count[values[i] * sign + offset]++] = i;
  }
}

/**
 * Writes into `out` the precedence-feasible activity list that always takes, among the
 * activities whose predecessors (in `dir`) are all listed, the one with the smallest key.
 * With keys = start times this turns a schedule back into an activity list; with keys = a
 * priority rule it builds the rule's list. Equal keys go in the direction's topological order.
 *
 * Integer keys in a short range (start times, ranks) are counting-sorted in linear time; the
 * heap, O(N log N), only runs when the sorted list breaks a link (negative lags, rule keys that
 * disagree with the links).
 *
 * @example
 * orderByKey(p, p.forward, priorityKeys(p, 'lft'), list, ws); // the LFT activity list
 */
export function orderByKey(
  p: CompiledProblem,
  dir: ArcDirection,
  key: ArrayLike<number>,
  out: Int32Array,
  ws: Workspace,
): void {
  const N = p.count;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let integral = true;
  for (let i = 0; i < N && integral; i++) {
    const v = key[i];
    if (v < min) min = v;
    if (v > max) max = v;
    integral = Number.isInteger(v);
  }
  if (integral && max - min < ws.sortCount.length - 1) {
    const ties = dir === p.forward ? ws.topoForward : ws.topoReverse;
    countingSort(key, 1, -min, max - min + 1, ties, out, ws.sortCount);
    if (respectsArcs(p, dir, out, ws)) return;
  }
  orderByKeyHeap(p, dir, key, out, ws);
}

/**
 * The list of a justification pass: latest finish first, then latest start, of the schedule
 * `start` (in its own time direction), made precedence-feasible in `dir`. Two stable counting
 * sorts, falling back to the heap on the same composite key when they break a link.
 *
 * @example
 * orderByLatestFinish(p, p.reverse, start, list, ws); // list for the right-shift pass
 */
export function orderByLatestFinish(
  p: CompiledProblem,
  dir: ArcDirection,
  start: Int32Array,
  out: Int32Array,
  ws: Workspace,
): void {
  const N = p.count;
  const dur = p.duration;
  const finish = ws.finish;
  let latest = 0;
  for (let i = 0; i < N; i++) {
    finish[i] = start[i] + dur[i];
    if (finish[i] > latest) latest = finish[i];
  }
  const ties = dir === p.forward ? ws.topoForward : ws.topoReverse;
  if (latest < ws.sortCount.length - 1) {
    countingSort(start, -1, latest, latest + 1, ties, ws.sortTemp, ws.sortCount);
    countingSort(finish, -1, latest, latest + 1, ws.sortTemp, out, ws.sortCount);
    if (respectsArcs(p, dir, out, ws)) return;
  }
  const scale = p.horizon + 1;
  const key = ws.key;
  for (let i = 0; i < N; i++) key[i] = -(finish[i] * scale + start[i]);
  orderByKeyHeap(p, dir, key, out, ws);
}
