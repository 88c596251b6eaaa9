import type { CompiledProblem } from './problem.ts';
import type { Random } from './random.ts';
import type { Workspace } from './workspace.ts';

/**
 * Classic priority rules (Kolisch 1996): latest finish, latest start, minimum slack, most
 * total successors, greatest rank positional weight, shortest processing time.
 */
export type PriorityRule = 'lft' | 'lst' | 'mslk' | 'mts' | 'grpw' | 'spt';

export const PRIORITY_RULES: readonly PriorityRule[] = ['lft', 'lst', 'mslk', 'mts', 'grpw', 'spt'];

function countSuccessorsTransitively(p: CompiledProblem): Float64Array {
  const N = p.count;
  const words = (N + 31) >>> 5;
  const bits = new Uint32Array(N * words);
  const order = new Int32Array(N);
  for (let i = 0; i < N; i++) order[p.topoRank[i]] = i;
  const { succStart, succIdx } = p.forward;
  const out = new Float64Array(N);
  for (let k = N - 1; k >= 0; k--) {
    const i = order[k];
    const row = i * words;
    for (let a = succStart[i]; a < succStart[i + 1]; a++) {
      const j = succIdx[a];
      bits[row + (j >>> 5)] |= 1 << (j & 31);
      const other = j * words;
      for (let w = 0; w < words; w++) bits[row + w] |= bits[other + w];
    }
    let c = 0;
    for (let w = 0; w < words; w++) {
      let v = bits[row + w];
      while (v) {
        v &= v - 1;
        c++;
      }
    }
    out[i] = c;
  }
  return out;
}

/**
 * Late starts against one common end per priority class, the latest unleveled finish of its
 * activities, instead of each project's own finish. When the goal is the makespan (of each
 * class, in priority order), a project that finishes early has slack against that end, and rules
 * on these dates favour the projects that set it: on the INSISOC multi-project instances single
 * passes come out up to 10% shorter. Equal to `p.lateStart` for one project.
 */
export function commonEndLateStart(p: CompiledProblem): Int32Array {
  const projectEnd = new Int32Array(p.projectCount);
  const classEnd = new Int32Array(p.classCount);
  for (let i = 0; i < p.n; i++) {
    const f = p.earlyStart[i] + p.duration[i];
    if (f > projectEnd[p.project[i]]) projectEnd[p.project[i]] = f;
    if (f > classEnd[p.priorityClass[i]]) classEnd[p.priorityClass[i]] = f;
  }
  const late = p.lateStart.slice();
  for (let i = 0; i < p.n; i++) {
    late[i] += Math.max(0, classEnd[p.priorityClass[i]] - projectEnd[p.project[i]]);
  }
  return late;
}

/**
 * Priority keys (lower goes first) for a rule, with priority classes folded in so that a
 * higher-priority activity always outranks a lower-priority one. `lateStart` defaults to
 * each project's own late dates.
 *
 * @example
 * const keys = priorityKeys(compileProblem(problem), 'lft');
 */
export function priorityKeys(
  p: CompiledProblem,
  rule: PriorityRule,
  lateStart: Int32Array = p.lateStart,
): Float64Array {
  const N = p.count;
  const H = p.horizon;
  const value = new Float64Array(N);
  const { succStart, succIdx } = p.forward;
  if (rule === 'mts' && N > 6000) rule = 'grpw';
  const successors = rule === 'mts' ? countSuccessorsTransitively(p) : null;
  for (let i = 0; i < N; i++) {
    const d = p.duration[i];
    switch (rule) {
      case 'lft':
        value[i] = lateStart[i] + d;
        break;
      case 'lst':
        value[i] = lateStart[i];
        break;
      case 'mslk':
        value[i] = lateStart[i] - p.earlyStart[i];
        break;
      case 'mts':
        value[i] = -(successors as Float64Array)[i];
        break;
      case 'grpw': {
        let w = d;
        for (let a = succStart[i]; a < succStart[i + 1]; a++) w += p.duration[succIdx[a]];
        value[i] = -w;
        break;
      }
      default:
        value[i] = d;
    }
  }
  const span = 2 * (H + N) + 1;
  const key = new Float64Array(N);
  for (let i = 0; i < N; i++) key[i] = p.priorityClass[i] * span + value[i] + H + N;
  return key;
}

/**
 * Regret-based biased random sampling (Drexl 1991): builds a precedence-feasible activity
 * list, drawing each next activity among the eligible ones with probability proportional to
 * (max key − own key + 1)^bias, so good-rule activities come first more often.
 *
 * @example
 * sampleActivityList(p, priorityKeys(p, 'lft'), createRandom(3), list, ws);
 */
export function sampleActivityList(
  p: CompiledProblem,
  key: Float64Array,
  rng: Random,
  out: Int32Array,
  ws: Workspace,
  bias = 1,
): void {
  const N = p.count;
  const cnt = ws.counter;
  const eligible = ws.eligible;
  const weight = ws.heapKey;
  const { predStart, succStart, succIdx } = p.forward;
  let size = 0;
  for (let i = 0; i < N; i++) {
    cnt[i] = predStart[i + 1] - predStart[i];
    if (cnt[i] === 0) eligible[size++] = i;
  }
  for (let k = 0; k < N; k++) {
    let worst = Number.NEGATIVE_INFINITY;
    for (let e = 0; e < size; e++) if (key[eligible[e]] > worst) worst = key[eligible[e]];
    let total = 0;
    for (let e = 0; e < size; e++) {
      const w = (worst - key[eligible[e]] + 1) ** bias;
      weight[e] = w;
      total += w;
    }
    let pick = rng.next() * total;
    let at = 0;
    while (at < size - 1 && pick >= weight[at]) {
      pick -= weight[at];
      at++;
    }
    const i = eligible[at];
    eligible[at] = eligible[--size];
    out[k] = i;
    for (let a = succStart[i]; a < succStart[i + 1]; a++) {
      const j = succIdx[a];
      if (--cnt[j] === 0) eligible[size++] = j;
    }
  }
}
