export { solve, solveIndexed, SolverChoiceError, type SolveOptions, type SolverChoice } from './optimizer/solve';
export {
  parseProblem,
  ProblemSchema,
  SolutionSchema,
  ProblemValidationError,
  type Problem,
  type ProblemInput,
  type Solution,
  type SolutionStatus,
} from './optimizer/problem';
export { indexProblem, toSolution, type IndexedProblem, type IndexedSolution } from './optimizer/indexed';
export { verifySolution, sameObjective, type Verdict } from './optimizer/verify';
export * as domain from './domain';
export { dispatchBatch, type DispatchBatchOptions, type DispatchReport } from './dispatch/dispatch-batch';
export { caseFromReferral } from './dispatch/intake';
export { MemoryDispatchStore } from './dispatch/memory-store';
export type { DispatchStore } from './dispatch/store';
export * as costModel from './optimizer/cost-model';
