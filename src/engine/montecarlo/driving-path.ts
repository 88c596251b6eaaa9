import * as codes from '../schedule/network.ts';
import type { CompiledSimulation } from './compile.ts';
import type { ForwardKernel } from './kernel.ts';
import * as timeCode from './time-code.ts';

const KIND_LEAF = codes.KIND_LEAF;
const KIND_SUMMARY_START = codes.KIND_SUMMARY_START;
const LINK_FS = codes.LINK_FS;
const LINK_SS = codes.LINK_SS;
const INV_K = timeCode.INV_K;
const { decodeTime } = timeCode;

/**
 * Marks the tasks on a driving path to the finish after a forward pass: starting from the
 * leaves that finish last, walks back along every edge whose time reaches the node's start
 * (start links) or finish (finish links) at the same working position. Ties follow every
 * branch, so two equal parallel branches are both critical in that iteration. A task with a
 * fixed start (actual or manual) ends the walk. Only the path is visited, not the network.
 */
export class DrivingPath {
  private readonly seen: Int32Array;
  private readonly taskSeen: Int32Array;
  private readonly stack: Int32Array;
  private readonly fixedStart: Uint8Array;
  private readonly finishing: Uint8Array;

  constructor(
    private readonly c: CompiledSimulation,
    private readonly kernel: ForwardKernel,
  ) {
    const net = c.net;
    this.seen = new Int32Array(net.nodeCount);
    this.taskSeen = new Int32Array(net.taskCount);
    this.stack = new Int32Array(net.nodeCount + 1);
    this.fixedStart = new Uint8Array(net.taskCount);
    this.finishing = new Uint8Array(c.slotProject.length);
    for (let i = 0; i < net.taskCount; i++)
      if (!Number.isNaN(net.actualStart[i]) || !Number.isNaN(net.manualStart[i])) this.fixedStart[i] = 1;
  }

  /** Adds one to `counts[task]` for every task on a driving path to `finish`; `stamp` is unique per call. */
  mark(finish: number, stamp: number, counts: Float64Array): void {
    const c = this.c;
    const net = c.net;
    const kernel = this.kernel;
    const { slotMax, slotArg, slotTies, leafSlots, leafFinishSlot, times, nodeAt } = kernel;
    const { seen, taskSeen, stack, fixedStart, finishing } = this;
    let top = 0;
    let ties = false;
    for (let s = 0; s < slotMax.length; s++) {
      finishing[s] = decodeTime(c.calendars[c.slotCalendar[s]], slotMax[s]) === finish ? 1 : 0;
      if (!finishing[s]) continue;
      if (slotTies[s] > 1) ties = true;
      else {
        const v = nodeAt[slotArg[s]];
        seen[v] = stamp;
        stack[top++] = v;
      }
    }
    // several leaves finish last: find them all (rare enough to scan for)
    for (let k = 0; ties && k < leafSlots.length; k++) {
      const r = leafSlots[k];
      const s = leafFinishSlot[k];
      if (finishing[s] && slotTies[s] > 1 && times[r] === slotMax[s]) {
        const v = nodeAt[r];
        seen[v] = stamp;
        stack[top++] = v;
      }
    }
    const { inOffsets, inEdges, edgeFrom, edgeType, nodeKind, nodeTask } = net;
    while (top > 0) {
      const v = stack[--top];
      const i = nodeTask[v];
      if (taskSeen[i] !== stamp) {
        taskSeen[i] = stamp;
        counts[i]++;
      }
      const kind = nodeKind[v];
      if (kind === KIND_LEAF && fixedStart[i]) continue;
      const startPos = Math.floor(kernel.es(v) * INV_K);
      const finishPos = Math.floor(kernel.ef(v) * INV_K);
      for (let j = inOffsets[v], end = inOffsets[v + 1]; j < end; j++) {
        const e = inEdges[j];
        const type = edgeType[e];
        const startLink = type === LINK_FS || type === LINK_SS;
        if (kind === KIND_SUMMARY_START ? !startLink : kind !== KIND_LEAF && startLink) continue;
        const p = edgeFrom[e];
        if (seen[p] === stamp) continue;
        const pos = Math.floor(kernel.edgeTime(e) * INV_K);
        if (pos === (startLink ? startPos : finishPos)) {
          seen[p] = stamp;
          stack[top++] = p;
        }
      }
    }
  }
}
