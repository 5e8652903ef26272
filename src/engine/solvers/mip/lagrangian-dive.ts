import type { Incumbent } from './improve';
import type { Rng } from './local-search';
import { relaxedRepair } from './relaxed-repair';
import { ascend, type SeatRelaxation } from './seat-relaxation';
import { itemAt } from '../../../domain/indexed-access';

export interface DiveOptions {
  readonly deadlineMs: number;
  readonly rng: Rng;
  /** Objective (min form) the subgradient steps aim at: a little above the root bound. */
  readonly stepTarget: number;
  /** Share of the tasks the knapsacks cover exactly once that one step fixes. @defaultValue 0.2 */
  readonly fixShare?: number;
  /** Subgradient iterations after each step's fixings. @defaultValue 40 */
  readonly stepIterations?: number;
}

export interface DiveOutcome {
  /** Best feasible assignment repaired on the way down (min form), or null. */
  readonly best: Incumbent | null;
  /** Fixing steps taken. */
  readonly steps: number;
}

const FIX_SHARE = 0.2;
const STEP_ITERATIONS = 40;

/**
 * A Lagrangian dive (column-generation-style diving, here on the knapsack relaxation of the
 * seat rows): from the root multipliers, repeatedly fix a random share of the tasks that the
 * agents' knapsacks cover exactly once to the agent that took them, re-optimise the
 * multipliers for a few subgradient iterations on what is left, and repair each relaxed
 * solution on the way into a feasible assignment, until every seat is fixed or the fixings
 * leave some task without room (then, if no repair fitted on the way, the last relaxed solution
 * is repaired through overload). On type D GAPs the knapsack bound is within ~0.05% of the
 * optimum, so a dive that follows it ends within a few tenths of a per cent (20×200: 0.2–0.5%
 * above the bound in ~0.3 s) where the neighbourhood searches had levelled off above 0.5%.
 * The random choice of fixings makes every dive different. Leaves `r` as it found it: no arc
 * fixed, multipliers at `rootLambda`.
 */
export function lagrangianDive(r: SeatRelaxation, rootLambda: Float64Array, o: DiveOptions): DiveOutcome {
  const fixed: number[] = [];
  r.lambda.set(rootLambda);
  r.evaluate();
  let best: Incumbent | null = null;
  let steps = 0;
  const share = o.fixShare ?? FIX_SHARE;
  for (;;) {
    const repaired = relaxedRepair(r);
    if (repaired && (!best || repaired.cost < best.cost - 1e-9)) best = repaired;
    const batch = tasksToFix(r, share, o.rng);
    if (batch.length === 0 || performance.now() > o.deadlineMs) break;
    for (const a of batch) {
      r.setArc(a, 1);
      fixed.push(a);
    }
    if (!r.consistent()) {
      for (const a of batch.reverse()) r.setArc(a, 0);
      fixed.length -= batch.length;
      r.evaluate();
      break;
    }
    ascend(r, {
      maxIterations: o.stepIterations ?? STEP_ITERATIONS,
      theta: 0.05,
      patience: 5,
      upper: o.stepTarget,
      enough: () => false,
      deadlineMs: o.deadlineMs,
    });
    steps++;
  }
  // No plain repair fitted (tight cores): overload the last relaxed solution and push it out.
  if (!best) best = relaxedRepair(r, { rng: o.rng, deadlineMs: o.deadlineMs });
  for (let q = fixed.length - 1; q >= 0; q--) r.setArc(itemAt(fixed, q), 0);
  r.lambda.set(rootLambda);
  return { best, steps };
}

/**
 * The arcs of a random `share` (at least one) of the open tasks that the last relaxed solution
 * covers exactly once — the knapsacks agree on them — each with the arc that covers it. Empty
 * when every seat is fixed or no task is covered exactly once.
 */
function tasksToFix(r: SeatRelaxation, share: number, rng: Rng): number[] {
  const { f } = r;
  const once: number[] = [];
  for (let t = 0; t < r.remaining.length; t++) if (r.remaining[t] === 1 && r.taken[t] === 1) once.push(t);
  const count = Math.min(once.length, Math.max(1, Math.ceil(share * once.length)));
  const arcs: number[] = [];
  for (let q = 0; q < count; q++) {
    // Partial Fisher–Yates: the first `count` of a random permutation.
    const k = q + Math.floor(rng() * (once.length - q));
    const t = itemAt(once, k);
    once[k] = itemAt(once, q);
    once[q] = t;
    for (let s = f.taskStart[t] as number; s < (f.taskStart[t + 1] as number); s++) {
      const a = f.taskArcs[s] as number;
      if (r.x[a] && r.open(a)) {
        arcs.push(a);
        break;
      }
    }
  }
  return arcs;
}
