import type { IndexedProblem } from '../../indexed';
import { toMinForm, type MinForm } from './min-form';

/**
 * Candidate arcs per task (CSR): the `width` usable arcs of least Lagrangian reduced cost
 * c + μ·load (μ: multipliers of the capacity rows), plus one more per extra seat. The
 * neighbourhood searches only follow these, and the core problem keeps only these.
 */
export interface CandidateLists {
  readonly start: Int32Array;
  readonly arcs: Int32Array;
}

export function cheapestArcs(f: MinForm, mu: Float64Array, width: number): CandidateLists {
  const { p, cost, taskStart, taskArcs } = f;
  const n = p.taskIds.length;
  const start = new Int32Array(n + 1);
  const out: number[] = [];
  const reduced = (a: number): number => (cost[a] as number) + (mu[p.arcAgent[a] as number] as number) * (p.arcLoad[a] as number);
  for (let t = 0; t < n; t++) {
    const arcs = Array.from(taskArcs.subarray(taskStart[t] as number, taskStart[t + 1] as number));
    arcs.sort((x, y) => reduced(x) - reduced(y));
    out.push(...arcs.slice(0, width + (p.seats[t] as number) - 1));
    start[t + 1] = out.length;
  }
  return { start, arcs: Int32Array.from(out) };
}

/** A problem restricted to some arcs of another, and the way back. */
export interface CoreProblem {
  readonly f: MinForm;
  /** Arc of the whole problem for each arc of the core. */
  readonly arcs: Int32Array;
}

/**
 * The core problem (as in core approaches to knapsack and assignment problems): the same tasks,
 * agents and capacities, each task keeping only its `width` arcs of least reduced cost. Its
 * feasible assignments are feasible for the whole problem; its bounds are not bounds of it.
 */
export function coreProblem(f: MinForm, mu: Float64Array, width: number): CoreProblem {
  const { p } = f;
  const kept = cheapestArcs(f, mu, width).arcs.slice().sort();
  const core: IndexedProblem = {
    ...p,
    arcTask: Int32Array.from(kept, (a) => p.arcTask[a] as number),
    arcAgent: Int32Array.from(kept, (a) => p.arcAgent[a] as number),
    arcCost: Float64Array.from(kept, (a) => p.arcCost[a] as number),
    arcLoad: Float64Array.from(kept, (a) => p.arcLoad[a] as number),
  };
  return { f: toMinForm(core), arcs: kept };
}
