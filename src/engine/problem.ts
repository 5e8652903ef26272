import { z } from 'zod';
import { AppError } from '../domain/errors/app-error';

/**
 * The v1 problem and solution format: the one shape the library, the CLI and the service speak.
 * Tasks (cases) need `seats` distinct agents (mediators); agents have a capacity in load units;
 * arcs are the allowed (task, agent) pairs with a cost and the load they put on the agent.
 */

const finite = z.number().finite();
const id = z.string().min(1, 'must be a non-empty string');

export const TaskSchema = z.strictObject({
  id,
  /** Distinct agents the task needs. @defaultValue 1 */
  seats: z.number().int().min(1).default(1),
});

export const AgentSchema = z.strictObject({
  id,
  /** Capacity in load units. */
  capacity: finite.min(0, 'must be >= 0'),
  /**
   * Cost of the k-th unit of load (index 0 = first unit); the last value repeats. Must be
   * non-decreasing for `sense: "min"` and non-increasing for `"max"`, so the load term is convex
   * in the direction of optimisation and balancing stays exact.
   */
  loadCosts: z.array(finite).min(1).optional(),
});

export const ArcSchema = z.strictObject({
  task: id,
  agent: id,
  cost: finite,
  /** Load the arc puts on its agent. @defaultValue 1 */
  load: finite.min(0, 'must be >= 0').default(1),
});

export const SenseSchema = z.enum(['min', 'max']);

export const ProblemSchema = z.strictObject({
  tasks: z.array(TaskSchema),
  agents: z.array(AgentSchema),
  arcs: z.array(ArcSchema),
  /** @defaultValue "min" */
  sense: SenseSchema.default('min'),
  /** Cost per unfilled seat; absent means every seat must be filled. */
  unassignedCost: finite.optional(),
});

export type Problem = z.infer<typeof ProblemSchema>;
export type ProblemInput = z.input<typeof ProblemSchema>;
export type Task = z.infer<typeof TaskSchema>;
export type Agent = z.infer<typeof AgentSchema>;
export type Arc = z.infer<typeof ArcSchema>;
export type Sense = z.infer<typeof SenseSchema>;

export const SolutionStatusSchema = z.enum(['optimal', 'feasible', 'infeasible', 'time_limit']);
export type SolutionStatus = z.infer<typeof SolutionStatusSchema>;

export const SolutionSchema = z.strictObject({
  status: SolutionStatusSchema,
  /** Objective of the returned assignment; null when there is none (infeasible, or no incumbent). */
  objective: finite.nullable(),
  /** Best proven bound on the optimum (equal to objective when optimal); null when unknown. */
  bound: finite.nullable(),
  assignments: z.array(z.strictObject({ task: id, agent: id })),
  unassigned: z.array(z.strictObject({ task: id, seats: z.number().int().min(1) })),
  solver: z.string(),
  solveMs: finite.min(0),
  /** Why the problem is infeasible or the solve stopped early, for a human. */
  message: z.string().optional(),
});
export type Solution = z.infer<typeof SolutionSchema>;

/**
 * Bad input: the first problem found, as `path: reason`, and every issue for machines. Its details
 * have the shape of every `validation_failed` (`field`, `reason`, `issues`), wherever it is shown.
 */
export class ProblemValidationError extends AppError {
  override readonly name = 'ProblemValidationError';
  constructor(readonly issues: readonly { readonly path: string; readonly message: string }[]) {
    super('validation_failed', issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '), {
      field: issues[0]?.path,
      reason: issues[0]?.message,
      issues: issues.map((i) => ({ field: i.path, reason: i.message })),
    });
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

/** Checks the parts zod cannot see alone: references, duplicates, monotone loadCosts. */
function crossCheck(p: Problem): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const taskIds = new Set<string>();
  p.tasks.forEach((t, i) => {
    if (taskIds.has(t.id)) issues.push({ path: `tasks[${i}].id`, message: `duplicate task id "${t.id}"` });
    taskIds.add(t.id);
  });
  const agentIds = new Set<string>();
  p.agents.forEach((a, i) => {
    if (agentIds.has(a.id)) issues.push({ path: `agents[${i}].id`, message: `duplicate agent id "${a.id}"` });
    agentIds.add(a.id);
    const lc = a.loadCosts;
    if (!lc) return;
    for (let k = 1; k < lc.length; k++) {
      const cur = lc[k],
        prev = lc[k - 1];
      if (cur === undefined || prev === undefined) continue; // not in a parsed problem (the schema admits no holes)
      const bad = p.sense === 'min' ? cur < prev : cur > prev;
      if (bad) {
        const want = p.sense === 'min' ? 'non-decreasing' : 'non-increasing (sense "max")';
        issues.push({ path: `agents[${i}].loadCosts[${k}]`, message: `loadCosts must be ${want}` });
        break;
      }
    }
  });
  const pairs = new Set<string>();
  p.arcs.forEach((a, i) => {
    if (!taskIds.has(a.task)) issues.push({ path: `arcs[${i}].task`, message: `unknown task "${a.task}"` });
    if (!agentIds.has(a.agent)) issues.push({ path: `arcs[${i}].agent`, message: `unknown agent "${a.agent}"` });
    const key = `${a.task}\u0000${a.agent}`;
    if (pairs.has(key)) {
      issues.push({ path: `arcs[${i}]`, message: `duplicate arc for task "${a.task}" and agent "${a.agent}"` });
    }
    pairs.add(key);
  });
  return issues;
}

/** Parses and fully validates a problem; throws ProblemValidationError with paths on bad input. */
export function parseProblem(input: unknown): Problem {
  const parsed = ProblemSchema.safeParse(input);
  if (!parsed.success) {
    throw new ProblemValidationError(parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })));
  }
  const issues = crossCheck(parsed.data);
  if (issues.length > 0) throw new ProblemValidationError(issues);
  return parsed.data;
}
