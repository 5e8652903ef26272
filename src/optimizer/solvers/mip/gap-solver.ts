import type { IndexedProblem, IndexedSolution } from '../../indexed';

/** MIP path for weighted loads (being written). */
export async function solveGap(_p: IndexedProblem, _opts: { readonly timeLimitSec: number }): Promise<IndexedSolution> {
  throw new Error('GAP solver not yet written');
}
