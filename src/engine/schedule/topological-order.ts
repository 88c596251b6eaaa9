import { i32 } from './arena.ts';
/**
 * Kahn's algorithm. On a cycle, walks predecessor edges among the nodes left over until a node
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
): { order: Int32Array; rank: Int32Array } {
  const indeg = i32(nodeCount);
  for (let v = 0; v < nodeCount; v++) indeg[v] = inOffsets[v + 1] - inOffsets[v];
  const order = i32(nodeCount);
  let head = 0;
  let tail = 0;
  for (let v = 0; v < nodeCount; v++) if (indeg[v] === 0) order[tail++] = v;
  while (head < tail) {
    const v = order[head++];
    for (let k = outOffsets[v]; k < outOffsets[v + 1]; k++) {
      const w = edgeTo[outEdges[k]];
      if (--indeg[w] === 0) order[tail++] = w;
    }
  }
  if (tail < nodeCount) {
    // nodes with indeg > 0 remain; follow an outgoing edge to another remaining node each step
    let v = 0;
    while (indeg[v] === 0) v++;
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
  const rank = i32(nodeCount);
  for (let k = 0; k < nodeCount; k++) rank[order[k]] = k;
  return { order, rank };
}
