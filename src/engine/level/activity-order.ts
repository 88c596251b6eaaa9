import type { ArcDirection, CompiledProblem } from './problem.ts';
import { heapPop, heapPush, type Workspace } from './workspace.ts';

/**
 * Writes into `out` the precedence-feasible activity list that always takes, among the
 * activities whose predecessors (in `dir`) are all listed, the one with the smallest key.
 * With keys = start times this turns a schedule back into an activity list; with keys = a
 * priority rule it builds the rule's list.
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
