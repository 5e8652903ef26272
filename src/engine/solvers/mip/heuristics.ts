import { candidateLists } from './chain-move';
import { constructGreedy, repair } from './construct';
import { diveSearch, fitsDiveSearch } from './dive-search';
import { GapState } from './gap-state';
import { kick, oscillate, type Incumbent } from './improve';
import { maximiseLagrangian } from './lagrangian';
import { tightenBound, type MinForm } from './min-form';
import type { Rng } from './local-search';
import { seededRng } from '../../../domain/random';
import { fitsSubproblemSearch, subproblemSearch } from './subproblem-search';
import { fitsTabu, tabuSearch } from './tabu';

export interface HeuristicOutcome {
  /** Best feasible assignment found (min form), or null. */
  readonly best: Incumbent | null;
  /** Lagrangian lower bound (min form) and the multipliers that gave it. */
  readonly lowerMin: number;
  readonly mu: Float64Array;
  /** True when lowerMin already includes the knapsack relaxation's root bound (the dive search computed it). */
  readonly knapsackBound: boolean;
}

/** Proven when the incumbent reaches the (integrality-rounded) lower bound. */
export function proven(f: MinForm, best: Incumbent | null, lowerMin: number): boolean {
  if (!best || !Number.isFinite(lowerMin)) return false;
  return best.cost <= tightenBound(f, lowerMin) + 1e-9 * Math.max(1, Math.abs(best.cost));
}

/** Distinct feasible constructions kept from the Lagrangian phase as starts for the local search. */
const POOL_SIZE = 8;
/** Candidate agents per task in the tabu search's moves, and its iterations without a new best before it stops. */
const TABU_WIDTH = 20;
const TABU_PATIENCE = 20_000;
/** Pooled starts the oscillation runs from before the tabu search takes over. */
const TABU_AFTER_STARTS = 2;
/** Kicked restarts from the best in a row without a new best before the search gives up. */
const MAX_IDLE_RESTARTS = 4;
/**
 * Where the subproblem search applies: share of the time after the Lagrangian phase left to the
 * pooled starts and the tabu search (the tabu search's last gain came within ~300 iterations on
 * type D 20×200).
 */
const BEFORE_SUBPROBLEMS_SHARE = 0.15;
/** Share of the slice for the capacity relaxation and its repaired constructions (it ends sooner once converged). */
const LR_SHARE = 0.3;
/** Share of the slice for improving the first construction by penalised local search before the dives. */
const DIVE_FALLBACK_SHARE = 0.05;
/**
 * Dives hand over to HiGHS early on models it closes well (up to HAND_OVER_MAX_ARCS arcs), once
 * HAND_OVER_AFTER of the dive time has passed with the incumbent within HAND_OVER_GAP of the bound.
 */
const HAND_OVER_MAX_ARCS = 20_000;
const HAND_OVER_GAP = 0.0015;
const HAND_OVER_AFTER = 0.3;

/**
 * Our primal heuristics within [t0, deadlineMs] (`performance.now()` times): subgradient optimisation of the Lagrangian
 * relaxation of the load rows (up to 30% of the slice) — every 15+ iterations a greedy assignment
 * priced by the current multipliers is repaired to feasibility and kept in a pool of the best
 * distinct ones. Classic GAPs the dive search handles (integral loads, a core relaxation cheap
 * enough) then go to it (`diveFromPool`). Otherwise strategic oscillation (shift, swap and two-step ejection-chain moves on
 * cost + W·overload) from each pooled start in turn, best first, each until it stalls
 * (max(10, seats/20) non-improving rounds); once the pool is used up, from the best assignment
 * after a random kick of ~5% of the seats, until 4 such restarts in a row bring nothing. Runs
 * from different starts end in different basins (on type D 20×200 they ranged over 0.8%), so
 * restarting beats one long run. On classic GAPs the tabu search replaces the kicked restarts,
 * and with integral loads these searches get 15% of the time left after the Lagrangian phase,
 * the subproblem search (exact re-optimisation of a few agents' tasks) all the rest: on type D
 * it kept improving where the tabu search had levelled off. Stops early once the incumbent
 * meets the bound.
 */
export function runHeuristics(f: MinForm, t0: number, deadlineMs: number, seed: number): HeuristicOutcome {
  const rng = seededRng(seed);
  const s = new GapState(f);
  const pool: Incumbent[] = [];
  const diving = fitsDiveSearch(f);
  const lrDeadline = t0 + (deadlineMs - t0) * LR_SHARE;
  const bestCost = (): number => pool[0]?.cost ?? Infinity;
  const record = (): void => {
    if (s.feasible()) keep(pool, { slots: s.slotArc.slice(), cost: s.cost });
  };
  const lr = maximiseLagrangian(f, {
    deadlineMs: lrDeadline,
    maxIterations: 3000,
    // A repaired construction costs far more than an iteration on large instances: space them out.
    heuristicEvery: Math.max(15, Math.round(f.p.arcTask.length / 2000)),
    upper: bestCost,
    onMultipliers: (mu) => {
      constructGreedy(s, mu);
      // Shift-only repair first (cheap); swaps only when that cannot restore feasibility.
      if (repair(s, lrDeadline, rng, false) || repair(s, lrDeadline, rng)) record();
    },
    closes: (bound) => proven(f, pool[0] ?? null, bound),
  });
  if (diving) return diveFromPool(f, s, pool[0] ?? null, lr, deadlineMs, (deadlineMs - t0) * DIVE_FALLBACK_SHARE, rng);
  if (pool.length === 0) {
    constructGreedy(s, lr.mu);
    if (repair(s, deadlineMs, rng)) record();
  }
  const first = pool[0];
  if (first === undefined) return { best: null, lowerMin: lr.bound, mu: lr.mu, knapsackBound: false };
  const best: Incumbent = { slots: first.slots.slice(), cost: first.cost };
  const target = tightenBound(f, lr.bound);
  const cand = candidateLists(s, lr.mu, 5);
  // Short runs: a descent round costs ~60 ms at 200 seats and a start rarely improves late, so
  // more starts per second win (6 type D instances, 20×200 and 40×400: equal or better with 10
  // than with 20 rounds, 12442 → 12410 and 24636 → 24582; one long run: up to 12536).
  const stallLimit = Math.max(10, Math.ceil(s.slotArc.length / 20));
  // Kicked restarts end after MAX_IDLE_RESTARTS in a row bring nothing (small problems would
  // otherwise spend their whole share here before HiGHS can prove them).
  let idle = 0;
  const tabu = fitsTabu(f);
  // Classic GAPs with integral loads: the searches below level off early, the subproblem search gets the rest.
  const subproblems = tabu && fitsSubproblemSearch(f);
  const searchDeadline = subproblems ? performance.now() + (deadlineMs - performance.now()) * BEFORE_SUBPROBLEMS_SHARE : deadlineMs;
  for (let round = 0; performance.now() < searchDeadline && !proven(f, best, lr.bound) && idle < MAX_IDLE_RESTARTS; round++) {
    const run: Incumbent = { slots: best.slots.slice(), cost: best.cost };
    if (tabu && round >= Math.min(pool.length, TABU_AFTER_STARTS)) {
      // Classic GAPs: the tabu search from the best instead of kicked restarts.
      const found = tabuSearch(f, best, {
        deadlineMs: searchDeadline,
        rng,
        mu: lr.mu,
        width: TABU_WIDTH,
        target,
        tenure: 3,
        penaltyStep: 1.2,
        patience: TABU_PATIENCE,
      });
      if (found.cost < best.cost - 1e-9) {
        best.slots = found.slots;
        best.cost = found.cost;
      }
      break;
    }
    const pooled = pool[round];
    if (pooled !== undefined) {
      s.setSlots(pooled.slots);
      run.slots = pooled.slots.slice();
      run.cost = pooled.cost;
    } else {
      s.setSlots(best.slots);
      kick(s, Math.max(2, Math.ceil(0.05 * s.slotArc.length)), rng, cand);
    }
    oscillate(s, run, searchDeadline, rng, stallLimit, target, cand);
    if (run.cost < best.cost - 1e-9) {
      best.slots = run.slots;
      best.cost = run.cost;
      idle = 0;
    } else if (round >= pool.length) idle++;
  }
  if (subproblems && performance.now() < deadlineMs && !proven(f, best, lr.bound)) {
    const found = subproblemSearch(f, best, { deadlineMs, rng, target, mu: lr.mu });
    if (found.cost < best.cost - 1e-9) {
      best.slots = found.slots;
      best.cost = found.cost;
    }
  }
  return { best, lowerMin: lr.bound, mu: lr.mu, knapsackBound: false };
}

/**
 * The dive search's turn: the best construction first improved by penalised local search for
 * `fallbackMs` (under short limits a dive may not finish: 80×1600 takes ~5–10 s a dive), then
 * the dives until the deadline.
 */
function diveFromPool(
  f: MinForm,
  s: GapState,
  first: Incumbent | null,
  lr: { bound: number; mu: Float64Array },
  deadlineMs: number,
  fallbackMs: number,
  rng: Rng,
): HeuristicOutcome {
  let start = first;
  if (start) {
    start = { slots: start.slots.slice(), cost: start.cost };
    s.setSlots(start.slots);
    const stall = Math.max(10, Math.ceil(s.slotArc.length / 20));
    oscillate(s, start, performance.now() + fallbackMs, rng, stall, tightenBound(f, lr.bound), candidateLists(s, lr.mu, 5));
  }
  const now = performance.now();
  const handOver =
    f.p.arcTask.length <= HAND_OVER_MAX_ARCS ? { gap: HAND_OVER_GAP, after: now + (deadlineMs - now) * HAND_OVER_AFTER } : undefined;
  const out = diveSearch(f, { deadlineMs, rng, mu: lr.mu, lower: lr.bound, start, proven: (b, bound) => proven(f, b, bound), handOver });
  return { best: out.best, lowerMin: out.lowerMin, mu: lr.mu, knapsackBound: true };
}

/** Adds a start to the pool (sorted by cost, distinct costs, at most POOL_SIZE). */
function keep(pool: Incumbent[], x: Incumbent): void {
  if (pool.some((y) => Math.abs(y.cost - x.cost) <= 1e-9)) return;
  const worst = pool[pool.length - 1];
  if (pool.length >= POOL_SIZE && worst !== undefined && x.cost >= worst.cost) return;
  pool.push(x);
  pool.sort((a, b) => a.cost - b.cost);
  if (pool.length > POOL_SIZE) pool.pop();
}
