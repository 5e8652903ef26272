import type { Problem, Solution } from './problem';

/**
 * An independent checker of answers: it shares no code with the solvers. It reads the v1 problem
 * and solution as plain data, checks feasibility (listed arcs, distinct agents per task, seats,
 * capacities) and recomputes the objective.
 */
export interface Verdict {
  readonly feasible: boolean;
  readonly errors: readonly string[];
  /** Objective recomputed from the problem; NaN when the answer names unknown arcs. */
  readonly objective: number;
}

const EPS = 1e-9;

function loadCostOf(costs: readonly number[] | undefined, load: number): number {
  if (!costs || load <= 0) return 0;
  let sum = 0;
  let remaining = load;
  for (let k = 0; remaining > 0; k++) {
    const unit = costs[Math.min(k, costs.length - 1)] as number; // loadCosts has at least one value (schema: min(1))
    const step = Math.min(1, remaining);
    if (k >= costs.length - 1) return sum + remaining * unit; // the last value repeats
    sum += step * unit;
    remaining -= step;
  }
  return sum;
}

export function verifySolution(problem: Problem, solution: Pick<Solution, 'assignments' | 'unassigned'>): Verdict {
  const errors: string[] = [];
  const arcByPair = new Map<string, { cost: number; load: number }>();
  for (const a of problem.arcs) arcByPair.set(`${a.task}\u0000${a.agent}`, { cost: a.cost, load: a.load ?? 1 });
  const given = new Map<string, number>();
  const agentLoad = new Map<string, number>();
  const seen = new Set<string>();
  let objective = 0;
  for (const { task, agent } of solution.assignments) {
    const key = `${task}\u0000${agent}`;
    const arc = arcByPair.get(key);
    if (!arc) {
      errors.push(`assignment ${task} -> ${agent} is not a listed arc`);
      objective = Number.NaN;
      continue;
    }
    if (seen.has(key)) errors.push(`task ${task} is given agent ${agent} twice`);
    seen.add(key);
    objective += arc.cost;
    given.set(task, (given.get(task) ?? 0) + 1);
    agentLoad.set(agent, (agentLoad.get(agent) ?? 0) + arc.load);
  }
  const unfilledOf = new Map<string, number>();
  for (const u of solution.unassigned) unfilledOf.set(u.task, (unfilledOf.get(u.task) ?? 0) + u.seats);
  for (const t of problem.tasks) {
    const seats = t.seats ?? 1;
    const got = given.get(t.id) ?? 0;
    const unfilled = unfilledOf.get(t.id) ?? 0;
    if (got > seats) errors.push(`task ${t.id} has ${got} agents for ${seats} seats`);
    if (got + unfilled !== seats) errors.push(`task ${t.id}: ${got} assigned + ${unfilled} unassigned != ${seats} seats`);
    if (unfilled > 0 && problem.unassignedCost === undefined) errors.push(`task ${t.id} left unfilled but every seat must be filled`);
    objective += unfilled * (problem.unassignedCost ?? 0);
  }
  for (const a of problem.agents) {
    const load = agentLoad.get(a.id) ?? 0;
    if (load > a.capacity + EPS * Math.max(1, a.capacity)) errors.push(`agent ${a.id} carries ${load} > capacity ${a.capacity}`);
    objective += loadCostOf(a.loadCosts, load);
  }
  return { feasible: errors.length === 0, errors, objective };
}

/** True when two objectives agree to a relative 1e-9 (absolute near zero). */
export function sameObjective(a: number, b: number, relTol = 1e-9): boolean {
  return Math.abs(a - b) <= relTol * Math.max(1, Math.abs(a), Math.abs(b));
}
