export { SolverChoiceError, type SolveOptions, type SolverChoice } from './engine/solve';
export { solve, solveIndexed } from './runtime/threaded-solve';
export {
  parseProblem,
  ProblemSchema,
  SolutionSchema,
  ProblemValidationError,
  type Problem,
  type ProblemInput,
  type Task,
  type Agent,
  type Arc,
  type Solution,
  type SolutionStatus,
} from './engine/problem';
export { indexProblem, toSolution, type IndexedProblem, type IndexedSolution } from './engine/indexed';
export { verifySolution, sameObjective, type Verdict } from './engine/verify';
export * as domain from './domain';
export { dispatchBatch, type DispatchBatchOptions, type DispatchReport } from './use-cases/dispatch/dispatch-batch';
export { caseFromReferral } from './use-cases/intake/intake';
export { MemoryDispatchStore } from './adapters/memory/dispatch-memory-store';
export type { DispatchStore } from './use-cases/dispatch/dispatch-port';
export * as costModel from './cost-model';
