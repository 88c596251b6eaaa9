import { addUsage, fits, NOT_SELECTED } from './node-lp.ts';
import type { SelectionModel } from './problem.ts';

/** A complete selection: chosen option per item (or NOT_SELECTED), row usage and total score. */
export interface Placement {
  chosen: Int32Array;
  used: Float64Array;
  score: number;
}

function topoPositions(model: SelectionModel): Int32Array {
  const pos = new Int32Array(model.n);
  for (let k = 0; k < model.n; k++) pos[model.topo[k]] = k;
  return pos;
}

/**
 * Items in the order a greedy should try them: score per unit of priced resource use, where
 * an option's weight is Σ price_r × use_r and an item's is its lightest option. Without
 * prices each row costs 1 / limit (the share of the row the option takes).
 */
export function greedyOrder(model: SelectionModel, rowPrice?: Float64Array): Int32Array {
  const price = new Float64Array(model.m);
  let anyPrice = false;
  if (rowPrice) for (let r = 0; r < model.m; r++) if (rowPrice[r] > 0) anyPrice = true;
  for (let r = 0; r < model.m; r++) {
    const share = 1 / Math.max(model.limit[r], 1e-12);
    // A small share keeps zero-priced rows from being free, which would tie everything.
    price[r] = anyPrice ? rowPrice![r] + 1e-6 * share : share;
  }
  const ratio = new Float64Array(model.n);
  for (let i = 0; i < model.n; i++) {
    let lightest = Number.POSITIVE_INFINITY;
    for (let o = model.optStart[i]; o < model.optStart[i + 1]; o++) {
      let weight = 0;
      for (let k = model.useStart[o]; k < model.useStart[o + 1]; k++)
        weight += price[model.useRow[k]] * model.useAmt[k];
      lightest = Math.min(lightest, weight);
    }
    ratio[i] = lightest === Number.POSITIVE_INFINITY ? 0 : model.score[i] / Math.max(lightest, 1e-300);
  }
  return Int32Array.from(
    Array.from({ length: model.n }, (_, i) => i).sort((x, y) => ratio[y] - ratio[x] || x - y),
  );
}

/**
 * Places the mandatory items, prerequisites first, each at the first shift that fits.
 * Returns null when that first-fit placement fails (a search may still find one).
 */
export function placeMandatory(model: SelectionModel): Placement | null {
  const chosen = new Int32Array(model.n).fill(NOT_SELECTED);
  const used = new Float64Array(model.m);
  let score = 0;
  for (let k = 0; k < model.n; k++) {
    const i = model.topo[k];
    if (!model.mandatory[i]) continue;
    if (model.excluded[i]) return null;
    let placed = false;
    for (let o = model.optStart[i]; o < model.optStart[i + 1] && !placed; o++) {
      if (fits(model, o, used)) {
        chosen[i] = o;
        addUsage(model, o, used, 1);
        score += model.score[i];
        placed = true;
      }
    }
    if (!placed) return null;
  }
  return { chosen, used, score };
}

/**
 * Adds items in `order` while they fit, each together with its unselected prerequisites
 * (placed first, each at its first fitting shift). Mutates `p`; returns the items added.
 */
export function greedyFill(
  model: SelectionModel,
  p: Placement,
  order: Int32Array,
  blocked?: Uint8Array,
  topoPos: Int32Array = topoPositions(model),
): number[] {
  const added: number[] = [];
  const mark = new Uint8Array(model.n);
  let changed = true;
  while (changed) {
    changed = false;
    for (const i of order) {
      if (p.chosen[i] !== NOT_SELECTED || model.excluded[i] || blocked?.[i]) continue;
      // The bundle: i and its unselected prerequisites, in topological order.
      const bundle: number[] = [];
      const stack = [i];
      let ok = true;
      mark[i] = 1;
      const marked = [i];
      while (stack.length > 0 && ok) {
        const v = stack.pop()!;
        bundle.push(v);
        for (const q of model.prereq[v]) {
          if (p.chosen[q] !== NOT_SELECTED || mark[q]) continue;
          if (model.excluded[q] || blocked?.[q]) ok = false;
          mark[q] = 1;
          marked.push(q);
          stack.push(q);
        }
      }
      for (const v of marked) mark[v] = 0;
      if (!ok) continue;
      bundle.sort((x, y) => topoPos[x] - topoPos[y]);
      const placedOptions: number[] = [];
      for (const v of bundle) {
        let option = -1;
        for (let o = model.optStart[v]; o < model.optStart[v + 1]; o++) {
          if (fits(model, o, p.used)) {
            option = o;
            break;
          }
        }
        if (option < 0) break;
        addUsage(model, option, p.used, 1);
        placedOptions.push(option);
      }
      if (placedOptions.length < bundle.length) {
        for (const o of placedOptions) addUsage(model, o, p.used, -1);
        continue;
      }
      bundle.forEach((v, k) => {
        p.chosen[v] = placedOptions[k];
        p.score += model.score[v];
        added.push(v);
      });
      changed = true;
    }
  }
  return added;
}

/**
 * Local search: drop one selected item (with the selected items that need it) and refill
 * greedily without it; keep the change when the score rises. Stops after a pass without
 * improvement or `maxTrials` drops. Mutates `p`; returns the number of trials made.
 */
export function improveByDropAndRefill(
  model: SelectionModel,
  p: Placement,
  order: Int32Array,
  maxTrials: number,
): number {
  const topoPos = topoPositions(model);
  const blocked = new Uint8Array(model.n);
  const tolerance = 1e-9 * Math.max(1, p.score);
  let trials = 0;
  let improved = true;
  while (improved && trials < maxTrials) {
    improved = false;
    // Worst-ratio items first: the order is best-first, so walk it backwards.
    for (let k = order.length - 1; k >= 0 && trials < maxTrials; k--) {
      const x = order[k];
      if (p.chosen[x] === NOT_SELECTED || model.mandatory[x]) continue;
      const drop: number[] = [];
      const stack = [x];
      let ok = true;
      while (stack.length > 0) {
        const v = stack.pop()!;
        if (blocked[v]) continue;
        if (model.mandatory[v]) ok = false;
        blocked[v] = 1;
        drop.push(v);
        for (const d of model.dependents[v]) if (p.chosen[d] !== NOT_SELECTED && !blocked[d]) stack.push(d);
      }
      if (!ok) {
        for (const v of drop) blocked[v] = 0;
        continue;
      }
      trials++;
      const before = p.score;
      const dropped = drop.map((v) => p.chosen[v]);
      for (const v of drop) {
        addUsage(model, p.chosen[v], p.used, -1);
        p.score -= model.score[v];
        p.chosen[v] = NOT_SELECTED;
      }
      const added = greedyFill(model, p, order, blocked, topoPos);
      for (const v of drop) blocked[v] = 0;
      if (p.score > before + tolerance) {
        improved = true;
        continue;
      }
      for (const v of added) {
        addUsage(model, p.chosen[v], p.used, -1);
        p.score -= model.score[v];
        p.chosen[v] = NOT_SELECTED;
      }
      drop.forEach((v, j) => {
        p.chosen[v] = dropped[j];
        addUsage(model, dropped[j], p.used, 1);
        p.score += model.score[v];
      });
    }
  }
  return trials;
}

/**
 * An upper bound on the best score by Lagrangean relaxation of the budget and capacity rows
 * (dependencies dropped), improved by subgradient steps: for prices y ≥ 0,
 * L(y) = Σ y_r·limit_r + Σ_items max over options (score − y·use), floored at 0 for optional
 * items. Any y gives a valid bound; the best one seen is returned.
 */
export function lagrangeanSubgradientBound(
  model: SelectionModel,
  lowerBound: number,
  iterations: number,
  startPrice?: Float64Array,
): { bound: number; price: Float64Array } {
  const { m, n } = model;
  // Work on rows normalised to a limit of 1 so one step size suits every row.
  const scale = new Float64Array(m);
  for (let r = 0; r < m; r++) scale[r] = model.limit[r] > 0 ? 1 / model.limit[r] : 1;
  const y = new Float64Array(m);
  if (startPrice) for (let r = 0; r < m; r++) y[r] = startPrice[r] / scale[r];
  const normLimit = (r: number) => model.limit[r] * scale[r];
  const g = new Float64Array(m);
  let best = Number.POSITIVE_INFINITY;
  let bestY = Float64Array.from(y);
  let lambda = 2;
  let stale = 0;
  for (let it = 0; it < iterations; it++) {
    let value = 0;
    for (let r = 0; r < m; r++) {
      value += y[r] * normLimit(r);
      g[r] = normLimit(r);
    }
    for (let i = 0; i < n; i++) {
      if (model.excluded[i]) continue;
      let bestOption = -1;
      let bestReduced = model.mandatory[i] ? Number.NEGATIVE_INFINITY : 0;
      for (let o = model.optStart[i]; o < model.optStart[i + 1]; o++) {
        let reduced = model.score[i];
        for (let k = model.useStart[o]; k < model.useStart[o + 1]; k++) {
          reduced -= y[model.useRow[k]] * model.useAmt[k] * scale[model.useRow[k]];
        }
        if (reduced > bestReduced) {
          bestReduced = reduced;
          bestOption = o;
        }
      }
      if (bestOption < 0) continue;
      value += bestReduced;
      for (let k = model.useStart[bestOption]; k < model.useStart[bestOption + 1]; k++) {
        g[model.useRow[k]] -= model.useAmt[k] * scale[model.useRow[k]];
      }
    }
    if (it === 0 || value < best - 1e-12 * Math.max(1, Math.abs(best))) {
      best = value;
      bestY = Float64Array.from(y);
      stale = 0;
    } else if (++stale >= 20) {
      lambda /= 2;
      stale = 0;
    }
    let norm = 0;
    for (let r = 0; r < m; r++) if (!(y[r] === 0 && g[r] > 0)) norm += g[r] * g[r];
    if (norm === 0 || value - lowerBound <= 1e-9 * Math.max(1, value)) break;
    const step = (lambda * (value - lowerBound)) / norm;
    for (let r = 0; r < m; r++) y[r] = Math.max(0, y[r] - step * g[r]);
  }
  const price = new Float64Array(m);
  for (let r = 0; r < m; r++) price[r] = bestY[r] * scale[r];
  return { bound: best, price };
}
