import type { IndexedProblem, IndexedSolution } from '../../indexed';
import { seededRng } from './rng';
import { constructGreedy, repair } from './construct';
import { GapState } from './gap-state';
import { runHighs } from './highs';
import { iteratedLocalSearch, type Incumbent } from './improve';
import { maximiseLagrangian } from './lagrangian';
import { firstUnfillableTask, objectiveOf, tightenBound, toMinForm, type MinForm } from './min-form';

export interface GapSolveOptions {
  /** Wall-clock limit for the whole solve, in seconds. */
  readonly timeLimitSec: number;
  /** Share of the limit our own heuristics may use before HiGHS gets the rest. @defaultValue 0.4 */
  readonly heuristicShare?: number;
  /** Seed of the heuristics' random choices (runs are reproducible). @defaultValue 1 */
  readonly seed?: number;
  /** Hand the rest of the time to HiGHS (false: heuristics and Lagrangian bound only). @defaultValue true */
  readonly useHighs?: boolean;
}

const SOLVER = 'gap-lagrangian-ls+highs';

function answer(f: MinForm, best: Incumbent | null, lowerMin: number, status: 'optimal' | 'feasible', extra: Partial<IndexedSolution> = {}): IndexedSolution {
  const { p } = f;
  const bound = Number.isFinite(lowerMin) ? f.sign * lowerMin : null;
  if (!best) {
    return { status: 'time_limit', objective: null, bound, chosenArcs: new Int32Array(0), unfilled: Int32Array.from(p.seats), solver: SOLVER, ...extra };
  }
  const s = new GapState(f);
  s.setSlots(best.slots);
  const chosenArcs = s.chosenArcs();
  const unfilled = s.unfilled();
  const objective = objectiveOf(p, chosenArcs, unfilled);
  return { status, objective, bound: status === 'optimal' ? objective : bound, chosenArcs, unfilled, solver: SOLVER, ...extra };
}

/** Proven when the incumbent reaches the (integrality-rounded) lower bound. */
function proven(f: MinForm, best: Incumbent | null, lowerMin: number): boolean {
  if (!best || !Number.isFinite(lowerMin)) return false;
  return best.cost <= tightenBound(f, lowerMin) + 1e-9 * Math.max(1, Math.abs(best.cost));
}

/**
 * Heuristic phase: Lagrangian relaxation of the load rows (bound + multipliers), greedy
 * assignments priced by the multipliers repaired to feasibility, then iterated local search
 * (shift/swap descent with kicks). Returns the best feasible incumbent and the bound.
 */
function heuristics(f: MinForm, t0: number, slice: number, seed: number): { best: Incumbent | null; lowerMin: number } {
  const rng = seededRng(seed);
  const s = new GapState(f);
  let best: Incumbent | null = null;
  const lrDeadline = t0 + slice * 0.4;
  const record = (): void => {
    if (s.feasible() && (!best || s.cost < best.cost - 1e-9)) best = { slots: s.slotArc.slice(), cost: s.cost };
  };
  const lr = maximiseLagrangian(f, {
    deadline: lrDeadline,
    maxIterations: 3000,
    heuristicEvery: 15,
    upper: () => best?.cost ?? Infinity,
    onMultipliers: (mu) => {
      constructGreedy(s, mu);
      if (repair(s, lrDeadline, rng, false)) record();
    },
    closes: (bound) => proven(f, best, bound),
  });
  if (!best) {
    constructGreedy(s, lr.mu);
    if (repair(s, t0 + slice, rng)) record();
  }
  const found = best as Incumbent | null;
  if (found && !proven(f, found, lr.bound)) {
    s.setSlots(found.slots);
    const stallLimit = Math.max(200, 10 * s.slotArc.length);
    iteratedLocalSearch(s, found, t0 + slice, rng, stallLimit, tightenBound(f, lr.bound));
  }
  return { best: found, lowerMin: lr.bound };
}

/**
 * The weighted-load (generalized assignment) path with the whole v1 semantics: our heuristics
 * find an incumbent and a Lagrangian bound within a share of the limit; HiGHS then gets the
 * remaining time with the incumbent as MIP start and cutoff. The better answer is returned with
 * the best proven bound; `optimal` when proven (by HiGHS or because incumbent meets bound).
 */
export async function solveGap(p: IndexedProblem, opts: GapSolveOptions): Promise<IndexedSolution> {
  const t0 = performance.now();
  const limitMs = Math.max(1, opts.timeLimitSec * 1000);
  const f = toMinForm(p);
  const stuck = firstUnfillableTask(f);
  if (stuck >= 0) {
    return {
      status: 'infeasible', objective: null, bound: null, chosenArcs: new Int32Array(0), unfilled: Int32Array.from(p.seats),
      solver: SOLVER, message: `task ${p.taskIds[stuck]} has fewer usable agents than seats (and no unassignedCost)`,
    };
  }
  const { best, lowerMin } = heuristics(f, t0, limitMs * (opts.heuristicShare ?? 0.4), opts.seed ?? 1);
  if (proven(f, best, lowerMin)) return answer(f, best, lowerMin, 'optimal');
  const remainingSec = (t0 + limitMs - performance.now()) / 1000;
  if (opts.useHighs === false || remainingSec <= 0.01) {
    return answer(f, best, lowerMin, 'feasible', { message: 'time limit reached' });
  }
  const start = best ? answerArcs(f, best) : undefined;
  const out = await runHighs(f, {
    timeLimitSec: remainingSec,
    ...(start ? { start, objectiveBound: f.sign * best!.cost } : {}),
  });
  const h = out.solution;
  if (out.cutoffUnbeaten) return answer(f, best, best!.cost, 'optimal');
  if (h.status === 'infeasible') return { ...h, solver: SOLVER };
  let lower = lowerMin;
  if (h.bound !== null) lower = Math.max(lower, f.sign * h.bound);
  if (h.objective !== null && (!best || f.sign * h.objective < best.cost - 1e-9)) {
    if (h.status === 'optimal') return { ...h, solver: SOLVER };
    const status = proven(f, { slots: new Int32Array(0), cost: f.sign * h.objective }, lower) ? 'optimal' : 'feasible';
    return { ...h, status, bound: status === 'optimal' ? h.objective : f.sign * lower, solver: SOLVER };
  }
  if (h.status === 'optimal') lower = Math.max(lower, best!.cost);
  const status = proven(f, best, lower) ? 'optimal' : 'feasible';
  return answer(f, best, lower, status, status === 'feasible' ? { message: h.message ?? 'time limit reached' } : {});
}

function answerArcs(f: MinForm, best: Incumbent): Int32Array {
  const s = new GapState(f);
  s.setSlots(best.slots);
  return s.chosenArcs();
}
