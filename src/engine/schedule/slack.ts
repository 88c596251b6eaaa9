import { i32 } from './arena.ts';
import type { Network } from './network.ts';
import * as codes from './network.ts';
import type { PassState } from './passes.ts';
import * as passes from './passes.ts';
import type { ScheduleConflict } from './types.ts';

// Module-level copies: a live-binding import read in a hot loop costs a getter call per read under tsx.
const C_FNLT = codes.C_FNLT;
const C_MFO = codes.C_MFO;
const C_MSO = codes.C_MSO;
const C_SNLT = codes.C_SNLT;
const KIND_LEAF = codes.KIND_LEAF;
const LINK_FF = codes.LINK_FF;
const LINK_FS = codes.LINK_FS;
const LINK_SS = codes.LINK_SS;
const applyLag = passes.applyLag;

/** Task-level dates (summaries rolled up from their children) and slack. */
export interface TaskDates {
  readonly es: Float64Array;
  readonly ef: Float64Array;
  readonly ls: Float64Array;
  readonly lf: Float64Array;
  readonly totalSlack: Float64Array;
  readonly freeSlack: Float64Array;
  readonly critical: Uint8Array;
}

/** Tasks ordered children-before-parents, computed once per network. */
export function bottomUpOrder(net: Network): Int32Array {
  const n = net.taskCount;
  const depth = i32(n).fill(-1);
  for (let i = 0; i < n; i++) {
    let d = 0;
    let p = net.parent[i];
    while (p >= 0 && depth[p] < 0) {
      d++;
      p = net.parent[p];
    }
    depth[i] = d + (p >= 0 ? depth[p] + 1 : 0);
  }
  // counting sort by depth, deepest first, index order within a depth
  let maxDepth = 0;
  for (let i = 0; i < n; i++) if (depth[i] > maxDepth) maxDepth = depth[i];
  const start = new Int32Array(maxDepth + 2);
  for (let i = 0; i < n; i++) start[maxDepth - depth[i] + 1]++;
  for (let d = 0; d <= maxDepth; d++) start[d + 1] += start[d];
  const out = i32(n);
  for (let i = 0; i < n; i++) out[start[maxDepth - depth[i]]++] = i;
  return out;
}

/**
 * Rolls dates up to summaries and computes total slack (the smaller of start and finish slack,
 * in working time on the task's calendar, as MS Project does), free slack and the critical flag,
 * into `out` (the caller owns where task dates live: see the Scheduler's outputs).
 */
export function computeTaskDates(
  net: Network,
  st: PassState,
  bottomUp: Int32Array,
  criticalLimit: Float64Array,
  out: TaskDates,
): void {
  const n = net.taskCount;
  const { es, ef, ls, lf } = out;
  for (let i = 0; i < n; i++) {
    if (net.isSummary[i]) {
      es[i] = Number.POSITIVE_INFINITY;
      ef[i] = Number.NEGATIVE_INFINITY;
      ls[i] = Number.POSITIVE_INFINITY;
      lf[i] = Number.NEGATIVE_INFINITY;
    } else {
      const v = net.taskNode[i];
      es[i] = st.es[v];
      ef[i] = st.ef[v];
      ls[i] = st.ls[v];
      lf[i] = st.lf[v];
    }
  }
  for (let k = 0; k < n; k++) {
    const i = bottomUp[k];
    const p = net.parent[i];
    if (p < 0) continue;
    if (es[i] < es[p]) es[p] = es[i];
    if (ef[i] > ef[p]) ef[p] = ef[i];
    if (ls[i] < ls[p]) ls[p] = ls[i];
    if (lf[i] > lf[p]) lf[p] = lf[i];
  }
  for (let i = 0; i < n; i++) slackOf(net, st, out, criticalLimit, i);
}

function hasLinks(net: Network, v: number): boolean {
  for (let k = net.outOffsets[v]; k < net.outOffsets[v + 1]; k++)
    if (!net.edgeHierarchy[net.outEdges[k]]) return true;
  for (let k = net.inOffsets[v]; k < net.inOffsets[v + 1]; k++)
    if (!net.edgeHierarchy[net.inEdges[k]]) return true;
  return false;
}

/** Total slack, free slack and the critical flag of one task from its (rolled-up) dates. */
function slackOf(net: Network, st: PassState, d: TaskDates, criticalLimit: Float64Array, i: number): void {
  const cal = net.calendars[net.calendar[i]];
  const startSlack = cal.workAt(d.ls[i]) - cal.workAt(d.es[i]);
  const finishSlack = cal.workAt(d.lf[i]) - cal.workAt(d.ef[i]);
  const ts = Math.min(startSlack, finishSlack);
  d.totalSlack[i] = ts;
  let fs = Math.min(linkSlack(net, st, cal, net.taskFinishNode[i]), linkSlack(net, st, cal, net.taskNode[i]));
  if (fs === Number.POSITIVE_INFINITY)
    fs = cal.workAt(st.projectFinish[net.project[i]]) - cal.workAt(d.ef[i]);
  d.freeSlack[i] = Math.max(0, Math.min(fs, ts));
  // MS Project never marks a finished task, or an estimated manual task without links, critical.
  const unlinkedManual =
    net.estimated[i] === 1 &&
    !Number.isNaN(net.manualStart[i]) &&
    !hasLinks(net, net.taskNode[i]) &&
    !hasLinks(net, net.taskFinishNode[i]);
  d.critical[i] =
    ts <= criticalLimit[net.project[i]] && Number.isNaN(net.actualFinish[i]) && !unlinkedManual ? 1 : 0;
}

/** Children of each task in CSR form, and each task's depth, for incremental roll-ups. */
export interface Outline {
  readonly childOffsets: Int32Array;
  readonly children: Int32Array;
  readonly depth: Int32Array;
}

export function buildOutline(net: Network, bottomUp: Int32Array): Outline {
  const n = net.taskCount;
  const childOffsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) if (net.parent[i] >= 0) childOffsets[net.parent[i] + 1]++;
  for (let i = 0; i < n; i++) childOffsets[i + 1] += childOffsets[i];
  const fill = childOffsets.slice(0, n);
  const children = new Int32Array(childOffsets[n]);
  for (let i = 0; i < n; i++) if (net.parent[i] >= 0) children[fill[net.parent[i]]++] = i;
  const depth = new Int32Array(n);
  for (let k = n - 1; k >= 0; k--) {
    const i = bottomUp[k];
    depth[i] = net.parent[i] >= 0 ? depth[net.parent[i]] + 1 : 0;
  }
  return { childOffsets, children, depth };
}

/**
 * Refreshes task dates and slack after an incremental pass: only the tasks of the recomputed
 * nodes, their link predecessors (whose free slack depends on them) and their summaries.
 */
export function updateTaskDates(
  net: Network,
  st: PassState,
  outline: Outline,
  criticalLimit: Float64Array,
  dates: TaskDates,
  touchedNodes: readonly number[],
): void {
  const mark = new Set<number>();
  for (const v of touchedNodes) {
    mark.add(net.nodeTask[v]);
    for (let k = net.inOffsets[v]; k < net.inOffsets[v + 1]; k++) {
      const e = net.inEdges[k];
      if (!net.edgeHierarchy[e]) mark.add(net.nodeTask[net.edgeFrom[e]]);
    }
  }
  const summaries = new Set<number>();
  for (const i of mark) {
    if (!net.isSummary[i]) {
      const v = net.taskNode[i];
      dates.es[i] = st.es[v];
      dates.ef[i] = st.ef[v];
      dates.ls[i] = st.ls[v];
      dates.lf[i] = st.lf[v];
    } else summaries.add(i);
    for (let p = net.parent[i]; p >= 0 && !summaries.has(p); p = net.parent[p]) summaries.add(p);
  }
  const order = [...summaries].sort((a, b) => outline.depth[b] - outline.depth[a]);
  for (const p of order) {
    let es = Number.POSITIVE_INFINITY;
    let ef = Number.NEGATIVE_INFINITY;
    let ls = Number.POSITIVE_INFINITY;
    let lf = Number.NEGATIVE_INFINITY;
    for (let k = outline.childOffsets[p]; k < outline.childOffsets[p + 1]; k++) {
      const c = outline.children[k];
      if (dates.es[c] < es) es = dates.es[c];
      if (dates.ef[c] > ef) ef = dates.ef[c];
      if (dates.ls[c] < ls) ls = dates.ls[c];
      if (dates.lf[c] > lf) lf = dates.lf[c];
    }
    dates.es[p] = es;
    dates.ef[p] = ef;
    dates.ls[p] = ls;
    dates.lf[p] = lf;
    mark.add(p);
  }
  for (const i of mark) slackOf(net, st, dates, criticalLimit, i);
}

/** Smallest slack on a node's own outgoing links (not the summary edges the network adds). */
function linkSlack(net: Network, st: PassState, cal: Network['calendars'][number], v: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let k = net.outOffsets[v], end = net.outOffsets[v + 1]; k < end; k++) {
    const e = net.outEdges[k];
    if (net.edgeHierarchy[e]) continue;
    const s = net.edgeTo[e];
    const type = net.edgeType[e];
    const ref = type === LINK_FS || type === LINK_FF ? st.ef[v] : st.es[v];
    const reached = applyLag(
      net.calendars[net.edgeLagCalendar[e]],
      ref,
      net.edgeLag[e],
      net.edgeLagElapsed[e],
    );
    // a successor's leveling delay is not free slack of its predecessor
    const target =
      (type === LINK_FS || type === LINK_SS ? st.es[s] : st.ef[s]) - net.levelingDelay[net.nodeTask[s]];
    const slack = cal.workAt(target) - cal.workAt(reached);
    if (slack < best) best = slack;
  }
  return best;
}

/** Constraints that override a link, and missed deadlines, so no conflict passes silently. */
export function findConflicts(net: Network, st: PassState, dates: TaskDates): ScheduleConflict[] {
  const out: ScheduleConflict[] = [];
  for (let v = 0; v < net.nodeCount; v++) {
    if (net.nodeKind[v] !== KIND_LEAF) continue;
    const i = net.nodeTask[v];
    const c = net.constraint[i];
    if (c === C_SNLT || c === C_FNLT || c === C_MSO || c === C_MFO) {
      for (let k = net.inOffsets[v]; k < net.inOffsets[v + 1]; k++) {
        const e = net.inEdges[k];
        const p = net.edgeFrom[e];
        const type = net.edgeType[e];
        const ref = type === LINK_FS || type === LINK_FF ? st.ef[p] : st.es[p];
        const t = applyLag(net.calendars[net.edgeLagCalendar[e]], ref, net.edgeLag[e], net.edgeLagElapsed[e]);
        const own = type === LINK_FS || type === LINK_SS ? st.es[v] : st.ef[v];
        const cal = net.calendars[net.calendar[i]];
        if (cal.workAt(own) < cal.workAt(t)) {
          out.push({
            taskId: net.taskIds[i],
            kind: 'constraint-vs-link',
            detail: `its constraint holds it before link from ${JSON.stringify(net.taskIds[net.nodeTask[p]])} allows`,
          });
        }
      }
    }
    if (!Number.isNaN(net.deadline[i]) && st.ef[v] > net.deadline[i]) {
      out.push({
        taskId: net.taskIds[i],
        kind: 'deadline-missed',
        detail: 'early finish is after its deadline',
      });
    }
    if (dates.totalSlack[i] < 0 && out.length < 10_000) {
      out.push({
        taskId: net.taskIds[i],
        kind: 'negative-slack',
        detail: `total slack ${dates.totalSlack[i]} minutes`,
      });
    }
  }
  return out;
}
