import { loadTermCost, type IndexedProblem } from '../../indexed';

/**
 * A problem restated as a minimisation, as every MIP-path routine works on it: for `max` the
 * arc costs, load costs and the unassigned cost are negated (non-increasing loadCosts become
 * non-decreasing, so the load term stays convex). Objective(original) = sign × objective(min form).
 */
export interface MinForm {
  readonly p: IndexedProblem;
  readonly sign: 1 | -1;
  readonly cost: Float64Array;
  /** Min-form cost of an unfilled seat, or null when every seat must be filled. */
  readonly unassigned: number | null;
  readonly loadCosts: readonly (Float64Array | null)[];
  /** Arcs that fit their agent at all (load ≤ capacity), per task, sorted by agent (CSR). */
  readonly taskStart: Int32Array;
  readonly taskArcs: Int32Array;
  /** True when every solution's objective is an integer (integral data), so bounds may be rounded up. */
  readonly integral: boolean;
}

const FIT_TOL = 1e-9;

/** No agent has load costs. */
export function hasNoLoadCosts(f: MinForm): boolean {
  return f.loadCosts.every((lc) => lc === null);
}

/** Every arc load is an integer (what the knapsack relaxation's DP needs). */
export function hasIntegralLoads(f: MinForm): boolean {
  for (let a = 0; a < f.p.arcLoad.length; a++) if (!Number.isInteger(f.p.arcLoad[a])) return false;
  return true;
}

/** The textbook GAP the neighbourhood searches are written for: one seat a task, every seat filled, no load costs. */
export function isClassicGap(f: MinForm): boolean {
  if (f.unassigned !== null || !hasNoLoadCosts(f)) return false;
  for (const s of f.p.seats) if (s !== 1) return false;
  return true;
}

export function fitsAgent(p: IndexedProblem, arc: number): boolean {
  const cap = p.capacity[p.arcAgent[arc] as number] as number;
  return (p.arcLoad[arc] as number) <= cap + FIT_TOL * Math.max(1, cap);
}

export function toMinForm(p: IndexedProblem): MinForm {
  const sign = p.sense === 'max' ? -1 : 1;
  const cost = new Float64Array(p.arcCost.length);
  for (let a = 0; a < cost.length; a++) cost[a] = sign * (p.arcCost[a] as number);
  const loadCosts = p.loadCosts.map((lc) => (lc ? lc.map((v) => sign * v) : null));
  const n = p.taskIds.length;
  const taskStart = new Int32Array(n + 1);
  for (let a = 0; a < p.arcTask.length; a++) if (fitsAgent(p, a)) (taskStart[(p.arcTask[a] as number) + 1] as number)++;
  for (let t = 0; t < n; t++) (taskStart[t + 1] as number) += taskStart[t] as number;
  const fill = taskStart.slice(0, n);
  const taskArcs = new Int32Array(taskStart[n] as number);
  for (let a = 0; a < p.arcTask.length; a++) if (fitsAgent(p, a)) taskArcs[(fill[p.arcTask[a] as number] as number)++] = a;
  for (let t = 0; t < n; t++) {
    const slice = taskArcs.subarray(taskStart[t], taskStart[t + 1]);
    slice.sort((x, y) => (p.arcAgent[x] as number) - (p.arcAgent[y] as number));
  }
  return {
    p,
    sign,
    cost,
    unassigned: p.unassignedCost === null ? null : sign * p.unassignedCost,
    loadCosts,
    taskStart,
    taskArcs,
    integral: hasIntegralObjective(p),
  };
}

function hasIntegralObjective(p: IndexedProblem): boolean {
  const int = (v: number): boolean => Number.isInteger(v);
  if (p.unassignedCost !== null && !int(p.unassignedCost)) return false;
  if (!p.arcCost.every(int)) return false;
  if (p.loadCosts.some((lc) => lc !== null)) {
    // Load terms are integral only when loads are whole units and unit costs integral.
    if (!p.arcLoad.every(int)) return false;
    if (!p.loadCosts.every((lc) => lc === null || lc.every(int))) return false;
  }
  return true;
}

/** Best bound a min-form bound proves once integrality of the objective is used. */
export function tightenBound(f: MinForm, minBound: number): number {
  return f.integral ? Math.ceil(minBound - 1e-6) : minBound;
}

/** The objective, in the problem's own sense, of a set of chosen arcs and unfilled seats. */
export function objectiveOf(p: IndexedProblem, chosenArcs: Int32Array, unfilled: Int32Array): number {
  const load = new Float64Array(p.agentIds.length);
  let sum = 0;
  for (const a of chosenArcs) {
    sum += p.arcCost[a] as number;
    (load[p.arcAgent[a] as number] as number) += p.arcLoad[a] as number;
  }
  for (let i = 0; i < load.length; i++) sum += loadTermCost(p.loadCosts[i] ?? null, load[i] as number);
  if (p.unassignedCost !== null) for (const u of unfilled) sum += u * p.unassignedCost;
  return sum;
}

/** Index of the first task that cannot get its seats filled at all (too few usable arcs, no unassignedCost), or -1. */
export function firstUnfillableTask(f: MinForm): number {
  if (f.unassigned !== null) return -1;
  const { seats } = f.p;
  for (let t = 0; t < seats.length; t++) if ((f.taskStart[t + 1] as number) - (f.taskStart[t] as number) < (seats[t] as number)) return t;
  return -1;
}
