import type { PortfolioCandidate, PortfolioProblem } from '../../src/engine/portfolio/index.ts';

/** Park–Miller minimal standard generator: small, seeded, the same on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed % 2147483647;
  if (state <= 0) state += 2147483646;
  return () => {
    state = (state * 16807) % 2147483647;
    return (state - 1) / 2147483646;
  };
}

export interface InstanceShape {
  readonly candidates: number;
  readonly periods: number;
  readonly roles: number;
  readonly maxShift?: number;
  /** Budget per period as a share of the average cost per period of all candidates (default 0.4). */
  readonly budgetShare?: number;
  /** Capacity per role and period as a share of the average demand (default 0.45). */
  readonly capacityShare?: number;
}

/**
 * A portfolio shaped like a PMO's intake: projects of 2 to 8 periods starting anywhere in
 * the horizon, costing 50–300 per period, needing 1 to 3 of the roles at 0.5–3 FTE, scored
 * 10–100 (loosely tied to size, as bigger projects promise more); about 10% need another
 * candidate, 5% are mandatory (running projects) and 3% excluded. Budget and capacity are a
 * share of the average load, so roughly that share of the work fits.
 */
export function generatePortfolioInstance(shape: InstanceShape, seed: number): PortfolioProblem {
  const rnd = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const { periods } = shape;
  const roles = Array.from({ length: shape.roles }, (_, r) => `role${r + 1}`);
  const candidates: PortfolioCandidate[] = [];
  for (let i = 0; i < shape.candidates; i++) {
    const duration = Math.min(periods, int(2, 8));
    const start = int(0, periods - duration);
    const rate = 50 + rnd() * 250;
    const cost = Array.from({ length: periods }, (_, t) =>
      t >= start && t < start + duration ? Math.round(rate * (0.8 + 0.4 * rnd())) : 0,
    );
    const demand: Record<string, number[]> = {};
    const roleCount = int(1, Math.min(3, roles.length));
    const pool = [...roles];
    for (let k = 0; k < roleCount; k++) {
      const role = pool.splice(int(0, pool.length - 1), 1)[0];
      const fte = 0.5 * int(1, 6);
      demand[role] = Array.from({ length: periods }, (_, t) =>
        t >= start && t < start + duration ? fte : 0,
      );
    }
    const size = (rate * duration) / (175 * 5);
    const score = Math.max(10, Math.min(100, Math.round(10 + 45 * size * (0.5 + rnd()))));
    const requires = i > 0 && rnd() < 0.1 ? [`P${String(int(0, i - 1)).padStart(4, '0')}`] : [];
    candidates.push({
      id: `P${String(i).padStart(4, '0')}`,
      score,
      cost,
      demand,
      requires,
      mandatory: rnd() < 0.05,
      excluded: rnd() < 0.03,
    });
  }
  // Mandatory candidates should not depend on excluded ones: drop such exclusions.
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const mandatoryClosure = new Set<string>();
  const visit = (id: string) => {
    if (mandatoryClosure.has(id)) return;
    mandatoryClosure.add(id);
    for (const r of byId.get(id)?.requires ?? []) visit(r);
  };
  for (const c of candidates) if (c.mandatory) visit(c.id);
  const fixed = candidates.map((c) =>
    c.excluded && mandatoryClosure.has(c.id) ? { ...c, excluded: false } : c,
  );

  const budgetShare = shape.budgetShare ?? 0.4;
  const capacityShare = shape.capacityShare ?? 0.45;
  const totalCost = new Array<number>(periods).fill(0);
  const totalDemand: Record<string, number[]> = Object.fromEntries(
    roles.map((r) => [r, new Array<number>(periods).fill(0)]),
  );
  for (const c of fixed) {
    c.cost.forEach((v, t) => {
      totalCost[t] += v;
    });
    for (const [role, s] of Object.entries(c.demand ?? {})) {
      s.forEach((v, t) => {
        totalDemand[role][t] += v;
      });
    }
  }
  const mean = (s: number[]) => s.reduce((a, b) => a + b, 0) / s.length;
  const budget = new Array<number>(periods).fill(Math.round(mean(totalCost) * budgetShare));
  // Mandatory work must fit: lift each limit to at least the mandatory load.
  const mandatoryCost = new Array<number>(periods).fill(0);
  const mandatoryDemand: Record<string, number[]> = Object.fromEntries(
    roles.map((r) => [r, new Array<number>(periods).fill(0)]),
  );
  for (const c of fixed) {
    if (!mandatoryClosure.has(c.id)) continue;
    c.cost.forEach((v, t) => {
      mandatoryCost[t] += v;
    });
    for (const [role, s] of Object.entries(c.demand ?? {})) {
      s.forEach((v, t) => {
        mandatoryDemand[role][t] += v;
      });
    }
  }
  const capacity: Record<string, number[]> = {};
  for (const role of roles) {
    const level = Math.max(1, Math.round(mean(totalDemand[role]) * capacityShare * 2) / 2);
    capacity[role] = Array.from({ length: periods }, (_, t) => Math.max(level, mandatoryDemand[role][t]));
  }
  return {
    periods,
    candidates: fixed,
    budget: budget.map((b, t) => Math.max(b, mandatoryCost[t])),
    capacity,
    maxShift: shape.maxShift ?? 0,
  };
}
