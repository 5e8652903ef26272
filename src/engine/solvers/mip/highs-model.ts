import type { ModelData } from 'highs';
import { fitsAgent, type MinForm } from './min-form';

/**
 * The full v1 model as a HiGHS MIP, always as a minimisation (see MinForm):
 *   columns  x_a ∈ {0,1} per arc (upper 0 when the arc cannot fit its agent),
 *            u_t ∈ {0..seats} per task when unassignedCost is given,
 *            s_ik ∈ [0, width] per load-cost segment k of agent i (continuous);
 *   rows     per task   Σ x (+ u_t) = seats,
 *            per agent  Σ load·x ≤ capacity, or Σ load·x − Σ_k s_ik = 0 when the agent has
 *            loadCosts (segments of width 1, the last one up to capacity, so capacity holds),
 *            optionally a cutoff row  objective ≤ bound  (HiGHS's own objective_bound option
 *            stops the LP solves inside branch-and-bound and yields wrong "optimal" answers, so
 *            a cutoff has to be a constraint).
 * Convexity of the load term (guaranteed by validation) makes the LP fill segments in order.
 */
export interface HighsLayout {
  readonly numArcs: number;
  /** First u column, or -1 when seats must all be filled. */
  readonly firstUnfilled: number;
  readonly numCols: number;
  readonly numRows: number;
  readonly nonzeros: number;
  /** Row index of the objective cutoff row, or -1. */
  readonly cutoffRow: number;
}

interface Segment {
  readonly agent: number;
  readonly cost: number;
  readonly width: number;
}

function segmentsOf(f: MinForm): Segment[] {
  const segs: Segment[] = [];
  f.loadCosts.forEach((lc, i) => {
    if (!lc) return;
    const cap = f.p.capacity[i] as number;
    const last = lc.length - 1;
    for (let k = 0; k < last && k < cap; k++) segs.push({ agent: i, cost: lc[k] as number, width: Math.min(1, cap - k) });
    if (cap > last) segs.push({ agent: i, cost: lc[last] as number, width: cap - last });
  });
  return segs;
}

/** Counts the model's size without building it (for the memory guard). */
export function highsLayout(f: MinForm, withCutoff = false): HighsLayout {
  const { p } = f;
  const numArcs = p.arcTask.length;
  let nonzeros = numArcs;
  for (let a = 0; a < numArcs; a++) if (p.arcLoad[a] !== 0) nonzeros++;
  const n = p.taskIds.length;
  const withUnfilled = f.unassigned !== null;
  let numSegs = 0;
  f.loadCosts.forEach((lc, i) => {
    if (lc) numSegs += Math.min(lc.length - 1, Math.ceil(p.capacity[i] as number)) + ((p.capacity[i] as number) > lc.length - 1 ? 1 : 0);
  });
  const numCols = numArcs + (withUnfilled ? n : 0) + numSegs;
  return {
    numArcs,
    firstUnfilled: withUnfilled ? numArcs : -1,
    numCols,
    numRows: n + p.agentIds.length + (withCutoff ? 1 : 0),
    nonzeros: nonzeros + (withUnfilled ? n : 0) + numSegs + (withCutoff ? numCols : 0),
    cutoffRow: withCutoff ? n + p.agentIds.length : -1,
  };
}

/**
 * Bytes of WASM heap a solve is expected to need: the model as passed (8-byte values, 4-byte
 * indices) times the working-copy factor of HiGHS's MIP solver (presolve, row- and column-wise
 * copies, LU factors, clique table, search). Measured here: heap growth 12× the input for a
 * 400k-arc GAP stopped at the root, 34× for a 128k-arc one after 8 s of branch-and-bound.
 */
export const HIGHS_BYTES_PER_INPUT_BYTE = 32;

export function estimateHighsBytes(layout: HighsLayout): number {
  const input = layout.numCols * 28 + layout.numRows * 16 + layout.nonzeros * 12;
  return input * HIGHS_BYTES_PER_INPUT_BYTE;
}

/** Builds the column-wise model; `infinity` is the runtime's; `cutoff` (min form) bounds the objective row. */
export function buildHighsModel(f: MinForm, layout: HighsLayout, infinity: number, cutoff?: number): ModelData {
  const { p } = f;
  const n = p.taskIds.length;
  const numArcs = layout.numArcs;
  const segs = segmentsOf(f);
  const numCols = layout.numCols;
  const colCost = new Float64Array(numCols);
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols);
  const integrality = new Int32Array(numCols);
  const starts = new Int32Array(numCols + 1);
  const indices = new Int32Array(layout.nonzeros);
  const values = new Float64Array(layout.nonzeros);
  let nz = 0;
  let col = 0;
  const push = (row: number, value: number): void => {
    indices[nz] = row;
    values[nz++] = value;
  };
  const pushCost = (value: number): void => {
    if (layout.cutoffRow >= 0 && value !== 0) push(layout.cutoffRow, value);
  };
  for (let a = 0; a < numArcs; a++, col++) {
    colCost[col] = f.cost[a] as number;
    const agent = p.arcAgent[a] as number;
    colUpper[col] = fitsAgent(p, a) ? 1 : 0;
    integrality[col] = 1;
    starts[col] = nz;
    push(p.arcTask[a] as number, 1);
    if (p.arcLoad[a] !== 0) push(n + agent, p.arcLoad[a] as number);
    pushCost(f.cost[a] as number);
  }
  if (f.unassigned !== null) {
    for (let t = 0; t < n; t++, col++) {
      colCost[col] = f.unassigned;
      colUpper[col] = p.seats[t] as number;
      integrality[col] = 1;
      starts[col] = nz;
      push(t, 1);
      pushCost(f.unassigned);
    }
  }
  for (const s of segs) {
    colCost[col] = s.cost;
    colUpper[col] = s.width;
    starts[col] = nz;
    push(n + s.agent, -1);
    pushCost(s.cost);
    col++;
  }
  starts[numCols] = nz;
  const rowLower = new Float64Array(layout.numRows);
  const rowUpper = new Float64Array(layout.numRows);
  for (let t = 0; t < n; t++) rowLower[t] = rowUpper[t] = p.seats[t] as number;
  for (let i = 0; i < p.agentIds.length; i++) {
    const withSegments = f.loadCosts[i] !== null;
    rowLower[n + i] = withSegments ? 0 : -infinity;
    rowUpper[n + i] = withSegments ? 0 : (p.capacity[i] as number);
  }
  if (layout.cutoffRow >= 0) {
    rowLower[layout.cutoffRow] = -infinity;
    rowUpper[layout.cutoffRow] = cutoff ?? infinity;
  }
  return {
    numCols,
    numRows: layout.numRows,
    colCost,
    colLower,
    colUpper,
    rowLower,
    rowUpper,
    matrix: { format: 'csc', numRows: layout.numRows, numCols, starts, indices: indices.subarray(0, nz), values: values.subarray(0, nz) },
    integrality,
  };
}
