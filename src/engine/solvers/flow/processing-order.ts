import type { ArrayAllocator, FlowNetwork } from './network';

function findRoot(parent: Int32Array, x: number): number {
  while (parent[x] !== x) {
    parent[x] = parent[parent[x] as number] as number; // path halving
    x = parent[x] as number;
  }
  return x;
}

/**
 * The connected component of each task, named by a root agent (-1 for a task with no arcs): tasks
 * of different components never compete for an agent, so they can be routed independently.
 */
export function taskComponents(net: FlowNetwork): Int32Array {
  const parent = new Int32Array(net.agentCount);
  for (let a = 0; a < parent.length; a++) parent[a] = a;
  const component = new Int32Array(net.taskCount).fill(-1);
  const { taskStart, positionAgent } = net;
  for (let t = 0; t < net.taskCount; t++) {
    const end = taskStart[t + 1] as number;
    let j = taskStart[t] as number;
    if (j === end) continue;
    const root = findRoot(parent, positionAgent[j] as number);
    for (j++; j < end; j++) {
      const y = findRoot(parent, positionAgent[j] as number);
      if (y !== root) parent[y] = root; // root stays a root
    }
    component[t] = root;
  }
  for (let t = 0; t < component.length; t++) if (component[t] !== -1) component[t] = findRoot(parent, component[t] as number);
  return component;
}

/** Tasks grouped by component, heaviest component first: the units of work routers take in turn. */
export interface ComponentSchedule {
  /** Task indices; component k's are tasks[start[k] .. start[k+1]). */
  readonly tasks: Int32Array;
  readonly start: Int32Array;
  /** The heaviest component's share of all work (tasks + arcs), 0..1. */
  readonly largestShare: number;
}

/**
 * Groups the tasks by component (a counting sort), heaviest first — so two routers taking
 * components in turn end together (longest-processing-time order).
 */
export function componentSchedule(net: FlowNetwork, component: Int32Array, memory: ArrayAllocator): ComponentSchedule {
  const none = net.agentCount; // the "component" of tasks with no arcs
  const slotOf = (t: number): number => (component[t] === -1 ? none : (component[t] as number));
  const weight = new Float64Array(none + 1);
  for (let t = 0; t < net.taskCount; t++)
    (weight[slotOf(t)] as number) += 1 + (net.taskStart[t + 1] as number) - (net.taskStart[t] as number);
  const used: number[] = [];
  weight.forEach((w, c) => w > 0 && used.push(c));
  used.sort((x, y) => (weight[y] as number) - (weight[x] as number) || x - y);
  const rank = new Int32Array(none + 1);
  used.forEach((c, k) => (rank[c] = k));
  const start = memory.int32(used.length + 1);
  for (let t = 0; t < net.taskCount; t++) (start[(rank[slotOf(t)] as number) + 1] as number)++;
  for (let k = 0; k < used.length; k++) (start[k + 1] as number) += start[k] as number;
  const fill = start.slice(0, used.length);
  const tasks = memory.int32(net.taskCount, false);
  for (let t = 0; t < net.taskCount; t++) tasks[(fill[rank[slotOf(t)] as number] as number)++] = t;
  const total = net.taskCount + net.positionCost.length;
  const largest = used[0];
  return { tasks, start, largestShare: largest !== undefined && total > 0 ? (weight[largest] as number) / total : 0 };
}

/** Buckets of the cheapest-arc cost within a component: enough to order by it, in linear time. */
const COST_BUCKETS = 256;

/**
 * Orders one component's tasks (tasks[from..to), in place, their arcs already in cost order — see
 * `ShortestAugmentingPath.prepareTasks`) for routing: cheapest first, so early
 * tasks settle on their best agents and later, dearer ones displace fewer of them — measured on
 * the county and province shapes, 12–25% less search than arrival order. Any order gives the same
 * optimum, so "cheapest" is by bucket (a counting sort, no comparisons).
 */
export class CheapestFirst {
  private cheapest = new Float64Array(64);
  private members = new Int32Array(64);
  private readonly count = new Int32Array(COST_BUCKETS + 1);

  constructor(private readonly net: FlowNetwork) {}

  order(tasks: Int32Array, from: number, to: number): void {
    const n = to - from;
    if (n > this.cheapest.length) {
      this.cheapest = new Float64Array(n);
      this.members = new Int32Array(n);
    }
    const { net, cheapest, members, count } = this;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const t = tasks[from + i] as number;
      members[i] = t;
      const c =
        (net.taskStart[t + 1] as number) > (net.taskStart[t] as number)
          ? (net.positionCost[net.taskStart[t] as number] as number)
          : Infinity;
      cheapest[i] = c;
      if (c < lo) lo = c;
      if (c > hi && c !== Infinity) hi = c;
    }
    const scale = hi > lo && Number.isFinite(hi - lo) ? (COST_BUCKETS - 1) / (hi - lo) : 0;
    const bucketOf = (i: number): number =>
      (cheapest[i] as number) === Infinity ? COST_BUCKETS - 1 : Math.floor(((cheapest[i] as number) - lo) * scale);
    count.fill(0);
    for (let i = 0; i < n; i++) (count[bucketOf(i) + 1] as number)++;
    for (let b = 0; b < COST_BUCKETS; b++) (count[b + 1] as number) += count[b] as number;
    for (let i = 0; i < n; i++) tasks[from + (count[bucketOf(i)] as number)++] = members[i] as number;
  }
}
