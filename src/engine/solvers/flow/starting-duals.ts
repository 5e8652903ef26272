import { unitCost, type FlowNetwork } from './network';
import type { TaskArcSorter } from './task-arc-order';

/** What the search's pruning needs to know of the agents' starting potentials. */
export interface AgentDuals {
  /** An upper bound on every agent's potential (potentials only fall). */
  readonly maxAgentPotential: number;
  /** The cheapest first load unit of any agent (load costs are convex: no unit is cheaper). */
  readonly minFirstUnit: number;
}

/**
 * Feasible starting duals for the empty flow, by row reduction: π(sink)=0 and π(agent)=−(cost of
 * its first load unit), so every agent→sink arc is tight; tasks get theirs in `startTaskPotentials`.
 */
export function startAgentPotentials(net: FlowNetwork, potential: Float64Array): AgentDuals {
  const T = net.taskCount;
  let maxAgentPotential = -Infinity;
  let minFirstUnit = Infinity;
  potential[net.sink] = 0;
  for (let a = 0; a < net.agentCount; a++) {
    potential[T + a] = (net.capacity[a] as number) > 0 ? -unitCost(net, a, 0) : 0;
    maxAgentPotential = Math.max(maxAgentPotential, potential[T + a] as number);
    minFirstUnit = Math.min(minFirstUnit, unitCost(net, a, 0));
  }
  return { maxAgentPotential, minFirstUnit };
}

/**
 * Readies tasks[from..to) — a component about to be routed — for routing: puts each task's arcs
 * in cost order (so scans can stop early; none holds an arc yet, so nothing points into them),
 * and gives it its starting potential, as high as its arcs allow, so its cheapest route is tight
 * and, while its best agent has room, it is placed by one scan of its arcs without a search.
 * Their agents' potentials are still the starting ones (no other component touches them), so
 * this is row reduction.
 */
export function startTaskPotentials(
  net: FlowNetwork,
  potential: Float64Array,
  sorter: TaskArcSorter,
  tasks: Int32Array,
  from: number,
  to: number,
): void {
  const T = net.taskCount;
  const floor = net.unfilledCost === null ? -Infinity : -net.unfilledCost;
  for (let i = from; i < to; i++) {
    const t = tasks[i] as number;
    sorter.sort(t);
    let best = floor;
    for (let j = net.taskStart[t] as number, end = net.taskStart[t + 1] as number; j < end; j++) {
      const bound = (potential[T + (net.positionAgent[j] as number)] as number) - (net.positionCost[j] as number);
      if (bound > best) best = bound;
    }
    potential[t] = best === -Infinity ? 0 : best;
  }
}
