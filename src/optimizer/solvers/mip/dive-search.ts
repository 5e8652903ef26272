import { fitsSeatRelaxation } from './branch-and-bound';
import type { Incumbent } from './improve';
import { lagrangianDive } from './lagrangian-dive';
import type { Rng } from './local-search';
import { tightenBound, type MinForm } from './min-form';
import { ascend, SeatRelaxation, warmStart } from './seat-relaxation';
import { fitsSubproblemSearch, subproblemSearch } from './subproblem-search';

/** True for GAPs the dive search handles: the subproblem search's classic shape, with a knapsack relaxation cheap enough to iterate. */
export function fitsDiveSearch(f: MinForm): boolean {
  return fitsSubproblemSearch(f) && fitsSeatRelaxation(f);
}

export interface DiveSearchOptions {
  readonly deadline: number;
  readonly rng: Rng;
  /** Multipliers of the capacity rows (the warm start of the seat multipliers, and the subproblem search's arc filter). */
  readonly mu: Float64Array;
  /** Lower bound already proven (min form), e.g. the capacity relaxation's. */
  readonly lower: number;
  /** Best assignment known, or null; the result is never worse. */
  readonly start: Incumbent | null;
  /** True once a cost is proven optimal against a bound (integrality-aware). */
  readonly proven: (best: Incumbent | null, bound: number) => boolean;
}

export interface DiveSearchOutcome {
  readonly best: Incumbent | null;
  /** The knapsack relaxation's root bound, or `lower` if that is better. */
  readonly lowerMin: number;
}

/** Root ascent: iterations, and its share of the time left when it starts. */
const ROOT_ITERATIONS = 400;
const ROOT_SHARE = 0.25;
/** The dives' subgradient steps aim this far (relative) above the root bound. */
const STEP_TARGET_GAP = 0.005;
/** Subproblem search after each dive: this share of the time left after the root, within [min, max] ms. */
const POLISH_SHARE = 0.05;
const POLISH_MIN_MS = 200;
const POLISH_MAX_MS = 2000;
/** Subproblem search shape (see subproblemSearch): agents freed together and a freed task's agents. */
const SUBPROBLEM_AGENTS = [3, 8] as const;
const SUBPROBLEM_WIDTH = 3;

/**
 * Diving on the knapsack relaxation, each dive polished by the subproblem search: the seat
 * multipliers are first ascended at the root (warm-started from the capacity multipliers; its
 * bound is the best we report), then until the deadline each dive from the root multipliers
 * (`lagrangianDive`, random fixings, so every dive differs) gives an assignment near the bound
 * that the subproblem search (exact re-optimisation of a few agents' tasks) improves for a
 * short while; the best is kept. Measured on type D (`npm run bench:gap`): many short polishes
 * of fresh dives beat one long search from the best dive (20×200, 10 s: 0.14–0.18% above the
 * bound with 0.5 s polishes, 0.19–0.28% with 1–2 s).
 */
export function diveSearch(f: MinForm, o: DiveSearchOptions): DiveSearchOutcome {
  let best = o.start;
  const r = new SeatRelaxation(f);
  warmStart(r, o.mu);
  const rootStart = performance.now();
  const rootBound = ascend(r, {
    maxIterations: ROOT_ITERATIONS, theta: 0.1, patience: 10,
    upper: best?.cost ?? o.lower + Math.max(1, 0.01 * Math.abs(o.lower)),
    enough: (b) => o.proven(best, b), deadline: rootStart + (o.deadline - rootStart) * ROOT_SHARE,
  });
  const lowerMin = Math.max(o.lower, rootBound);
  if (!Number.isFinite(rootBound) || o.proven(best, lowerMin)) return { best, lowerMin };
  const rootLambda = r.lambda.slice();
  const stepTarget = rootBound + STEP_TARGET_GAP * Math.max(1, Math.abs(rootBound));
  const polishMs = Math.min(POLISH_MAX_MS, Math.max(POLISH_MIN_MS, (o.deadline - performance.now()) * POLISH_SHARE));
  const target = tightenBound(f, lowerMin);
  while (performance.now() < o.deadline && !o.proven(best, lowerMin)) {
    const dive = lagrangianDive(r, rootLambda, { deadline: o.deadline, rng: o.rng, stepTarget });
    if (!dive.best) continue;
    const [minAgents, maxAgents] = SUBPROBLEM_AGENTS;
    const polished = subproblemSearch(f, dive.best, {
      deadline: Math.min(o.deadline, performance.now() + polishMs), rng: o.rng, target, minAgents, maxAgents, mu: o.mu, width: SUBPROBLEM_WIDTH,
    });
    if (!best || polished.cost < best.cost - 1e-9) best = polished;
  }
  return { best, lowerMin };
}
