import { candidateLists } from './chain-move';
import { constructGreedy, repair } from './construct';
import { GapState } from './gap-state';
import { oscillate, type Incumbent } from './improve';
import { maximiseLagrangian } from './lagrangian';
import { tightenBound, type MinForm } from './min-form';
import { seededRng } from './rng';

export interface HeuristicOutcome {
  /** Best feasible assignment found (min form), or null. */
  readonly best: Incumbent | null;
  /** Lagrangian lower bound (min form) and the multipliers that gave it. */
  readonly lowerMin: number;
  readonly mu: Float64Array;
}

/** Proven when the incumbent reaches the (integrality-rounded) lower bound. */
export function proven(f: MinForm, best: Incumbent | null, lowerMin: number): boolean {
  if (!best || !Number.isFinite(lowerMin)) return false;
  return best.cost <= tightenBound(f, lowerMin) + 1e-9 * Math.max(1, Math.abs(best.cost));
}

/**
 * Our primal heuristics within [t0, t0 + sliceMs]: subgradient optimisation of the Lagrangian
 * relaxation of the load rows (30% of the slice) — every 15+ iterations a greedy assignment
 * priced by the current multipliers is repaired to feasibility — then strategic oscillation
 * (shift, swap and two-step ejection-chain moves on cost + W·overload) from the best one.
 * Stops early once the incumbent meets the bound, or after 2 non-improving rounds per seat.
 */
export function runHeuristics(f: MinForm, t0: number, sliceMs: number, seed: number): HeuristicOutcome {
  const rng = seededRng(seed);
  const s = new GapState(f);
  let best: Incumbent | null = null;
  const lrDeadline = t0 + sliceMs * 0.3;
  const record = (): void => {
    if (s.feasible() && (!best || s.cost < best.cost - 1e-9)) best = { slots: s.slotArc.slice(), cost: s.cost };
  };
  const lr = maximiseLagrangian(f, {
    deadline: lrDeadline,
    maxIterations: 3000,
    // A repaired construction costs far more than an iteration on large instances: space them out.
    heuristicEvery: Math.max(15, Math.round(f.p.arcTask.length / 2000)),
    upper: () => best?.cost ?? Infinity,
    onMultipliers: (mu) => {
      constructGreedy(s, mu);
      // Shift-only repair first (cheap); swaps only when that cannot restore feasibility.
      if (repair(s, lrDeadline, rng, false) || repair(s, lrDeadline, rng)) record();
    },
    closes: (bound) => proven(f, best, bound),
  });
  if (!best) {
    constructGreedy(s, lr.mu);
    if (repair(s, t0 + sliceMs, rng)) record();
  }
  const found = best as Incumbent | null;
  if (found && !proven(f, found, lr.bound)) {
    s.setSlots(found.slots);
    const stallLimit = Math.max(100, 2 * s.slotArc.length);
    oscillate(s, found, t0 + sliceMs, rng, stallLimit, tightenBound(f, lr.bound), candidateLists(s, lr.mu, 5));
  }
  return { best: found, lowerMin: lr.bound, mu: lr.mu };
}
