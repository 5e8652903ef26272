import type { Incumbent } from './improve';
import { hasIntegralLoads, hasNoLoadCosts, type MinForm } from './min-form';
import { ascend, SeatRelaxation } from './seat-relaxation';
import { relaxedRepair } from './relaxed-repair';
import { seededRng } from '../../../domain/random';
import { itemAt } from '../../../domain/indexed-access';

/**
 * Our own exact search for small GAPs of the classic shape (integral loads, no load costs):
 * depth-first branch-and-bound on one arc at a time (in, then out), each node bounded by the
 * knapsack Lagrangian relaxation of the seat rows (see SeatRelaxation) with its multipliers
 * warm-started from the parent, and every node's relaxed solution repaired into a feasible
 * incumbent when it can be. HiGHS needs ~0.3–4 s on OR-Library gap8–12; this bound is strong
 * enough there that the trees stay small.
 */
export interface BranchAndBoundOptions {
  /** Stop (unproven) at this performance.now() time. */
  readonly deadlineMs: number;
  /** Subgradient iterations at the root, and at every other node. @defaultValue 600, 40 */
  readonly rootIterations?: number;
  readonly nodeIterations?: number;
  /** Seed of the penalised repair's random order. @defaultValue 1 */
  readonly seed?: number;
  /** Multipliers of the seat rows to start the root's ascent from (one per task). @defaultValue all 0 */
  readonly rootLambda?: Float64Array;
}

export interface BranchAndBoundOutcome {
  /** Best feasible assignment known at the end (the start one if nothing better was found). */
  readonly best: Incumbent | null;
  /** True when the search finished: `best` is optimal, or no feasible assignment exists when null. */
  readonly complete: boolean;
  /** Lagrangian bound at the root (min form), valid for the whole problem, and the multipliers that gave it. */
  readonly rootBound: number;
  readonly rootLambda: Float64Array;
  readonly nodes: number;
}

/** Largest Σ_agents capacity × arcs that one relaxation may cost (knapsack DP cells). */
const MAX_DP_CELLS = 4_000_000;

/**
 * Largest Σ_agents arcs × capacity for the bound alone on larger problems: near the optimal
 * multipliers most arcs of a tight agent have positive profit, so an evaluation costs about
 * this many DP cells (type D 80×1600: ~100M cells, 160 ms an evaluation, and no gain over the
 * capacity relaxation in 100 iterations; 40×400: 6.4M).
 */
export const MAX_BOUND_CELLS = 20_000_000;

/** True when the knapsack relaxation applies (integral loads, no load costs) and stays cheap enough to iterate. */
export function fitsSeatRelaxation(f: MinForm): boolean {
  return classicShape(f) && dpCells(f) <= MAX_BOUND_CELLS;
}

/** True when, besides, our search may evaluate it at every node. */
export function fitsBranchAndBound(f: MinForm): boolean {
  return classicShape(f) && dpCells(f) <= MAX_DP_CELLS;
}

function classicShape(f: MinForm): boolean {
  return hasNoLoadCosts(f) && hasIntegralLoads(f);
}

/** Σ_agents arcs × min(capacity, Σ loads): the DP cells of one evaluation with every arc in play. */
export function dpCells(f: MinForm): number {
  const { p } = f;
  const arcsOf = new Float64Array(p.agentIds.length);
  const loadOf = new Float64Array(p.agentIds.length);
  for (const a of f.taskArcs) {
    (arcsOf[p.arcAgent[a] as number] as number)++;
    (loadOf[p.arcAgent[a] as number] as number) += p.arcLoad[a] as number;
  }
  let cells = 0;
  for (let i = 0; i < arcsOf.length; i++) cells += (arcsOf[i] as number) * Math.min(p.capacity[i] as number, loadOf[i] as number);
  return cells;
}

export function branchAndBound(f: MinForm, start: Incumbent | null, opts: BranchAndBoundOptions): BranchAndBoundOutcome {
  const r = new SeatRelaxation(f);
  if (opts.rootLambda) r.lambda.set(opts.rootLambda);
  let rootLambda = r.lambda;
  const rng = seededRng(opts.seed ?? 1);
  let best = start;
  let nodes = 0;
  let aborted = false;
  let rootBound = -Infinity;
  // Without an incumbent, a node is pruned once its bound exceeds the dearest possible assignment (it has none).
  const dearest = worstCase(f);
  const slack = (bound: number): boolean => {
    if (!best) return bound > dearest;
    return f.integral ? bound > best.cost - 1 + 1e-6 : bound >= best.cost - 1e-9 * Math.max(1, Math.abs(best.cost));
  };
  const offer = (found: Incumbent | null): void => {
    if (found && (!best || found.cost < best.cost - 1e-9)) best = found;
  };
  const search = (): void => {
    nodes++;
    if (performance.now() > opts.deadlineMs) {
      aborted = true;
      return;
    }
    if (!r.consistent()) return;
    const root = nodes === 1;
    const bound = ascend(r, {
      maxIterations: root ? (opts.rootIterations ?? 600) : (opts.nodeIterations ?? 40),
      theta: root ? 2 : 0.5,
      patience: root ? 20 : 5,
      upper: best?.cost ?? Infinity,
      enough: slack,
      deadlineMs: opts.deadlineMs,
    });
    if (root) {
      rootBound = bound;
      rootLambda = r.lambda.slice();
    }
    if (slack(bound)) return;
    // The penalised repair costs more: only while no incumbent exists, and at the root.
    offer(relaxedRepair(r, root || !best ? { rng, deadlineMs: opts.deadlineMs } : undefined));
    if (slack(bound)) return;
    const a = branchArc(r);
    if (a < 0) return; // the relaxed solution fills every seat row: repaired as is, it is this node's optimum
    const saved = r.lambda.slice();
    for (const state of [1, -1] as const) {
      r.setArc(a, state);
      search();
      r.setArc(a, 0);
      r.lambda.set(saved);
      if (aborted) return;
    }
  };
  search();
  return { best, complete: !aborted, rootBound, rootLambda, nodes };
}

/** Objective of the dearest conceivable assignment: every seat at its task's dearest arc (or unfilled). */
function worstCase(f: MinForm): number {
  let total = 0;
  for (let t = 0; t < f.p.taskIds.length; t++) {
    const dear: number[] = [];
    for (let k = f.taskStart[t] as number; k < (f.taskStart[t + 1] as number); k++) dear.push(f.cost[f.taskArcs[k] as number] as number);
    if (f.unassigned !== null) for (let q = 0; q < (f.p.seats[t] as number); q++) dear.push(f.unassigned);
    dear.sort((x, y) => y - x);
    for (let q = 0; q < (f.p.seats[t] as number) && q < dear.length; q++) total += itemAt(dear, q);
  }
  return total + 1e-6 * Math.max(1, Math.abs(total));
}

/**
 * The arc to branch on: in the seat row the relaxed solution violates most (ties: the task
 * with the fewest open arcs), the cheapest arc the relaxation chose for it, or its cheapest
 * open arc when it chose none. −1 when no seat row is violated.
 */
function branchArc(r: SeatRelaxation): number {
  const { f } = r;
  const { cost } = f;
  let bestTask = -1;
  let bestScore = -Infinity;
  for (let t = 0; t < r.grad.length; t++) {
    const g = Math.abs(r.grad[t] as number);
    if (g === 0) continue;
    let openArcs = 0;
    for (let k = f.taskStart[t] as number; k < (f.taskStart[t + 1] as number); k++) if (r.open(f.taskArcs[k] as number)) openArcs++;
    const score = g * 1000 - openArcs;
    if (score > bestScore) {
      bestScore = score;
      bestTask = t;
    }
  }
  if (bestTask < 0) return -1;
  let pick = -1;
  const wantChosen = (r.taken[bestTask] as number) > 0;
  for (let k = f.taskStart[bestTask] as number; k < (f.taskStart[bestTask + 1] as number); k++) {
    const a = f.taskArcs[k] as number;
    if (!r.open(a) || (wantChosen && !r.x[a])) continue;
    if (pick < 0 || (cost[a] as number) < (cost[pick] as number)) pick = a;
  }
  return pick;
}
