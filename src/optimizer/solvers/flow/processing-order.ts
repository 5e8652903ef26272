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

/**
 * The order in which tasks are routed: grouped by connected component (so each search works in
 * memory the previous one warmed), and within one, cheapest first — early tasks settle on their
 * best agents and later, dearer ones displace fewer of them. Measured on the county and province
 * benchmark shapes: 12–25% less search than arrival order. Any order gives the same optimum.
 */
export function processingOrder(net: FlowNetwork, component: Int32Array, tasks?: Int32Array): Int32Array {
  const order = tasks ? Int32Array.from(tasks) : new Int32Array(net.taskCount).map((_, t) => t);
  const cheapest = new Float64Array(net.taskCount);
  for (const t of order) {
    let c = Infinity;
    for (let j = net.taskStart[t]!, end = net.taskStart[t + 1]!; j < end; j++) if (net.positionCost[j]! < c) c = net.positionCost[j]!;
    cheapest[t] = c;
  }
  return order.sort((a, b) => component[a]! - component[b]! || cheapest[a]! - cheapest[b]! || a - b);
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
