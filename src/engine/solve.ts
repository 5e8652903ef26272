import { indexProblem, hasUnitLoads, toSolution, type IndexedProblem, type IndexedSolution } from './indexed';
import { parseProblem, type Solution } from './problem';
import { isColumnar, parseColumnarProblem } from './columnar';
import { AppError } from '../domain/errors/app-error';
import { availableParallelism } from 'node:os';
import { solveUnitLoadFlow } from './solvers/flow/min-cost-flow';
import { THREADED_MIN_ARCS, solveUnitLoadFlowThreaded, type ComponentRouter } from './solvers/flow/threaded-flow';
import { solveGap } from './solvers/mip/gap-solver';

export type SolverChoice = 'auto' | 'flow' | 'mip';

/** The MIP path's wall-clock limit when the caller sets none, seconds. */
export const DEFAULT_TIME_LIMIT_SEC = 10;

export interface SolveOptions {
  /** Wall-clock limit for the MIP path, in seconds (the flow engine is exact and needs none). @defaultValue 10 */
  readonly timeLimitSec?: number;
  /** Which engine: `auto` picks the fastest exact path for the problem's shape. @defaultValue "auto" */
  readonly solver?: SolverChoice;
  /**
   * Let the flow engine route independent components of a large problem (≥ 500,000 arcs) on a
   * second thread when the machine has more than one core. @defaultValue true
   */
  readonly threads?: boolean;
  /**
   * The second router for `threads` (a worker thread the runtime owns; the engine starts none).
   * @defaultValue none: the flow engine routes on this thread
   */
  readonly router?: ComponentRouter;
}

/** Thrown when the caller forces a solver that cannot take the problem's shape: the caller's input is wrong. */
export class SolverChoiceError extends AppError {
  override readonly name = 'SolverChoiceError';
  constructor(message: string) {
    super('validation_failed', message);
  }
}

/** Solves an index-form problem; see `solve`. */
export async function solveIndexed(p: IndexedProblem, options: SolveOptions = {}): Promise<IndexedSolution> {
  const choice = options.solver ?? 'auto';
  const unit = choice !== 'mip' && hasUnitLoads(p);
  if (choice === 'flow' && !unit) {
    throw new SolverChoiceError('solver "flow" needs every arc load to be 1; use "mip" or "auto" for weighted loads');
  }
  if (unit) {
    // Loads checked once, here.
    const router = options.router;
    const threaded = (options.threads ?? true) && p.arcTask.length >= THREADED_MIN_ARCS && availableParallelism() > 1;
    return threaded && router !== undefined ? solveUnitLoadFlowThreaded(p, router) : solveUnitLoadFlow(p);
  }
  return solveGap(p, { timeLimitSec: options.timeLimitSec ?? DEFAULT_TIME_LIMIT_SEC });
}

/**
 * Validates a problem in either form — v1 (objects) or columnar (tagged with `format`, see
 * `columnar.ts`) — and returns it in index form; throws ProblemValidationError on bad input.
 */
export function indexAnyProblem(input: unknown): IndexedProblem {
  return isColumnar(input) ? parseColumnarProblem(input) : indexProblem(parseProblem(input));
}

/**
 * Solves a v1 or columnar problem: validates it (throws ProblemValidationError on bad input), picks the engine
 * and returns the v1 solution. Unit-load problems go to the exact min-cost-flow engine; weighted
 * loads (the generalized assignment problem) to the MIP path.
 */
export async function solve(input: unknown, options: SolveOptions = {}): Promise<Solution> {
  const problem = indexAnyProblem(input);
  const started = performance.now();
  const result = await solveIndexed(problem, options);
  return toSolution(problem, result, performance.now() - started);
}
