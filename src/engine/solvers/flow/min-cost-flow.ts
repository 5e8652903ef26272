import { hasUnitLoads, infeasibleSolution, loadTermCost, type IndexedProblem, type IndexedSolution } from '../../indexed';
import { buildFlowNetwork, PLAIN_MEMORY, type ArrayAllocator, type FlowNetwork } from './network';
import { componentSchedule, taskComponents, type ComponentSchedule } from './processing-order';
import { routeComponents, type RoutingJob, type RoutingOutcome } from './route-share';

export const FLOW_SOLVER_NAME = 'flow-ssp';
/** Neumaier-compensated sum, so decimal costs add up without visible drift. */
class CompensatedSum {
  private sum = 0;
  private carry = 0;
  add(x: number): void {
    const t = this.sum + x;
    this.carry += Math.abs(this.sum) >= Math.abs(x) ? this.sum - t + x : x - t + this.sum;
    this.sum = t;
  }
  get value(): number {
    return this.sum + this.carry;
  }
}

/** Objective in the problem's own sense, recomputed from the original data. */
function objectiveOf(p: IndexedProblem, chosen: Int32Array, load: Int32Array, unfilled: Int32Array): number {
  const sum = new CompensatedSum();
  for (let i = 0; i < chosen.length; i++) sum.add(p.arcCost[chosen[i] as number] as number);
  for (let a = 0; a < load.length; a++) sum.add(loadTermCost(p.loadCosts[a] ?? null, load[a] as number));
  if (p.unassignedCost !== null) {
    let seats = 0;
    for (let t = 0; t < unfilled.length; t++) seats += unfilled[t] as number;
    sum.add(seats * p.unassignedCost);
  }
  return sum.value;
}

function whyInfeasible(p: IndexedProblem, task: number, routed: number): string {
  let eligible = 0;
  for (let e = 0; e < p.arcTask.length; e++) if (p.arcTask[e] === task) eligible++; // once, on failure
  const seats = p.seats[task] as number;
  const id = JSON.stringify(p.taskIds[task]);
  if (eligible < seats)
    return `task ${id} needs ${seats} seat(s) but has ${eligible} eligible agent(s); set unassignedCost to allow unfilled seats`;
  return `task ${id} cannot fill seat ${routed + 1} of ${seats}: its eligible agents' capacity is used up by other tasks; set unassignedCost to allow unfilled seats`;
}

/**
 * Cheap necessary conditions for filling every seat, checked before any search so an impossible
 * problem is reported at once (a saturated network is where augmenting paths are longest).
 */
export function precheckFeasibility(p: IndexedProblem): string | null {
  if (p.unassignedCost !== null) return null;
  const eligible = new Int32Array(p.taskIds.length);
  const reachable = new Uint8Array(p.agentIds.length);
  for (let e = 0; e < p.arcTask.length; e++) {
    (eligible[p.arcTask[e] as number] as number)++;
    reachable[p.arcAgent[e] as number] = 1;
  }
  let seats = 0;
  for (let t = 0; t < eligible.length; t++) {
    if ((eligible[t] as number) < (p.seats[t] as number)) return whyInfeasible(p, t, 0);
    seats += p.seats[t] as number;
  }
  let capacity = 0;
  for (let a = 0; a < reachable.length; a++) if (reachable[a]) capacity += Math.floor((p.capacity[a] as number) + 1e-9);
  if (capacity < seats)
    return `${seats} seats to fill but the agents with arcs have only ${capacity} units of capacity; set unassignedCost to allow unfilled seats`;
  return null;
}

export function infeasible(p: IndexedProblem, message: string): IndexedSolution {
  return infeasibleSolution(p, FLOW_SOLVER_NAME, message);
}

/**
 * Exact min-cost-flow engine for unit-load problems (every arc load 1): seats, capacities, convex
 * loadCosts, unassignedCost and both senses. Exact on integer costs; on fractional costs optimal
 * to floating-point accuracy (≈1e-12 relative).
 */
export function solveMinCostFlow(p: IndexedProblem): IndexedSolution {
  if (!hasUnitLoads(p)) throw new RangeError('solveMinCostFlow needs every arc load to be 1');
  return solveUnitLoadFlow(p);
}

/** `solveMinCostFlow` for a caller that has already checked the loads (no second pass over the arcs). */
export function solveUnitLoadFlow(p: IndexedProblem): IndexedSolution {
  const impossible = precheckFeasibility(p);
  if (impossible !== null) return infeasible(p, impossible);
  return routeAll(p, buildFlowNetwork(p), PLAIN_MEMORY);
}

/** Routes every task on this thread. */
export function routeAll(p: IndexedProblem, net: FlowNetwork, memory: ArrayAllocator, schedule?: ComponentSchedule): IndexedSolution {
  const job = emptyFlow(net, memory, schedule ?? componentSchedule(net, taskComponents(net), memory));
  return flowSolution(p, job, [routeComponents(net, job)]);
}

/** A job over the scheduled components with no flow yet, its arrays on the given memory. */
export function emptyFlow(net: FlowNetwork, memory: ArrayAllocator, schedule: ComponentSchedule): RoutingJob {
  return {
    tasks: schedule.tasks,
    start: schedule.start,
    next: memory.int32(1),
    load: memory.int32(net.agentCount),
    unfilled: memory.int32(net.taskCount),
    positionSlot: memory.int32(net.positionCost.length, false).fill(-1),
  };
}

/** The solution once every router is done (or the seat one of them could not route). */
export function flowSolution(p: IndexedProblem, job: RoutingJob, outcomes: readonly RoutingOutcome[]): IndexedSolution {
  const stuck = outcomes.find((o) => o.stuck !== null)?.stuck;
  if (stuck) return infeasible(p, whyInfeasible(p, stuck.task, stuck.seat));
  const chosen = new Int32Array(outcomes.reduce((n, o) => n + o.chosen.length, 0));
  outcomes.reduce((at, o) => (chosen.set(o.chosen, at), at + o.chosen.length), 0);
  chosen.sort();
  const objective = objectiveOf(p, chosen, job.load, job.unfilled);
  // Results may live in reused shared memory: hand out a copy.
  return { status: 'optimal', objective, bound: objective, chosenArcs: chosen, unfilled: job.unfilled.slice(), solver: FLOW_SOLVER_NAME };
}
