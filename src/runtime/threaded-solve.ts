import type { Solution } from '../engine/problem';
import type { IndexedProblem, IndexedSolution } from '../engine/indexed';
import { solve as solveOnThisThread, solveIndexed as solveIndexedOnThisThread, type SolveOptions } from '../engine/solve';
import { flowThread } from './flow-thread';

/**
 * The engine's `solve` with the process's flow thread as its second router (the engine itself
 * starts no threads), so large unit-load problems route independent components on two cores.
 */
export function solve(input: unknown, options: SolveOptions = {}): Promise<Solution> {
  return solveOnThisThread(input, { router: flowThread, ...options });
}

/** `solveIndexed` with the process's flow thread; see `solve`. */
export function solveIndexed(p: IndexedProblem, options: SolveOptions = {}): Promise<IndexedSolution> {
  return solveIndexedOnThisThread(p, { router: flowThread, ...options });
}
