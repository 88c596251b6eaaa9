import { orderByLatestFinish } from './activity-order.ts';
import type { CompiledProblem } from './problem.ts';
import { runSerialSgs } from './serial-sgs.ts';
import { resetForward, resetReverse, type Workspace } from './workspace.ts';

/** Scratch arrays for justification, allocated once per search. */
export interface JustifyScratch {
  readonly order: Int32Array;
  readonly reverseStart: Int32Array;
}

export function createJustifyScratch(p: CompiledProblem): JustifyScratch {
  return {
    order: new Int32Array(p.count),
    reverseStart: new Int32Array(p.count),
  };
}

/**
 * Double justification (Valls, Ballestín & Quintanilla 2005), the forward-backward pass of
 * Li & Willis (1992): shift every activity as far right as it goes, latest finish first, then
 * as far left as it goes, earliest start first. The makespan never grows and often shrinks.
 * Rewrites `start` in place; costs two generated schedules. Returns the new makespan.
 *
 * @example
 * const shorter = justifyTwice(p, start, makespan, ws, scratch);
 */
export function justifyTwice(
  p: CompiledProblem,
  start: Int32Array,
  makespan: number,
  ws: Workspace,
  scratch: JustifyScratch,
): number {
  const { order, reverseStart } = scratch;
  // Right pass: latest finish first, placed as late as possible (as early as possible in reversed time).
  orderByLatestFinish(p, p.reverse, start, order, ws);
  resetReverse(p, ws, makespan);
  runSerialSgs(p, p.reverse, order, reverseStart, ws);
  // Left pass: earliest start of the right-justified schedule first.
  orderByLatestFinish(p, p.forward, reverseStart, order, ws);
  resetForward(p, ws);
  const after = runSerialSgs(p, p.forward, order, start, ws);
  return after;
}

/**
 * Forward-backward improvement: repeats double justification while it shortens the schedule
 * and the budget lasts. Returns the makespan and the schedules it spent.
 *
 * @example
 * const { makespan, schedules } = improveForwardBackward(p, start, makespan0, 10, ws, scratch);
 */
export function improveForwardBackward(
  p: CompiledProblem,
  start: Int32Array,
  makespan: number,
  budget: number,
  ws: Workspace,
  scratch: JustifyScratch,
): { makespan: number; schedules: number } {
  let spent = 0;
  while (spent + 2 <= budget) {
    const before = scratch.order.slice();
    const kept = start.slice();
    const after = justifyTwice(p, start, makespan, ws, scratch);
    spent += 2;
    if (after > makespan) {
      // Only a capacity profile that varies in time can make a pass worse; keep the better one.
      start.set(kept);
      scratch.order.set(before);
      break;
    }
    if (after === makespan) break;
    makespan = after;
  }
  return { makespan, schedules: spent };
}
