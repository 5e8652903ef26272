import { dpCells, fitsSeatRelaxation, MAX_BOUND_CELLS } from './branch-and-bound';
import { coreProblem } from './core-problem';
import type { Incumbent } from './improve';
import { lagrangianDive } from './lagrangian-dive';
import type { Rng } from './local-search';
import { tightenBound, type MinForm } from './min-form';
import { ascend, SeatRelaxation, warmStart } from './seat-relaxation';
import { fitsSubproblemSearch, subproblemSearch } from './subproblem-search';

/** Arcs per task the dives keep (the core problem), by least capacity-relaxation reduced cost. */
const CORE_WIDTH = 5;

/**
 * True for GAPs the dive search handles: the subproblem search's classic shape, with a core
 * problem whose knapsack relaxation is cheap enough to iterate.
 */
export function fitsDiveSearch(f: MinForm): boolean {
  const m = f.p.agentIds.length;
  return fitsSubproblemSearch(f) && dpCells(f) * Math.min(1, CORE_WIDTH / m) <= MAX_BOUND_CELLS;
}

export interface DiveSearchOptions {
  readonly deadlineMs: number;
  readonly rng: Rng;
  /** Multipliers of the capacity rows (the warm start of the seat multipliers, the core's arc filter and the subproblem search's). */
  readonly mu: Float64Array;
  /** Lower bound already proven (min form), e.g. the capacity relaxation's. */
  readonly lower: number;
  /** Best assignment known, or null; the result is never worse. */
  readonly start: Incumbent | null;
  /** True once a cost is proven optimal against a bound (integrality-aware). */
  readonly proven: (best: Incumbent | null, bound: number) => boolean;
  /**
   * Stop diving early, once the time `after` has passed and the incumbent is within the relative
   * `gap` of the bound: for the caller's exact solver to close. Default: dive until the deadline.
   */
  readonly handOver?: { readonly gap: number; readonly after: number };
}

export interface DiveSearchOutcome {
  readonly best: Incumbent | null;
  /** The best of `lower` and the knapsack relaxation's root bound (computed when it is cheap enough: fitsSeatRelaxation). */
  readonly lowerMin: number;
}

/** Root ascents: iterations, and the share of the time left each may take. */
const ROOT_ITERATIONS = 400;
const BOUND_SHARE = 0.25;
const CORE_ROOT_SHARE = 0.15;
/** The dives' subgradient steps aim this far (relative) above the core's root bound. */
const STEP_TARGET_GAP = 0.005;
/** Subproblem search after each dive: this share of the time left after the roots, within [min, max] ms. */
const POLISH_SHARE = 0.05;
const POLISH_MIN_MS = 200;
const POLISH_MAX_MS = 1000;

/**
 * Diving on the knapsack relaxation of a core problem, each dive polished by the subproblem
 * search. The whole problem's knapsack relaxation is ascended first when that is cheap (its
 * bound is the one we report); the dives then run on the core — each task's CORE_WIDTH arcs of
 * least reduced cost — whose relaxation is cheaper and, on type D, far more decisive: 80×1600
 * with 5 arcs a task ended 0.06–0.21% above the bound in 60 s, with 8 arcs 0.34–0.36%, with 12
 * 0.52%, while 20×200 and 40×400 came out the same with 5 arcs as with all of them. Until the
 * deadline each dive from the core's root multipliers (`lagrangianDive`, random fixings, so
 * every dive differs) gives an assignment near the bound that the subproblem search (exact
 * re-optimisation of a few agents' tasks, on the whole problem) improves for a short while;
 * the best is kept. Many short polishes of fresh dives beat one long search from the best dive
 * (20×200, 10 s: 0.14–0.18% above the bound with 0.5 s polishes, 0.19–0.28% with 1–2 s).
 */
export function diveSearch(f: MinForm, o: DiveSearchOptions): DiveSearchOutcome {
  let best = o.start;
  let lowerMin = o.lower;
  let lambda: Float64Array | null = null;
  if (fitsSeatRelaxation(f)) {
    const whole = new SeatRelaxation(f);
    warmStart(whole, o.mu);
    lowerMin = Math.max(
      lowerMin,
      rootAscent(whole, o, BOUND_SHARE, (b) => o.proven(best, b)),
    );
    lambda = whole.lambda;
  }
  if (o.proven(best, lowerMin)) return { best, lowerMin };
  const core = coreProblem(f, o.mu, CORE_WIDTH);
  const r = new SeatRelaxation(core.f);
  if (lambda) r.lambda.set(lambda);
  else warmStart(r, o.mu);
  // The core's bound is no bound of the whole problem: it only aims the dives' steps.
  const coreBound = rootAscent(r, { ...o, lower: lowerMin }, CORE_ROOT_SHARE, () => false);
  if (!Number.isFinite(coreBound)) return { best, lowerMin };
  const rootLambda = r.lambda.slice();
  const stepTarget = coreBound + STEP_TARGET_GAP * Math.max(1, Math.abs(coreBound));
  const polishMs = Math.min(POLISH_MAX_MS, Math.max(POLISH_MIN_MS, (o.deadlineMs - performance.now()) * POLISH_SHARE));
  const target = tightenBound(f, lowerMin);
  const polish = (start: Incumbent): Incumbent =>
    subproblemSearch(f, start, { deadlineMs: Math.min(o.deadlineMs, performance.now() + polishMs), rng: o.rng, target, mu: o.mu });
  // The start first: under short limits a dive may not finish (80×1600: ~5–10 s a dive).
  if (best) best = polish(best);
  const handOver = (): boolean =>
    !!o.handOver && !!best && performance.now() >= o.handOver.after && best.cost - target <= o.handOver.gap * Math.max(1, Math.abs(target));
  while (performance.now() < o.deadlineMs && !o.proven(best, lowerMin) && !handOver()) {
    const dive = lagrangianDive(r, rootLambda, { deadlineMs: o.deadlineMs, rng: o.rng, stepTarget });
    if (!dive.best) continue;
    const polished = polish({ slots: Int32Array.from(dive.best.slots, (a) => core.arcs[a] as number), cost: dive.best.cost });
    if (!best || polished.cost < best.cost - 1e-9) best = polished;
  }
  return { best, lowerMin };
}

/** Subgradient ascent of a relaxation from its current multipliers, within `share` of the time left (until `enough`); its bound. */
function rootAscent(r: SeatRelaxation, o: DiveSearchOptions, share: number, enough: (bound: number) => boolean): number {
  const now = performance.now();
  return ascend(r, {
    maxIterations: ROOT_ITERATIONS,
    theta: 0.1,
    patience: 10,
    upper: o.start?.cost ?? o.lower + Math.max(1, 0.01 * Math.abs(o.lower)),
    enough,
    deadlineMs: now + (o.deadlineMs - now) * share,
  });
}
