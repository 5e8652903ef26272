import type { Problem, Sense, Solution, SolutionStatus } from './problem';
import { itemAt } from '../domain/indexed-access';

/**
 * The solvers' working form of a problem: ids replaced by dense indices and arcs in typed arrays,
 * so a province-sized instance (millions of arcs) costs a few bytes per arc and no objects.
 * Callers with very large inputs may build it directly instead of going through `Problem`.
 */
export interface IndexedProblem {
  readonly taskIds: readonly string[];
  /** Seats per task. */
  readonly seats: Int32Array;
  readonly agentIds: readonly string[];
  /** Per agent: its capacity, or the load its arcs could bring when that is less. */
  readonly capacity: Float64Array;
  /** Per agent: cost of the k-th load unit (last repeats), or null for none. */
  readonly loadCosts: readonly (Float64Array | null)[];
  readonly arcTask: Int32Array;
  readonly arcAgent: Int32Array;
  readonly arcCost: Float64Array;
  readonly arcLoad: Float64Array;
  readonly sense: Sense;
  /** Cost per unfilled seat; null = every seat must be filled. */
  readonly unassignedCost: number | null;
}

/** A solver's answer in index form. */
export interface IndexedSolution {
  readonly status: SolutionStatus;
  readonly objective: number | null;
  readonly bound: number | null;
  /** Indices of the chosen arcs. */
  readonly chosenArcs: Int32Array;
  /** Unfilled seats per task. */
  readonly unfilled: Int32Array;
  readonly solver: string;
  readonly message?: string;
}

/** Converts a validated problem to index form (ids must already be unique and resolvable). */
export function indexProblem(p: Problem): IndexedProblem {
  const taskIndex = new Map<string, number>();
  p.tasks.forEach((t, i) => taskIndex.set(t.id, i));
  const agentIndex = new Map<string, number>();
  p.agents.forEach((a, i) => agentIndex.set(a.id, i));
  const m = p.arcs.length;
  const arcTask = new Int32Array(m);
  const arcAgent = new Int32Array(m);
  const arcCost = new Float64Array(m);
  const arcLoad = new Float64Array(m);
  // Load that could ever arrive per agent: capacity beyond it is never used, and sizing nothing by
  // the capacity number keeps memory bounded by the problem (a capacity of 1e9 is harmless).
  const reachableLoad = new Float64Array(p.agents.length);
  p.arcs.forEach((a, i) => {
    const task = taskIndex.get(a.task);
    const agent = agentIndex.get(a.agent);
    if (task === undefined) throw new Error(`arcs[${i}] names task "${a.task}", which is not among the problem's tasks`);
    if (agent === undefined) throw new Error(`arcs[${i}] names agent "${a.agent}", which is not among the problem's agents`);
    arcTask[i] = task;
    arcAgent[i] = agent;
    arcCost[i] = a.cost;
    arcLoad[i] = a.load;
    reachableLoad[agent] = (reachableLoad[agent] as number) + a.load;
  });
  return {
    taskIds: p.tasks.map((t) => t.id),
    seats: Int32Array.from(p.tasks, (t) => t.seats),
    agentIds: p.agents.map((a) => a.id),
    capacity: Float64Array.from(p.agents, (a, i) => Math.min(a.capacity, reachableLoad[i] as number)),
    loadCosts: p.agents.map((a) => (a.loadCosts ? Float64Array.from(a.loadCosts) : null)),
    arcTask,
    arcAgent,
    arcCost,
    arcLoad,
    sense: p.sense,
    unassignedCost: p.unassignedCost ?? null,
  };
}

/** True when every arc has load exactly 1: the shape the min-cost-flow engine solves exactly. */
/** The answer when no assignment exists: every seat unfilled, no objective, and why. */
export function infeasibleSolution(p: IndexedProblem, solver: string, message: string): IndexedSolution {
  return {
    status: 'infeasible',
    objective: null,
    bound: null,
    chosenArcs: new Int32Array(0),
    unfilled: Int32Array.from(p.seats),
    solver,
    message,
  };
}

export function hasUnitLoads(p: IndexedProblem): boolean {
  const { arcLoad } = p;
  for (let i = 0; i < arcLoad.length; i++) if (arcLoad[i] !== 1) return false;
  return true;
}

/**
 * Cost of carrying `load` units on an agent: Σ of the first ⌊load⌋ unit costs plus the fraction
 * of the next one (the last value repeats), i.e. the convex piecewise-linear load term.
 */
export function loadTermCost(loadCosts: Float64Array | null, load: number): number {
  if (!loadCosts || load <= 0) return 0;
  const last = loadCosts.length - 1;
  const whole = Math.floor(load);
  let sum = 0;
  const explicit = Math.min(whole, last);
  for (let k = 0; k < explicit; k++) sum += loadCosts[k] as number;
  if (whole > last) sum += (whole - last) * (loadCosts[last] as number);
  const frac = load - whole;
  if (frac > 0) sum += frac * (loadCosts[Math.min(whole, last)] as number);
  return sum;
}

/** Maps an index-form answer back to ids, in the v1 solution shape. */
export function toSolution(p: IndexedProblem, s: IndexedSolution, solveMs: number): Solution {
  const assignments = Array.from(s.chosenArcs, (a) => ({
    task: itemAt(p.taskIds, p.arcTask[a] as number, 'taskIds'),
    agent: itemAt(p.agentIds, p.arcAgent[a] as number, 'agentIds'),
  }));
  const unassigned: { task: string; seats: number }[] = [];
  s.unfilled.forEach((n, t) => {
    if (n > 0) unassigned.push({ task: itemAt(p.taskIds, t, 'taskIds'), seats: n });
  });
  return {
    status: s.status,
    objective: s.objective,
    bound: s.bound,
    assignments,
    unassigned,
    solver: s.solver,
    solveMs,
    ...(s.message !== undefined ? { message: s.message } : {}),
  };
}
