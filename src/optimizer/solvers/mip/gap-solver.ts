import type { IndexedProblem, IndexedSolution } from '../../indexed';
import { seededRng } from './rng';
import { constructGreedy, repair } from './construct';
import { GapState } from './gap-state';
import { runHighs } from './highs';
import { iteratedLocalSearch, oscillate, type Incumbent } from './improve';
import { agentSubsetSearch } from './lns';
import { arcsAboveCutoff, maximiseLagrangian } from './lagrangian';
import { firstUnfillableTask, objectiveOf, tightenBound, toMinForm, type MinForm } from './min-form';

export interface GapSolveOptions {
  /** Wall-clock limit for the whole solve, in seconds. */
  readonly timeLimitSec: number;
  /** Share of the limit our own heuristics may use before HiGHS gets the rest. @defaultValue 0.4 */
  readonly heuristicShare?: number;
  /** Seed of the heuristics' random choices (runs are reproducible). @defaultValue 1 */
  readonly seed?: number;
  /** For large problems: share of the limit at which agent-subset LNS hands over to the full HiGHS run. @defaultValue 0.75 */
  readonly lnsUntil?: number;
  /** Hand the rest of the time to HiGHS (false: heuristics and Lagrangian bound only). @defaultValue true */
  readonly useHighs?: boolean;
  /** Extra HiGHS options for its phase (see HighsSolveOptions.highsOptions). */
  readonly highsOptions?: Readonly<Record<string, boolean | number | string>>;
}

const SOLVER = 'gap-lagrangian-ls+highs';
/** From this many arcs on, HiGHS rarely proves optimality in seconds: agent-subset LNS runs first. */
const LNS_MIN_ARCS = 2000;

function answer(f: MinForm, best: Incumbent | null, lowerMin: number, status: 'optimal' | 'feasible', extra: Partial<IndexedSolution> = {}): IndexedSolution {
  const { p } = f;
  const bound = Number.isFinite(lowerMin) ? f.sign * tightenBound(f, lowerMin) : null;
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
function heuristics(f: MinForm, t0: number, slice: number, seed: number): { best: Incumbent | null; lowerMin: number; mu: Float64Array } {
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
      if (repair(s, lrDeadline, rng)) record();
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
    const stallLimit = Number(process.env['GAP_STALL'] ?? 0) || Math.max(100, 2 * s.slotArc.length);
    if (process.env['GAP_ILS']) iteratedLocalSearch(s, found, t0 + slice, rng, stallLimit, tightenBound(f, lr.bound));
    else oscillate(s, found, t0 + slice, rng, stallLimit, tightenBound(f, lr.bound));
  }
  return { best: found, lowerMin: lr.bound, mu: lr.mu };
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
  const large = p.arcTask.length >= LNS_MIN_ARCS;
  const { best, lowerMin, mu } = heuristics(f, t0, limitMs * (opts.heuristicShare ?? (large ? 0.15 : 0.4)), opts.seed ?? 1);
  if (proven(f, best, lowerMin)) return answer(f, best, lowerMin, 'optimal');
  if (large && best && opts.useHighs !== false) {
    await agentSubsetSearch(f, best, mu, t0 + limitMs * (opts.lnsUntil ?? 0.75), seededRng((opts.seed ?? 1) + 1), tightenBound(f, lowerMin));
    if (proven(f, best, lowerMin)) return answer(f, best, lowerMin, 'optimal');
  }
  const remainingSec = (t0 + limitMs - performance.now()) / 1000;
  if (opts.useHighs === false || remainingSec <= 0.01) {
    return answer(f, best, lowerMin, 'feasible', { message: 'time limit reached' });
  }
  const tH = performance.now();
  // HiGHS gets the incumbent as MIP start (it prunes against it) and a model without the arcs
  // that Lagrangian reduced costs exclude from every better solution. (HiGHS's objective_bound
  // option is no cutoff for MIPs: it stops the node LPs and returns wrong "optimal" answers.)
  const start = best ? answerArcs(f, best) : undefined;
  let fixedToZero: Uint8Array | undefined;
  if (best && start) {
    fixedToZero = arcsAboveCutoff(f, mu, lowerMin, betterThan(f, best.cost));
    for (const a of start) fixedToZero[a] = 0;
  }
  const out = await runHighs(f, {
    timeLimitSec: remainingSec,
    ...(start ? { start } : {}),
    ...(fixedToZero ? { fixedToZero } : {}),
    // Presolve off: measured faster on OR-Library gap1–12 once reduced-cost fixing has run.
    highsOptions: { presolve: 'off', ...opts.highsOptions },
  });
  const h = out.solution;
  if (process.env['GAP_DEBUG']) console.error('heur', (tH - t0).toFixed(0), 'highs', (performance.now() - tH).toFixed(0), 'best', best?.cost, 'lr', lowerMin, h.status, h.objective, h.bound, fixedToZero?.reduce((x, y) => x + y, 0));
  if (h.status === 'infeasible') return { ...h, solver: SOLVER };
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

/** Largest objective a strictly better solution can have (integral objectives improve by ≥ 1). */
function betterThan(f: MinForm, incumbent: number): number {
  return f.integral ? incumbent - 1 + 1e-6 : incumbent - 1e-9 * Math.max(1, Math.abs(incumbent));
}

function answerArcs(f: MinForm, best: Incumbent): Int32Array {
  const s = new GapState(f);
  s.setSlots(best.slots);
  return s.chosenArcs();
}
