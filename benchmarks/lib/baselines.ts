import type { IndexedProblem, IndexedSolution } from '../../src/engine/indexed';
import { solveIndexed } from '../../src/runtime/threaded-solve';
import { solveWithHighs } from '../../src/engine/solvers/mip/highs';
import { solveWithLpSolver } from '../../test/support/lp-reference';
import { generateCountyInstance } from './county-instance';
import { solveGreedy } from './greedy';
import { generateProvinceInstance } from './province-instance';

/** What the solve benchmark runs: the engine, its three baselines and the engine held to one thread, by name. */
export const SOLVER_NAMES = ['engine', 'lp-solver', 'highs', 'greedy', 'engine-1t'] as const;
export type SolverName = (typeof SOLVER_NAMES)[number];

export type InstanceSpec =
  | {
      readonly kind: 'county';
      readonly n: number;
      readonly seed: number;
      readonly loadCosts: boolean;
      /** Keep each case's k cheapest eligible arcs (then unfilled seats cost 1000). */
      readonly arcsPerCase?: number;
    }
  | { readonly kind: 'province'; readonly seed: number; readonly loadCosts: boolean };

export function instanceLabel(spec: InstanceSpec): string {
  if (spec.kind === 'province') return 'province 100k×50k';
  return `county n=${spec.n.toLocaleString('en-US')}${spec.arcsPerCase ? ` k=${spec.arcsPerCase}` : ''}`;
}

export function buildInstance(spec: InstanceSpec): IndexedProblem {
  return spec.kind === 'county'
    ? generateCountyInstance({
        n: spec.n,
        seed: spec.seed,
        loadCosts: spec.loadCosts,
        ...(spec.arcsPerCase ? { maxArcsPerCase: spec.arcsPerCase, unassignedCost: 1000 } : {}),
      }).problem
    : generateProvinceInstance({ seed: spec.seed, loadCosts: spec.loadCosts }).problem;
}

export interface SolverSettings {
  /** Time limit handed to HiGHS, in seconds. @defaultValue 60 */
  readonly highsTimeLimitSec: number;
}

/** Runs one solver on one problem; each returns the index-form answer the checker then verifies. */
export function runSolver(name: SolverName, p: IndexedProblem, settings: SolverSettings): Promise<IndexedSolution> {
  switch (name) {
    case 'engine':
      return solveIndexed(p, { solver: 'flow' });
    case 'lp-solver':
      return Promise.resolve(solveWithLpSolver(p));
    case 'highs':
      return solveWithHighs(p, { timeLimitSec: settings.highsTimeLimitSec });
    case 'greedy':
      return Promise.resolve(solveGreedy(p));
    case 'engine-1t':
      return solveIndexed(p, { solver: 'flow', threads: false });
  }
}

export interface TypedVerdict {
  readonly feasible: boolean;
  /** The first few problems found. */
  readonly errors: readonly string[];
  /** Objective recomputed from the problem and the chosen arcs. */
  readonly objective: number;
}

function unitCostsSum(costs: Float64Array | null, load: number): number {
  if (!costs || load <= 0) return 0;
  let sum = 0;
  for (let k = 0; k < load; k++) sum += costs[Math.min(k, costs.length - 1)]! * Math.min(1, load - k);
  return sum;
}

/**
 * An answer check on the typed arrays, for instances too large for the v1 checker (verifySolution
 * builds a Map per arc): valid arc indices, no arc twice, distinct agents per task, seats =
 * assigned + unfilled, unfilled only when allowed, capacities, and the objective recomputed
 * (compensated sum). It shares no code with the solvers.
 */
export function checkIndexed(p: IndexedProblem, s: IndexedSolution): TypedVerdict {
  const errors: string[] = [];
  const fail = (e: string): void => {
    if (errors.length < 5) errors.push(e);
  };
  const tasks = p.taskIds.length;
  const got = new Int32Array(tasks);
  const load = new Float64Array(p.agentIds.length);
  const used = new Uint8Array(p.arcTask.length);
  const pairs = new Set<number>();
  let sum = 0;
  let comp = 0;
  const add = (v: number): void => {
    const y = v - comp;
    const t = sum + y;
    comp = t - sum - y;
    sum = t;
  };
  for (const a of s.chosenArcs) {
    if (!(a >= 0 && a < p.arcTask.length)) {
      fail(`arc index ${a} out of range`);
      continue;
    }
    if (used[a]) fail(`arc ${a} chosen twice`);
    used[a] = 1;
    const t = p.arcTask[a]!;
    const pair = t * p.agentIds.length + p.arcAgent[a]!;
    if (pairs.has(pair)) fail(`task ${p.taskIds[t]} given agent ${p.agentIds[p.arcAgent[a]!]} twice`);
    pairs.add(pair);
    got[t]!++;
    load[p.arcAgent[a]!]! += p.arcLoad[a]!;
    add(p.arcCost[a]!);
  }
  for (let t = 0; t < tasks; t++) {
    const unfilled = s.unfilled[t] ?? 0;
    if (got[t]! + unfilled !== p.seats[t]) fail(`task ${p.taskIds[t]}: ${got[t]} assigned + ${unfilled} unfilled != ${p.seats[t]} seats`);
    if (unfilled > 0 && p.unassignedCost === null) fail(`task ${p.taskIds[t]} left unfilled but every seat must be filled`);
    if (unfilled > 0) add(unfilled * (p.unassignedCost ?? 0));
  }
  load.forEach((l, a) => {
    const cap = p.capacity[a]!;
    if (l > cap + 1e-9 * Math.max(1, cap)) fail(`agent ${p.agentIds[a]} carries ${l} > capacity ${cap}`);
    add(unitCostsSum(p.loadCosts[a] ?? null, l));
  });
  return { feasible: errors.length === 0, errors, objective: sum };
}
