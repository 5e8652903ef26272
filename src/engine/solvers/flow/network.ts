import type { IndexedProblem } from '../../indexed';
import { extraCostsScaleIndex, NO_SCALE, positionCosts, scaleAt } from './cost-scale';

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
  /**
   * Task CSR: the arcs of task t sit at positions `taskStart[t] .. taskStart[t+1]-1`. The solver
   * names arcs by position (a task's run is put in cost order when first needed).
   */
  readonly taskStart: Int32Array;
  /** Problem arc index at each position. */
  readonly arcOrder: Int32Array;
  /**
   * Cost of the arc at each position, in the minimisation sense and in units of 1/costScale:
   * Int32 when the problem's costs are decimals that allow it (see `positionCosts`).
   */
  readonly positionCost: Float64Array | Int32Array;
  /**
   * Agent of the arc at each position. The router stores it complemented (~a, negative) while the
   * arc carries flow, so a scan learns both from one read (scans read cost and agent in sequence).
   */
  readonly positionAgent: Int32Array;
  /** Every cost in this network (arcs, load units, unfilled seats) is the problem's × costScale. */
  readonly costScale: number;
  readonly seats: Int32Array;
  /** Whole load units each agent can take. */
  readonly capacity: Int32Array;
  /** Per agent, load-unit costs in the minimisation sense (last repeats), × costScale; null = 0. */
  readonly unitCosts: readonly (Float64Array | null)[];
  /** Cost of an unfilled seat in the minimisation sense, × costScale; null = not allowed. */
  readonly unfilledCost: number | null;
}

/** A load-unit or unfilled-seat cost as the network holds it (minimisation sense, × scale, an exact integer when scaled). */
function inNetworkUnits(c: number, sign: 1 | -1, scaleIndex: number): number {
  return scaleIndex === NO_SCALE ? sign * c : Math.round(sign * c * scaleAt(scaleIndex));
}

/** Typed-array allocation on plain or shared memory (a network shared with a worker thread). */
export interface ArrayAllocator {
  /** `zeroed` false: the caller writes every element, so the memory may hold old values. @defaultValue true */
  float64(length: number, zeroed?: boolean): Float64Array;
  int32(length: number, zeroed?: boolean): Int32Array;
}

export const PLAIN_MEMORY: ArrayAllocator = {
  float64: (n) => new Float64Array(n),
  int32: (n) => new Int32Array(n),
};

/** values[order[j]] at each position j (values itself when the order is the identity). */
function gather<T extends Float64Array | Int32Array>(values: T, order: Int32Array | null, out: T): T {
  if (order === null) out.set(values);
  else for (let j = 0; j < out.length; j++) out[j] = values[order[j] as number] as number;
  return out;
}

/** Groups arcs by task (counting sort). */
function groupByTask(
  taskCount: number,
  arcTask: Int32Array,
  memory: ArrayAllocator,
): { taskStart: Int32Array; arcOrder: Int32Array; identity: boolean } {
  const taskStart = memory.int32(taskCount + 1);
  let grouped = true;
  for (let e = 0; e < arcTask.length; e++) {
    (taskStart[(arcTask[e] as number) + 1] as number)++;
    if (e > 0 && (arcTask[e] as number) < (arcTask[e - 1] as number)) grouped = false;
  }
  for (let t = 0; t < taskCount; t++) (taskStart[t + 1] as number) += taskStart[t] as number;
  const arcOrder = memory.int32(arcTask.length, false);
  if (grouped) {
    // The common case (builders emit a task's arcs together): no scatter needed.
    for (let e = 0; e < arcOrder.length; e++) arcOrder[e] = e;
    return { taskStart, arcOrder, identity: true };
  }
  const fill = taskStart.slice(0, taskCount);
  for (let e = 0; e < arcTask.length; e++) arcOrder[(fill[arcTask[e] as number] as number)++] = e;
  return { taskStart, arcOrder, identity: false };
}

export function buildFlowNetwork(p: IndexedProblem, memory: ArrayAllocator = PLAIN_MEMORY): FlowNetwork {
  const taskCount = p.taskIds.length;
  const agentCount = p.agentIds.length;
  const max = p.sense === 'max';
  const { taskStart, arcOrder, identity } = groupByTask(taskCount, p.arcTask, memory);
  const sign = max ? -1 : 1;
  const extras = p.loadCosts.flatMap((lc) => (lc ? [...lc] : []));
  if (p.unassignedCost !== null) extras.push(p.unassignedCost);
  const order = identity ? null : arcOrder;
  let costs = positionCosts(p.arcCost, order, sign, extraCostsScaleIndex(extras), memory.float64(arcOrder.length, false));
  // The arcs may have needed a larger scale than the other costs were checked at.
  if (costs.scaleIndex !== NO_SCALE && extraCostsScaleIndex(extras, costs.scaleIndex) !== costs.scaleIndex) {
    costs = positionCosts(p.arcCost, order, sign, NO_SCALE, new Float64Array(costs.cost.buffer, costs.cost.byteOffset, arcOrder.length));
  }
  const k = costs.scaleIndex;
  const positionAgent = gather(p.arcAgent, order, memory.int32(arcOrder.length, false));
  // Capacities are in load units; with unit loads only whole units can be used.
  const capacity = memory.int32(agentCount, false);
  for (let a = 0; a < agentCount; a++) {
    capacity[a] = Math.min(2 ** 31 - 1, Math.floor((p.capacity[a] as number) + 1e-9));
  }
  return {
    taskCount,
    agentCount,
    sink: taskCount + agentCount,
    taskStart,
    arcOrder,
    positionCost: costs.cost,
    positionAgent,
    costScale: k === NO_SCALE ? 1 : scaleAt(k),
    seats: memory === PLAIN_MEMORY ? p.seats : gather(p.seats, null, memory.int32(taskCount, false)),
    capacity,
    unitCosts: p.loadCosts.map((lc) => (lc && (max || k !== 0) ? lc.map((c) => inNetworkUnits(c, sign, k)) : lc)),
    unfilledCost: p.unassignedCost === null ? null : inNetworkUnits(p.unassignedCost, sign, k),
  };
}

/** Cost of the agent's k-th load unit (0-based) in the minimisation sense. */
export function unitCost(net: FlowNetwork, agent: number, k: number): number {
  const lc = net.unitCosts[agent];
  if (!lc) return 0;
  return lc[k < lc.length ? k : lc.length - 1] as number;
}
