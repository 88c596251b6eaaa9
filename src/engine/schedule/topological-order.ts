import { i32 } from './arena.ts';
/**
 * Topological order of the nodes. On a cycle, walks predecessor edges among the nodes left over until a node
 * repeats and reports that loop (every leftover node has a leftover predecessor).
 */
export function topologicalOrder(
  nodeCount: number,
  inOffsets: Int32Array,
  inEdges: Int32Array,
  edgeFrom: Int32Array,
  outOffsets: Int32Array,
  outEdges: Int32Array,
  edgeTo: Int32Array,
  onCycle: (nodes: number[]) => never,
  /** Nodes from this id on (summary finishes, numbered after the tasks) go out as soon as ready. */
  eagerFrom = nodeCount,
): { order: Int32Array; rank: Int32Array } {
  const indeg = i32(nodeCount);
  for (let v = 0; v < nodeCount; v++) indeg[v] = inOffsets[v + 1] - inOffsets[v];
  const order = i32(nodeCount);
  const rank = i32(nodeCount);
  // Kahn's algorithm that takes ready nodes in id order, as a scan: a node that becomes ready
  // behind the scan goes out at once (stack), one ahead waits for the scan. Plans list tasks
  // roughly in dependency order, so the order stays close to the ids and the passes walk the
  // per-node arrays almost sequentially instead of jumping across them.
  // the stack of ready nodes lives in the rank array, which is filled only once the order is done
  const ready = rank;
  const DONE = -1;
  let tail = 0;
  for (let scan = 0; scan < nodeCount; scan++) {
    if (indeg[scan] !== 0) continue;
    indeg[scan] = DONE;
    let top = 0;
    ready[top++] = scan;
    while (top > 0) {
      const v = ready[--top];
      order[tail++] = v;
      for (let k = outOffsets[v]; k < outOffsets[v + 1]; k++) {
        const w = edgeTo[outEdges[k]];
        if (--indeg[w] === 0 && (w < scan || w >= eagerFrom)) {
          indeg[w] = DONE;
          ready[top++] = w;
        }
      }
    }
  }
  if (tail < nodeCount) {
    // nodes with indeg > 0 remain; follow an outgoing edge to another remaining node each step
    let v = 0;
    while (indeg[v] <= 0) v++;
    const seenAt = new Map<number, number>();
    const path: number[] = [];
    while (!seenAt.has(v)) {
      seenAt.set(v, path.length);
      path.push(v);
      let next = -1;
      for (let k = inOffsets[v]; k < inOffsets[v + 1]; k++) {
        const w = edgeFrom[inEdges[k]];
        if (indeg[w] > 0) {
          next = w;
          break;
        }
      }
      v = next;
    }
    onCycle(path.slice(seenAt.get(v)).reverse());
  }
  for (let k = 0; k < nodeCount; k++) rank[order[k]] = k;
  return { order, rank };
}
