import type { FlowNetwork } from './network';

function findRoot(parent: Int32Array, x: number): number {
  while (parent[x] !== x) {
    parent[x] = parent[parent[x]!]!; // path halving
    x = parent[x]!;
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
    const end = taskStart[t + 1]!;
    let j = taskStart[t]!;
    if (j === end) continue;
    const root = findRoot(parent, positionAgent[j]!);
    for (j++; j < end; j++) {
      const y = findRoot(parent, positionAgent[j]!);
      if (y !== root) parent[y] = root; // root stays a root
    }
    component[t] = root;
  }
  for (let t = 0; t < component.length; t++) if (component[t] !== -1) component[t] = findRoot(parent, component[t]!);
  return component;
}

/** Buckets of the cheapest-arc cost within a component: enough to order by it, in linear time. */
const COST_BUCKETS = 256;

/**
 * The order in which tasks are routed: grouped by connected component (so each search works in
 * memory the previous one warmed), and within one, cheapest first — early tasks settle on their
 * best agents and later, dearer ones displace fewer of them. Measured on the county and province
 * benchmark shapes: 12–25% less search than arrival order. Any order gives the same optimum, so
 * "cheapest" is by bucket (two counting sorts, no comparison sort).
 */
export function processingOrder(net: FlowNetwork, component: Int32Array, tasks?: Int32Array): Int32Array {
  const list = tasks ?? Int32Array.from({ length: net.taskCount }, (_, t) => t);
  const n = list.length;
  const none = net.agentCount; // the "component" of tasks with no arcs
  const cheapest = new Float64Array(n);
  const start = new Int32Array(none + 2);
  for (let i = 0; i < n; i++) {
    const t = list[i]!;
    let c = Infinity;
    for (let j = net.taskStart[t]!, end = net.taskStart[t + 1]!; j < end; j++) if (net.positionCost[j]! < c) c = net.positionCost[j]!;
    cheapest[i] = c;
    start[(component[t] === -1 ? none : component[t]!) + 1]!++;
  }
  for (let c = 0; c <= none; c++) start[c + 1]! += start[c]!;
  const byComponent = new Int32Array(n); // indices into list
  const fill = start.slice();
  for (let i = 0; i < n; i++) byComponent[fill[component[list[i]!] === -1 ? none : component[list[i]!]!]!++] = i;
  const order = new Int32Array(n);
  const count = new Int32Array(COST_BUCKETS + 1);
  for (let c = 0; c <= none; c++) {
    if (start[c + 1]! > start[c]!) orderByCost(byComponent, start[c]!, start[c + 1]!, cheapest, list, order, count.fill(0));
  }
  return order;
}

/** Writes the tasks of one component, bucketed by cheapest cost, into order[from..to). */
function orderByCost(
  members: Int32Array, from: number, to: number, cheapest: Float64Array, list: Int32Array, order: Int32Array, count: Int32Array,
): void {
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = from; k < to; k++) {
    const c = cheapest[members[k]!]!;
    if (c < lo) lo = c;
    if (c > hi) hi = c;
  }
  const scale = hi > lo && Number.isFinite(hi - lo) ? (COST_BUCKETS - 1) / (hi - lo) : 0;
  const bucketOf = (i: number): number => (Number.isFinite(cheapest[i]!) ? Math.floor((cheapest[i]! - lo) * scale) : COST_BUCKETS - 1);
  for (let k = from; k < to; k++) count[bucketOf(members[k]!) + 1]!++;
  for (let b = 0; b < COST_BUCKETS; b++) count[b + 1]! += count[b]!;
  for (let k = from; k < to; k++) {
    const i = members[k]!;
    order[from + count[bucketOf(i)]!++] = list[i]!;
  }
}

/**
 * Splits the tasks into `parts` groups of whole components with about equal numbers of arcs
 * (largest component first, each to the lightest group). Null when the work cannot be shared
 * well: one component holds more than `maxShare` of the arcs.
 */
export function splitByComponent(net: FlowNetwork, component: Int32Array, parts: number, maxShare: number): Int32Array[] | null {
  // Components are named by a root agent: weigh each by its tasks and arcs.
  const none = net.agentCount;
  const slot = (c: number): number => (c === -1 ? none : c);
  const weightOf = new Float64Array(none + 1);
  for (let t = 0; t < component.length; t++) weightOf[slot(component[t]!)]! += 1 + net.taskStart[t + 1]! - net.taskStart[t]!;
  const total = net.positionCost.length + component.length;
  const bySize: [number, number][] = [];
  weightOf.forEach((w, c) => w > 0 && bySize.push([c, w]));
  bySize.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
  if (bySize.length === 0 || bySize[0]![1] > maxShare * total) return null;
  const weight = new Array<number>(parts).fill(0);
  const groupOf = new Int32Array(weightOf.length);
  for (const [c, w] of bySize) {
    const g = weight.indexOf(Math.min(...weight));
    groupOf[c] = g;
    weight[g]! += w;
  }
  const counts = new Int32Array(parts);
  for (let t = 0; t < component.length; t++) counts[groupOf[slot(component[t]!)]!]!++;
  const groups = Array.from(counts, (n) => new Int32Array(n));
  const fill = new Int32Array(parts);
  for (let t = 0; t < component.length; t++) {
    const g = groupOf[slot(component[t]!)]!;
    groups[g]![fill[g]!++] = t;
  }
  return groups;
}
