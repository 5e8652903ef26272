import { infeasibleSolution, type IndexedProblem, type IndexedSolution } from '../../indexed';
import { GapState } from './gap-state';
import { branchAndBound, fitsBranchAndBound, fitsSeatRelaxation } from './branch-and-bound';
import { proven, runHeuristics } from './heuristics';
import { runHighs } from './highs';
import type { Incumbent } from './improve';
import { arcsAboveCutoff } from './lagrangian';
import { relaxedRepair } from './relaxed-repair';
import { fitsDiveSearch } from './dive-search';
import { fitsTabu } from './tabu';
import { ascend, SeatRelaxation, warmStart } from './seat-relaxation';
import { firstUnfillableTask, objectiveOf, tightenBound, toMinForm, type MinForm } from './min-form';

export interface GapSolveOptions {
  /**
   * Wall-clock limit for the whole solve, in seconds (the public unit). Inside, every phase gets
   * an absolute `deadlineMs` on the `performance.now()` clock instead.
   */
  readonly timeLimitSec: number;
  /**
   * Share of the (remaining) limit our own heuristics may use before HiGHS gets the rest; on
   * small classic GAPs they only run if our branch-and-bound did not finish in half the limit.
   * @defaultValue 0.7 on classic GAPs (one seat per task, every seat filled, no load costs), else 0.4, or 0.25 from 2,000 arcs on
   */
  readonly heuristicShare?: number;
  /** Seed of the heuristics' random choices (results still depend on timing: phases end by the clock). @defaultValue 1 */
  readonly seed?: number;
  /** Hand the rest of the time to HiGHS (false: heuristics and Lagrangian bound only). @defaultValue true */
  readonly useHighs?: boolean;
  /** Extra HiGHS options for its phase (see HighsSolveOptions.highsOptions). */
  readonly highsOptions?: Readonly<Record<string, boolean | number | string>>;
}

const SOLVER = 'gap-lagrangian-ls+highs';
/** From this many arcs on, proofs are rare within seconds: the heuristics get a smaller share and HiGHS more. */
const LARGE_ARCS = 2000;
/** Up to this many arcs (OR-Library gap1–12 have ≤ 600) our branch-and-bound runs before HiGHS, with this share of the limit. */
const SEARCH_MAX_ARCS = 1500;
const SEARCH_SHARE = 0.5;
/** Heuristics' share of the limit on classic GAPs the tabu search handles. */
const TABU_SHARE = 0.7;
/** Heuristics' share of the limit on classic GAPs the dive search handles. */
const DIVE_SHARE = 0.85;
/** Share of the remaining limit the knapsack bound may take on larger classic GAPs. */
const SEAT_BOUND_SHARE = 0.15;

function answer(
  f: MinForm,
  best: Incumbent | null,
  lowerMin: number,
  status: 'optimal' | 'feasible',
  extra: Partial<IndexedSolution> = {},
): IndexedSolution {
  const { p } = f;
  const bound = Number.isFinite(lowerMin) ? f.sign * tightenBound(f, lowerMin) : null;
  if (!best) {
    return {
      status: 'time_limit',
      objective: null,
      bound,
      chosenArcs: new Int32Array(0),
      unfilled: Int32Array.from(p.seats),
      solver: SOLVER,
      ...extra,
    };
  }
  const s = new GapState(f);
  s.setSlots(best.slots);
  const chosenArcs = s.chosenArcs();
  const unfilled = s.unfilled();
  const objective = objectiveOf(p, chosenArcs, unfilled);
  return { status, objective, bound: status === 'optimal' ? objective : bound, chosenArcs, unfilled, solver: SOLVER, ...extra };
}

/**
 * The weighted-load (generalized assignment) path with the whole v1 semantics. Small GAPs of
 * the classic shape (integral loads, no load costs) go to our branch-and-bound on the knapsack
 * Lagrangian bound first, which usually proves them within milliseconds. Otherwise (or when
 * it is cut short) our heuristics find an incumbent and a Lagrangian bound within a share of
 * the limit; HiGHS then gets the remaining time with the incumbent as MIP start and cutoff. The
 * better answer is returned with the best proven bound; `optimal` only when proven.
 */
export async function solveGap(p: IndexedProblem, opts: GapSolveOptions): Promise<IndexedSolution> {
  const t0 = performance.now();
  const deadlineMs = t0 + Math.max(1, opts.timeLimitSec * 1000);
  const f = toMinForm(p);
  const stuck = firstUnfillableTask(f);
  if (stuck >= 0) return infeasible(p, `task ${p.taskIds[stuck]} has fewer usable agents than seats (and no unassignedCost)`);
  const large = p.arcTask.length >= LARGE_ARCS;
  const small = p.arcTask.length <= SEARCH_MAX_ARCS && fitsBranchAndBound(f);
  let found: Incumbent | null = null;
  let searchBound = -Infinity;
  if (small) {
    // Small classic GAPs: our branch-and-bound first (it finds its own incumbents, measured
    // faster than starting it from the heuristics below); they only run if it is cut short.
    const bb = branchAndBound(f, null, { deadlineMs: t0 + (deadlineMs - t0) * SEARCH_SHARE, seed: opts.seed ?? 1 });
    if (bb.complete) {
      return bb.best
        ? answer(f, bb.best, bb.best.cost, 'optimal')
        : infeasible(p, 'no assignment fills every seat within the capacities (proved by branch-and-bound)');
    }
    found = bb.best;
    searchBound = bb.rootBound;
  }
  const sliceStart = performance.now();
  // Classic GAPs get most of the limit for the tabu and subproblem searches: HiGHS improved no
  // type D incumbent within the rest of a 10–60 s limit. (0.85 cost type C 20×200 the 2451 HiGHS
  // finds from our 2453 there, and did not make type D 20×200 reliably better.)
  const share = opts.heuristicShare ?? (fitsDiveSearch(f) ? DIVE_SHARE : fitsTabu(f) ? TABU_SHARE : large ? 0.25 : 0.4);
  const heur = runHeuristics(f, sliceStart, sliceStart + (deadlineMs - sliceStart) * share, opts.seed ?? 1);
  let best = heur.best && (!found || heur.best.cost < found.cost) ? heur.best : found;
  let lowerMin = Math.max(heur.lowerMin, searchBound);
  if (!small && !heur.knapsackBound && !proven(f, best, lowerMin) && fitsSeatRelaxation(f)) {
    // The knapsack relaxation's bound is at least the LP bound HiGHS starts from: a better
    // reported bound, and its relaxed solution repaired is one more incumbent candidate.
    const r = new SeatRelaxation(f);
    warmStart(r, heur.mu);
    const incumbent = best;
    lowerMin = Math.max(
      lowerMin,
      ascend(r, {
        maxIterations: 300,
        theta: 0.1,
        patience: 10,
        upper: best?.cost ?? Infinity,
        enough: (b) => proven(f, incumbent, b),
        deadlineMs: performance.now() + (deadlineMs - performance.now()) * SEAT_BOUND_SHARE,
      }),
    );
    const repaired = relaxedRepair(r);
    if (repaired && (!best || repaired.cost < best.cost - 1e-9)) best = repaired;
  }
  if (proven(f, best, lowerMin)) return answer(f, best, lowerMin, 'optimal');
  const remainingMs = deadlineMs - performance.now();
  if (opts.useHighs === false || remainingMs <= 10) {
    return answer(f, best, lowerMin, 'feasible', { message: 'time limit reached' });
  }
  // HiGHS gets the incumbent as MIP start (it prunes against it) and a model without the arcs
  // that Lagrangian reduced costs exclude from every better solution. (HiGHS's objective_bound
  // option is no cutoff for MIPs: it stops the node LPs and returns wrong "optimal" answers.)
  const start = best ? answerArcs(f, best) : undefined;
  let fixedToZero: Uint8Array | undefined;
  if (best && start) {
    fixedToZero = arcsAboveCutoff(f, heur.mu, heur.lowerMin, betterThan(f, best.cost));
    for (const a of start) fixedToZero[a] = 0;
  }
  const out = await runHighs(f, {
    // HiGHS's clock starts after the model is built and passed: leave room for that (measured ~6 µs per arc here).
    deadlineMs: performance.now() + Math.max(50, remainingMs - 6e-3 * p.arcTask.length),
    ...(start ? { start } : {}),
    ...(fixedToZero ? { fixedToZero } : {}),
    // Presolve off: measured faster on OR-Library gap1–12 once reduced-cost fixing has run; on
    // large models it is needed (without it the root LP overran the time limit by 2–3×).
    highsOptions: { presolve: large ? 'on' : 'off', ...opts.highsOptions },
  });
  const h = out.solution;
  if (h.status === 'infeasible') {
    // With an incumbent as start HiGHS cannot find the model infeasible; trust a proof only without one.
    return best ? answer(f, best, lowerMin, 'feasible', { message: 'HiGHS rejected the incumbent start' }) : { ...h, solver: SOLVER };
  }
  // HiGHS searched only below the incumbent: its bound holds for the whole problem capped at the incumbent.
  let lower = lowerMin;
  if (h.bound !== null) lower = Math.max(lower, Math.min(f.sign * h.bound, best?.cost ?? Infinity));
  if (h.objective !== null && (!best || f.sign * h.objective < best.cost - 1e-9)) {
    if (h.status === 'optimal') return { ...h, solver: SOLVER };
    const status = tightenBound(f, lower) >= f.sign * h.objective - 1e-9 * Math.max(1, Math.abs(h.objective)) ? 'optimal' : 'feasible';
    return { ...h, status, bound: status === 'optimal' ? h.objective : f.sign * tightenBound(f, lower), solver: SOLVER };
  }
  const status = proven(f, best, lower) ? 'optimal' : 'feasible';
  return answer(f, best, lower, status, status === 'feasible' ? { message: h.message ?? 'time limit reached' } : {});
}

function infeasible(p: IndexedProblem, message: string): IndexedSolution {
  return infeasibleSolution(p, SOLVER, message);
}

/** Largest objective a strictly better solution can have (integral objectives improve by ≥ 1). */
function betterThan(f: MinForm, incumbent: number): number {
  return f.integral ? incumbent - 1 + 1e-6 : incumbent - 1e-9 * Math.max(1, Math.abs(incumbent));
}

function answerArcs(f: MinForm, best: Incumbent): Int32Array {
  const s = new GapState(f);
  s.setSlots(best.slots);
  return s.chosenArcs();
}
