import type { IndexedProblem } from '../../indexed';

/**
 * The residual network of a unit-load problem, in typed arrays.
 *
 * Nodes: tasks 0..T-1, agents T..T+A-1, the sink T+A. Arcs (all costs in the minimisation sense):
 * task→agent (one per listed arc, capacity 1: distinct agents), task→sink (an unfilled seat, when
 * unassignedCost is given), agent→sink (the agent's next load unit, priced by its loadCosts, so the
 * convex load term is exact). Reverse arcs exist implicitly: agent→task for every used arc.
 */
export interface FlowNetwork {
  readonly taskCount: number;
  readonly agentCount: number;
  readonly sink: number;
  /** Task CSR: arcs of task t are `arcOrder[taskStart[t] .. taskStart[t+1])`. */
  readonly taskStart: Int32Array;
  /** Arc indices grouped by task (each run put in cost order by `sortTaskArcs` when needed). */
  readonly arcOrder: Int32Array;
  /** Cost and agent of the arc at each position of `arcOrder`: scans read them in sequence. */
  readonly positionCost: Float64Array;
  readonly positionAgent: Int32Array;
  readonly arcTask: Int32Array;
  readonly arcAgent: Int32Array;
  /** Arc costs in the minimisation sense. */
  readonly cost: Float64Array;
  readonly seats: Int32Array;
  /** Whole load units each agent can take. */
  readonly capacity: Int32Array;
  /** Per agent, load-unit costs in the minimisation sense (last repeats); null = 0. */
  readonly unitCosts: readonly (Float64Array | null)[];
  /** Cost of an unfilled seat in the minimisation sense; null = not allowed. */
  readonly unfilledCost: number | null;
}

function negated(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = -values[i]!;
  return out;
}

/** Groups arcs by task (counting sort); `sortTaskArcs` orders a task's run when it is first needed. */
function groupByTask(taskCount: number, arcTask: Int32Array): { taskStart: Int32Array; arcOrder: Int32Array; identity: boolean } {
  const taskStart = new Int32Array(taskCount + 1);
  let grouped = true;
  for (let e = 0; e < arcTask.length; e++) {
    taskStart[arcTask[e]! + 1]!++;
    if (e > 0 && arcTask[e]! < arcTask[e - 1]!) grouped = false;
  }
  for (let t = 0; t < taskCount; t++) taskStart[t + 1]! += taskStart[t]!;
  const arcOrder = new Int32Array(arcTask.length);
  if (grouped) {
    // The common case (builders emit a task's arcs together): no scatter needed.
    for (let e = 0; e < arcOrder.length; e++) arcOrder[e] = e;
    return { taskStart, arcOrder, identity: true };
  }
  const fill = taskStart.slice(0, taskCount);
  for (let e = 0; e < arcTask.length; e++) arcOrder[fill[arcTask[e]!]!++] = e;
  return { taskStart, arcOrder, identity: false };
}

/**
 * Orders one task's arcs by cost, cheapest first, so a scan can stop at the first arc too dear to
 * matter. Insertion sort for the short runs tasks have; the library sort beyond that.
 */
export function sortTaskArcs(net: FlowNetwork, t: number): void {
  const { arcOrder: order, positionCost: cost, positionAgent: agent } = net;
  const from = net.taskStart[t]!;
  const to = net.taskStart[t + 1]!;
  for (let i = from + 1; i < to; i++) {
    const c = cost[i]!;
    if (c >= cost[i - 1]!) continue;
    const e = order[i]!;
    const a = agent[i]!;
    let j = i - 1;
    while (j >= from && cost[j]! > c) {
      cost[j + 1] = cost[j]!;
      order[j + 1] = order[j]!;
      agent[j + 1] = agent[j]!;
      j--;
    }
    cost[j + 1] = c;
    order[j + 1] = e;
    agent[j + 1] = a;
  }
}

export function buildFlowNetwork(p: IndexedProblem): FlowNetwork {
  const taskCount = p.taskIds.length;
  const agentCount = p.agentIds.length;
  const max = p.sense === 'max';
  const cost = max ? negated(p.arcCost) : p.arcCost;
  const { taskStart, arcOrder, identity } = groupByTask(taskCount, p.arcTask);
  const positionCost = identity ? cost.slice() : Float64Array.from(arcOrder, (e) => cost[e]!);
  const positionAgent = identity ? p.arcAgent.slice() : Int32Array.from(arcOrder, (e) => p.arcAgent[e]!);
  // Capacities are in load units; with unit loads only whole units can be used.
  const capacity = new Int32Array(agentCount);
  for (let a = 0; a < agentCount; a++) {
    capacity[a] = Math.min(2 ** 31 - 1, Math.floor(p.capacity[a]! + 1e-9));
  }
  return {
    taskCount,
    agentCount,
    sink: taskCount + agentCount,
    taskStart,
    arcOrder,
    positionCost,
    positionAgent,
    arcTask: p.arcTask,
    arcAgent: p.arcAgent,
    cost,
    seats: p.seats,
    capacity,
    unitCosts: p.loadCosts.map((lc) => (lc && max ? negated(lc) : lc)),
    unfilledCost: p.unassignedCost === null ? null : max ? -p.unassignedCost : p.unassignedCost,
  };
}

/** Cost of the agent's k-th load unit (0-based) in the minimisation sense. */
export function unitCost(net: FlowNetwork, agent: number, k: number): number {
  const lc = net.unitCosts[agent];
  if (!lc) return 0;
  return lc[k < lc.length ? k : lc.length - 1]!;
}
