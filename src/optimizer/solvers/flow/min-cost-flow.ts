import type { IndexedProblem, IndexedSolution } from '../../indexed';

/** Exact min-cost-flow engine for unit-load problems (being written). */
export function solveMinCostFlow(_p: IndexedProblem): IndexedSolution {
  throw new Error('min-cost-flow engine not yet written');
}
