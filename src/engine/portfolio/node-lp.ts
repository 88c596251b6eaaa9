import { solveBoundedLp } from './bounded-lp.ts';
import type { SelectionModel } from './problem.ts';
import type { WarmLp } from './warm-lp.ts';

/** Item status during search: FREE, NOT_SELECTED, or the chosen option index (≥ 0). */
export const FREE = -2;
export const NOT_SELECTED = -1;

/** True when option `o` fits in what is left of every row. */
export function fits(model: SelectionModel, o: number, used: Float64Array): boolean {
  for (let k = model.useStart[o]; k < model.useStart[o + 1]; k++) {
    const r = model.useRow[k];
    const limit = model.limit[r];
    if (used[r] + model.useAmt[k] > limit + 1e-9 * Math.max(1, limit)) return false;
  }
  return true;
}

export function addUsage(model: SelectionModel, o: number, used: Float64Array, sign: 1 | -1): void {
  for (let k = model.useStart[o]; k < model.useStart[o + 1]; k++)
    used[model.useRow[k]] += sign * model.useAmt[k];
}

/**
 * Most each row can be asked for: Σ over items of the largest use among the item's options
 * that `include` accepts (an item takes one shift at most). A row whose most is within its
 * limit can never bind and is left out of the LP.
 */
export function maxDemandPerRow(model: SelectionModel, include: (o: number) => boolean): Float64Array {
  const demand = new Float64Array(model.m);
  const itemMax = new Float64Array(model.m);
  const touched: number[] = [];
  for (let i = 0; i < model.n; i++) {
    for (let o = model.optStart[i]; o < model.optStart[i + 1]; o++) {
      if (!include(o)) continue;
      for (let k = model.useStart[o]; k < model.useStart[o + 1]; k++) {
        const r = model.useRow[k];
        if (itemMax[r] === 0) touched.push(r);
        if (model.useAmt[k] > itemMax[r]) itemMax[r] = model.useAmt[k];
      }
    }
    for (const r of touched) {
      demand[r] += itemMax[r];
      itemMax[r] = 0;
    }
    touched.length = 0;
  }
  return demand;
}

/** The LP relaxation of the free part of a search node, and its solution mapped back to the model. */
export interface NodeRelaxation {
  /** Upper bound on the node's best score, fixed items included. */
  readonly bound: number;
  /** Model option of each LP column. */
  readonly columns: Int32Array;
  /** LP value of each column. */
  readonly x: Float64Array;
  /** Reduced cost of each column at the clamped duals (see BoundedLpResult.reduced). */
  readonly reduced: Float64Array;
  /** The node's tableau when solved warm, for its children to start from. */
  readonly warm: WarmLp | null;
  /** Sum of LP values of each item's options (0 for items not in the LP). */
  readonly itemValue: Float64Array;
  /** Dual price per unit of each model row, in the row's own units (0 for rows left out). */
  readonly rowPrice: Float64Array;
}

/**
 * Builds and solves the LP relaxation over free items whose options still fit: one column per
 * fitting option; rows for the model constraints that can still bind (the free options'
 * total use exceeds what is left), one "at most one option" row per item with several, and
 * one row per dependency between two free items (Σ x_B − Σ x_A ≤ 0). Rows are scaled to a
 * largest coefficient of 1 for conditioning.
 */
export function solveNodeRelaxation(
  model: SelectionModel,
  status: Int32Array,
  used: Float64Array,
  fixedScore: number,
  banned?: Uint8Array,
): NodeRelaxation {
  const { n, m } = model;
  const columns: number[] = [];
  const columnOf = new Int32Array(model.optItem.length).fill(-1);
  const optionCount = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (status[i] !== FREE) continue;
    for (let o = model.optStart[i]; o < model.optStart[i + 1]; o++) {
      if (banned?.[o] || !fits(model, o, used)) continue;
      columnOf[o] = columns.length;
      columns.push(o);
      optionCount[i]++;
    }
  }
  const demand = maxDemandPerRow(model, (o) => columnOf[o] >= 0);
  const cols = columns.length;
  const lpRowOf = new Int32Array(m).fill(-1);
  const rowModel: number[] = [];
  for (let r = 0; r < m; r++) {
    const left = model.limit[r] - used[r];
    if (demand[r] > left + 1e-9 * Math.max(1, model.limit[r])) {
      lpRowOf[r] = rowModel.length;
      rowModel.push(r);
    }
  }
  const gubItems: number[] = [];
  for (let i = 0; i < n; i++) if (optionCount[i] > 1) gubItems.push(i);
  const depPairs: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    if (optionCount[i] === 0) continue;
    for (const p of model.prereq[i]) if (status[p] === FREE && optionCount[p] > 0) depPairs.push([i, p]);
  }
  const rows = rowModel.length + gubItems.length + depPairs.length;
  const a = new Float64Array(rows * cols);
  const b = new Float64Array(rows);
  const c = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    const o = columns[j];
    c[j] = model.score[model.optItem[o]];
    for (let k = model.useStart[o]; k < model.useStart[o + 1]; k++) {
      const row = lpRowOf[model.useRow[k]];
      if (row >= 0) a[row * cols + j] = model.useAmt[k];
    }
  }
  const scale = new Float64Array(rowModel.length);
  for (let row = 0; row < rowModel.length; row++) {
    let largest = 0;
    for (let j = 0; j < cols; j++) largest = Math.max(largest, a[row * cols + j]);
    scale[row] = largest > 0 ? 1 / largest : 1;
    for (let j = 0; j < cols; j++) a[row * cols + j] *= scale[row];
    const r = rowModel[row];
    b[row] = Math.max(0, model.limit[r] - used[r]) * scale[row];
  }
  let row = rowModel.length;
  for (const i of gubItems) {
    for (let o = model.optStart[i]; o < model.optStart[i + 1]; o++) {
      if (columnOf[o] >= 0) a[row * cols + columnOf[o]] = 1;
    }
    b[row++] = 1;
  }
  for (const [dependent, prerequisite] of depPairs) {
    for (let o = model.optStart[dependent]; o < model.optStart[dependent + 1]; o++) {
      if (columnOf[o] >= 0) a[row * cols + columnOf[o]] = 1;
    }
    for (let o = model.optStart[prerequisite]; o < model.optStart[prerequisite + 1]; o++) {
      if (columnOf[o] >= 0) a[row * cols + columnOf[o]] = -1;
    }
    b[row++] = 0;
  }
  const lp = solveBoundedLp(rows, cols, a, b, c);
  const itemValue = new Float64Array(n);
  for (let j = 0; j < cols; j++) itemValue[model.optItem[columns[j]]] += lp.x[j];
  const rowPrice = new Float64Array(m);
  for (let k = 0; k < rowModel.length; k++) rowPrice[rowModel[k]] = lp.duals[k] * scale[k];
  return {
    bound: fixedScore + lp.bound,
    columns: Int32Array.from(columns),
    x: lp.x,
    reduced: lp.reduced,
    warm: null,
    itemValue,
    rowPrice,
  };
}
