import type { FlowNetwork } from './network';
import type { UsedArcLists } from './used-arc-lists';

/**
 * Puts one task's arcs in cost order, cheapest first, so a scan can stop at the first arc too dear
 * to matter. The order is found on a small index array (insertion sort: runs are short) and then
 * applied once to every per-position array — cost, agent, arc id and the flow slot, whose list
 * entry learns its new position — instead of shuffling all of them at every step.
 */
export class TaskArcSorter {
  private keys = new Float64Array(64);
  private index = new Int32Array(64);
  private agents = new Int32Array(64);
  private arcs = new Int32Array(64);
  private slots = new Int32Array(64);

  constructor(
    private readonly net: FlowNetwork,
    private readonly used: UsedArcLists,
  ) {}

  sort(t: number): void {
    const { positionCost: cost } = this.net;
    const from = this.net.taskStart[t]!;
    const n = this.net.taskStart[t + 1]! - from;
    let ordered = true;
    for (let i = 1; i < n && ordered; i++) ordered = cost[from + i - 1]! <= cost[from + i]!;
    if (ordered) return;
    if (n > this.keys.length) this.grow(n);
    const { keys, index } = this;
    for (let i = 0; i < n; i++) {
      const c = cost[from + i]!;
      let j = i - 1;
      while (j >= 0 && keys[j]! > c) {
        keys[j + 1] = keys[j]!;
        index[j + 1] = index[j]!;
        j--;
      }
      keys[j + 1] = c;
      index[j + 1] = i;
    }
    this.apply(from, n);
  }

  /** Rewrites positions from..from+n-1 in the order `index` gives. */
  private apply(from: number, n: number): void {
    const { positionCost: cost, positionAgent: agent, arcOrder: order } = this.net;
    const { positionSlot, slotPosition } = this.used;
    const { keys, index, agents, arcs, slots } = this;
    for (let i = 0; i < n; i++) {
      const q = from + index[i]!;
      agents[i] = agent[q]!;
      arcs[i] = order[q]!;
      slots[i] = positionSlot[q]!;
    }
    for (let i = 0; i < n; i++) {
      const p = from + i;
      cost[p] = keys[i]!;
      agent[p] = agents[i]!;
      order[p] = arcs[i]!;
      const s = slots[i]!;
      positionSlot[p] = s;
      if (s !== -1) slotPosition[s] = p;
    }
  }

  private grow(n: number): void {
    this.keys = new Float64Array(n);
    this.index = new Int32Array(n);
    this.agents = new Int32Array(n);
    this.arcs = new Int32Array(n);
    this.slots = new Int32Array(n);
  }
}
