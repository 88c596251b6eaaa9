import type { PortfolioProblem } from '../../../src/engine/portfolio/index.ts';

/** Every selection (with shifts) enumerated; returns the best score, or null when none is feasible. */
export function bruteForceBest(problem: PortfolioProblem): number | null {
  const { periods, candidates } = problem;
  const k = problem.maxShift ?? 0;
  const n = candidates.length;
  const index = new Map(candidates.map((c, i) => [c.id, i]));
  const choice = new Array<number>(n).fill(-1);
  let best: number | null = null;
  const lastUsed = candidates.map((c) => {
    let last = -1;
    c.cost.forEach((v, t) => {
      if (v > 0) last = Math.max(last, t);
    });
    for (const s of Object.values(c.demand ?? {}))
      s.forEach((v, t) => {
        if (v > 0) last = Math.max(last, t);
      });
    return last;
  });
  const feasible = (): boolean => {
    for (let i = 0; i < n; i++) {
      const c = candidates[i];
      if (choice[i] < 0) {
        if (c.mandatory) return false;
        continue;
      }
      if (c.excluded) return false;
      for (const r of c.requires ?? []) if (choice[index.get(r)!] < 0) return false;
    }
    let total = 0;
    for (let t = 0; t < periods; t++) {
      let cost = 0;
      const roles: Record<string, number> = {};
      for (let i = 0; i < n; i++) {
        if (choice[i] < 0) continue;
        const src = t - choice[i];
        if (src < 0) continue;
        cost += candidates[i].cost[src];
        for (const [role, s] of Object.entries(candidates[i].demand ?? {}))
          roles[role] = (roles[role] ?? 0) + s[src];
      }
      total += cost;
      const b = problem.budget?.[t];
      if (b !== null && b !== undefined && cost > b + 1e-9) return false;
      for (const [role, used] of Object.entries(roles)) {
        const cap = problem.capacity?.[role]?.[t];
        if (cap !== null && cap !== undefined && used > cap + 1e-9) return false;
      }
    }
    if (
      problem.totalBudget !== null &&
      problem.totalBudget !== undefined &&
      total > problem.totalBudget + 1e-9
    )
      return false;
    return true;
  };
  const rec = (i: number) => {
    if (i === n) {
      if (feasible()) {
        const score = candidates.reduce((s, c, j) => s + (choice[j] >= 0 ? c.score : 0), 0);
        if (best === null || score > best) best = score;
      }
      return;
    }
    const maxS = lastUsed[i] < 0 ? 0 : Math.min(k, periods - 1 - lastUsed[i]);
    for (let s = -1; s <= maxS; s++) {
      choice[i] = s;
      rec(i + 1);
    }
    choice[i] = -1;
  };
  rec(0);
  return best;
}
