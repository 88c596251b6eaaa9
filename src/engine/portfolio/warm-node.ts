import { FREE, maxDemandPerRow, type NodeRelaxation } from './node-lp.ts';
import type { SelectionModel } from './problem.ts';
import { WarmLp } from './warm-lp.ts';

/** The root LP of a warm-started search: every option of every item that is not excluded. */
export interface WarmRoot {
  readonly lp: WarmLp;
  /** Model option of each column. */
  readonly columns: Int32Array;
  /** Model row of each LP row (−1 for the one-option and dependency rows). */
  readonly rowModel: Int32Array;
  /** Scale applied to each LP row (to bring its largest coefficient to 1). */
  readonly scale: Float64Array;
}

/**
 * Builds the full LP once: rows for the constraints that can bind at all (the options' total
 * use exceeds the limit), one "at most one option" row per item with several, one row per
 * dependency (Σ x_B − Σ x_A ≤ 0). Children then only fix columns.
 */
export function buildWarmRoot(model: SelectionModel): WarmRoot {
  const columns: number[] = [];
  const columnOf = new Int32Array(model.optItem.length).fill(-1);
  for (let i = 0; i < model.n; i++) {
    if (model.excluded[i]) continue;
    for (let o = model.optStart[i]; o < model.optStart[i + 1]; o++) {
      columnOf[o] = columns.length;
      columns.push(o);
    }
  }
  const demand = maxDemandPerRow(model, (o) => columnOf[o] >= 0);
  const rowModel: number[] = [];
  const lpRowOf = new Int32Array(model.m).fill(-1);
  for (let r = 0; r < model.m; r++) {
    if (demand[r] > model.limit[r] + 1e-9 * Math.max(1, model.limit[r])) {
      lpRowOf[r] = rowModel.length;
      rowModel.push(r);
    }
  }
  const constraintRows = rowModel.length;
  for (let i = 0; i < model.n; i++) {
    if (!model.excluded[i] && model.optStart[i + 1] - model.optStart[i] > 1) rowModel.push(-1);
  }
  let depRows = 0;
  for (let i = 0; i < model.n; i++) {
    if (model.excluded[i]) continue;
    for (const p of model.prereq[i]) if (!model.excluded[p]) depRows++;
  }
  for (let k = 0; k < depRows; k++) rowModel.push(-1);
  const rows = rowModel.length;
  const cols = columns.length;
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
  const scale = new Float64Array(rows).fill(1);
  for (let row = 0; row < constraintRows; row++) {
    let largest = 0;
    for (let j = 0; j < cols; j++) largest = Math.max(largest, a[row * cols + j]);
    scale[row] = largest > 0 ? 1 / largest : 1;
    for (let j = 0; j < cols; j++) a[row * cols + j] *= scale[row];
    b[row] = model.limit[rowModel[row]] * scale[row];
  }
  let row = constraintRows;
  for (let i = 0; i < model.n; i++) {
    if (model.excluded[i] || model.optStart[i + 1] - model.optStart[i] <= 1) continue;
    for (let o = model.optStart[i]; o < model.optStart[i + 1]; o++) a[row * cols + columnOf[o]] = 1;
    b[row++] = 1;
  }
  for (let i = 0; i < model.n; i++) {
    if (model.excluded[i]) continue;
    for (const p of model.prereq[i]) {
      if (model.excluded[p]) continue;
      for (let o = model.optStart[i]; o < model.optStart[i + 1]; o++) a[row * cols + columnOf[o]] = 1;
      for (let o = model.optStart[p]; o < model.optStart[p + 1]; o++) a[row * cols + columnOf[o]] = -1;
      b[row++] = 0;
    }
  }
  return {
    lp: WarmLp.create(rows, cols, a, b, c),
    columns: Int32Array.from(columns),
    rowModel: Int32Array.from(rowModel),
    scale,
  };
}

/** Tableau memory of one search level, in doubles: the search keeps one per level of depth. */
export function warmTableauSize(root: WarmRoot): number {
  return (root.lp.m + 1) * (root.lp.n + root.lp.m + 1);
}

/**
 * Solves a node from its parent's tableau: fixes the columns of decided items (the chosen
 * option at 1, the others at 0) and of banned options at 0, then re-solves. Returns null when
 * the node's LP is infeasible.
 */
export function solveWarmNode(
  model: SelectionModel,
  root: WarmRoot,
  parent: WarmLp,
  status: Int32Array,
  banned: Uint8Array,
): NodeRelaxation | null {
  const lp = parent.clone();
  const { columns } = root;
  for (let j = 0; j < columns.length; j++) {
    if (lp.isFixed(j)) continue;
    const o = columns[j];
    const s = status[model.optItem[o]];
    if (s === FREE) {
      if (banned[o]) lp.fix(j, 0);
    } else lp.fix(j, s === o ? 1 : 0);
  }
  if (lp.solve() === 'infeasible') return null;
  const x = lp.values();
  const y = lp.duals();
  const { bound, reduced } = lp.bound(y);
  const itemValue = new Float64Array(model.n);
  for (let j = 0; j < columns.length; j++) itemValue[model.optItem[columns[j]]] += x[j];
  const rowPrice = new Float64Array(model.m);
  for (let k = 0; k < root.rowModel.length; k++) {
    const r = root.rowModel[k];
    if (r >= 0) rowPrice[r] = y[k] * root.scale[k];
  }
  return { bound, columns, x, reduced, warm: lp, itemValue, rowPrice };
}
