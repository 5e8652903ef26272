import type { FlowNetwork } from './network';

/**
 * Puts one task's arcs in cost order, cheapest first, so a scan can stop at the first arc too dear
 * to matter: insertion sort in place over cost, agent and arc id (runs are short). The task must
 * hold no arc yet — true before its first seat is routed, which is when the solver sorts it.
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
