import type { FlowNetwork } from './network';

/** Runs up to this long are insertion-sorted (measured: the province's 40-arc runs sort faster so). */
const SHORT_RUN = 64;
/** Longer runs are insertion-sorted in blocks of this size, then merged. */
const BLOCK = 32;

/**
 * Puts one task's arcs in cost order, cheapest first, so a scan can stop at the first arc too dear
 * to matter. Sorts cost, agent and arc id together, in place: insertion sort for the short runs
 * county and province tasks have, a bottom-up merge sort (through scratch arrays) for long ones —
 * a dense 800 × 800 assignment has 800 arcs per task, where insertion sort's n² moves dominate.
 * The task must hold no arc yet: true before its first seat is routed, which is when it is sorted.
 */
export class TaskArcSorter {
  private cost = new Float64Array(0);
  private agent = new Int32Array(0);
  private order = new Int32Array(0);

  constructor(private readonly net: FlowNetwork) {}

  sort(t: number): void {
    const from = this.net.taskStart[t] as number;
    const to = this.net.taskStart[t + 1] as number;
    if (to - from <= SHORT_RUN) this.insertionSort(from, to);
    else this.mergeSort(from, to);
  }

  private insertionSort(from: number, to: number): void {
    const { arcOrder: order, positionCost: cost, positionAgent: agent } = this.net;
    for (let i = from + 1; i < to; i++) {
      const c = cost[i] as number;
      if (c >= (cost[i - 1] as number)) continue;
      const e = order[i] as number;
      const a = agent[i] as number;
      let j = i - 1;
      while (j >= from && (cost[j] as number) > c) {
        cost[j + 1] = cost[j] as number;
        order[j + 1] = order[j] as number;
        agent[j + 1] = agent[j] as number;
        j--;
      }
      cost[j + 1] = c;
      order[j + 1] = e;
      agent[j + 1] = a;
    }
  }

  /** Sorted blocks of SHORT_RUN, then merge passes back and forth with the scratch arrays (stable). */
  private mergeSort(from: number, to: number): void {
    const n = to - from;
    for (let b = from; b < to; b += BLOCK) this.insertionSort(b, Math.min(b + BLOCK, to));
    if (this.cost.length < n) {
      this.cost = new Float64Array(n);
      this.agent = new Int32Array(n);
      this.order = new Int32Array(n);
    }
    const net: Run = { cost: this.net.positionCost, agent: this.net.positionAgent, order: this.net.arcOrder, base: from };
    const scratch: Run = { cost: this.cost, agent: this.agent, order: this.order, base: 0 };
    let src = net;
    let dst = scratch;
    for (let width = BLOCK; width < n; width *= 2) {
      for (let lo = 0; lo < n; lo += 2 * width) merge(src, dst, lo, Math.min(lo + width, n), Math.min(lo + 2 * width, n));
      [src, dst] = [dst, src];
    }
    if (src !== net) {
      net.cost.set(src.cost.subarray(0, n), from);
      net.agent.set(src.agent.subarray(0, n), from);
      net.order.set(src.order.subarray(0, n), from);
    }
  }
}

interface Run {
  readonly cost: Float64Array | Int32Array;
  readonly agent: Int32Array;
  readonly order: Int32Array;
  /** Where element 0 of the run sits in these arrays. */
  readonly base: number;
}

/** Merges src[lo..mid) and src[mid..hi) (relative indices) into dst[lo..hi). */
function merge(src: Run, dst: Run, lo: number, mid: number, hi: number): void {
  let i = lo;
  let j = mid;
  for (let k = lo; k < hi; k++) {
    const takeLeft = i < mid && (j >= hi || (src.cost[src.base + i] as number) <= (src.cost[src.base + j] as number));
    const from = src.base + (takeLeft ? i++ : j++);
    const to = dst.base + k;
    dst.cost[to] = src.cost[from] as number;
    dst.agent[to] = src.agent[from] as number;
    dst.order[to] = src.order[from] as number;
  }
}
