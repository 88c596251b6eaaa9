import * as codes from '../schedule/network.ts';
import type { CompiledSimulation } from './compile.ts';

const KIND_SUMMARY_START = codes.KIND_SUMMARY_START;
const KIND_SUMMARY_FINISH = codes.KIND_SUMMARY_FINISH;
const C_SNET = codes.C_SNET;
const C_MSO = codes.C_MSO;

/**
 * The edges that can change a finish. Most summaries have no links of their own: their start
 * is the project start, which the SS edges to their children cannot raise, and nothing reads
 * their finish, so the FF edges from the children are not needed. Dropping those hierarchy
 * edges halves the edges of a typical plan. Summary dates themselves are not reported.
 *
 * A child on another calendar than its summary loses nothing either: the summary's start is
 * the project start instant, which the child already starts from on its own calendar.
 */
export function usefulEdges(c: CompiledSimulation): Uint8Array {
  const net = c.net;
  const n = net.taskCount;
  const m = net.edgeFrom.length;
  const startNeeded = new Uint8Array(n);
  const finishNeeded = new Uint8Array(n);
  for (let e = 0; e < m; e++) {
    if (net.edgeHierarchy[e]) continue;
    const to = net.edgeTo[e];
    if (net.nodeKind[to] === KIND_SUMMARY_START) startNeeded[net.nodeTask[to]] = 1;
    const from = net.edgeFrom[e];
    if (net.nodeKind[from] === KIND_SUMMARY_FINISH) finishNeeded[net.nodeTask[from]] = 1;
  }
  for (let i = 0; i < n; i++) {
    const con = net.constraint[i];
    const p = net.parent[i];
    if (net.isSummary[i] && (con === C_SNET || con === C_MSO)) startNeeded[i] = 1;
    if (p >= 0 && net.project[p] !== net.project[i]) startNeeded[p] = 1;
  }
  // a summary passes its parent's start down and its finish up to its parent
  const depth = (i: number) => {
    let d = 0;
    for (let p = net.parent[i]; p >= 0; p = net.parent[p]) d++;
    return d;
  };
  const byDepth = Array.from({ length: n }, (_, i) => i).filter((i) => net.isSummary[i]);
  const depths = new Int32Array(n);
  for (const i of byDepth) depths[i] = depth(i);
  byDepth.sort((a, b) => depths[a] - depths[b]);
  for (const i of byDepth) {
    const p = net.parent[i];
    if (p >= 0 && startNeeded[p]) startNeeded[i] = 1;
    if (p >= 0 && finishNeeded[p]) finishNeeded[i] = 1;
  }
  const keep = new Uint8Array(m).fill(1);
  for (let e = 0; e < m; e++) {
    const to = net.edgeTo[e];
    const from = net.edgeFrom[e];
    if (net.nodeKind[to] === KIND_SUMMARY_FINISH && !finishNeeded[net.nodeTask[to]]) keep[e] = 0;
    else if (
      net.edgeHierarchy[e] &&
      net.nodeKind[from] === KIND_SUMMARY_START &&
      !startNeeded[net.nodeTask[from]]
    )
      keep[e] = 0;
  }
  return keep;
}
