import { loadTermCost } from '../../indexed';
import type { MinForm } from './min-form';

/** Marks an unfilled seat in a slot. */
export const UNFILLED = -1;

/**
 * A (possibly capacity-violating) assignment in min form, with incremental bookkeeping for the
 * local search: one slot per seat holding an arc or UNFILLED, the load per agent, the objective
 * (arc costs + load terms + unfilled seats) and the total overload Σ max(0, load − capacity).
 */
export class GapState {
  readonly slotStart: Int32Array;
  readonly slotTask: Int32Array;
  readonly slotArc: Int32Array;
  readonly load: Float64Array;
  cost = 0;
  overload = 0;
  /** (task, agent) → arc, dense when small enough, else -1 and binary search. */
  private readonly pairArc: Int32Array | null;

  constructor(readonly f: MinForm) {
    const { p } = f;
    const n = p.taskIds.length;
    this.slotStart = new Int32Array(n + 1);
    for (let t = 0; t < n; t++) this.slotStart[t + 1] = (this.slotStart[t] as number) + (p.seats[t] as number);
    const slots = this.slotStart[n] as number;
    this.slotTask = new Int32Array(slots);
    for (let t = 0; t < n; t++) this.slotTask.fill(t, this.slotStart[t], this.slotStart[t + 1]);
    this.slotArc = new Int32Array(slots).fill(UNFILLED);
    this.load = new Float64Array(p.agentIds.length);
    const m = p.agentIds.length;
    if (n * m <= 8_000_000) {
      this.pairArc = new Int32Array(n * m).fill(-1);
      for (let k = 0; k < f.taskArcs.length; k++) {
        const a = f.taskArcs[k] as number;
        this.pairArc[(p.arcTask[a] as number) * m + (p.arcAgent[a] as number)] = a;
      }
    } else this.pairArc = null;
    this.recompute();
  }

  /** Usable arc joining task t and agent i, or -1. */
  arcOf(t: number, i: number): number {
    if (this.pairArc) return this.pairArc[t * this.f.p.agentIds.length + i] as number;
    const { taskArcs, taskStart, p } = this.f;
    let lo = taskStart[t] as number;
    let hi = (taskStart[t + 1] as number) - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const ag = p.arcAgent[taskArcs[mid] as number] as number;
      if (ag === i) return taskArcs[mid] as number;
      if (ag < i) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  term(i: number, load: number): number {
    const lc = this.f.loadCosts[i];
    return lc ? loadTermCost(lc, load) : 0;
  }

  over(i: number, load: number): number {
    const e = load - (this.f.p.capacity[i] as number);
    return e > 1e-9 ? e : 0;
  }

  arcCost(a: number): number {
    return a === UNFILLED ? (this.f.unassigned ?? 0) : (this.f.cost[a] as number);
  }

  /** True when another slot of the task already uses the agent. */
  taskUsesAgent(slot: number, agent: number): boolean {
    const t = this.slotTask[slot] as number;
    const agentOf = this.f.p.arcAgent;
    for (let s = this.slotStart[t] as number; s < (this.slotStart[t + 1] as number); s++) {
      const a = this.slotArc[s] as number;
      if (s !== slot && a !== UNFILLED && agentOf[a] === agent) return true;
    }
    return false;
  }

  /** Change of cost and overload if `slot` took arc `next` (or UNFILLED); writes into out[0], out[1]. */
  shiftDelta(slot: number, next: number, out: Float64Array): void {
    const { p } = this.f;
    const prev = this.slotArc[slot] as number;
    let dc = this.arcCost(next) - this.arcCost(prev);
    let dov = 0;
    if (prev !== UNFILLED) {
      const i = p.arcAgent[prev] as number;
      const l0 = this.load[i] as number;
      const l1 = l0 - (p.arcLoad[prev] as number);
      dc += this.term(i, l1) - this.term(i, l0);
      dov += this.over(i, l1) - this.over(i, l0);
    }
    if (next !== UNFILLED) {
      const k = p.arcAgent[next] as number;
      const l0 = this.load[k] as number;
      const l1 = l0 + (p.arcLoad[next] as number);
      dc += this.term(k, l1) - this.term(k, l0);
      dov += this.over(k, l1) - this.over(k, l0);
    }
    out[0] = dc;
    out[1] = dov;
  }

  /** Change if slots s1 (arc a1 → b1) and s2 (arc a2 → b2) exchange agents i1 ≠ i2. */
  swapDelta(a1: number, b1: number, a2: number, b2: number, out: Float64Array): void {
    const { p, cost } = this.f;
    const i1 = p.arcAgent[a1] as number;
    const i2 = p.arcAgent[a2] as number;
    const l1 = this.load[i1] as number;
    const l2 = this.load[i2] as number;
    const n1 = l1 - (p.arcLoad[a1] as number) + (p.arcLoad[b2] as number);
    const n2 = l2 - (p.arcLoad[a2] as number) + (p.arcLoad[b1] as number);
    out[0] =
      (cost[b1] as number) +
      (cost[b2] as number) -
      (cost[a1] as number) -
      (cost[a2] as number) +
      this.term(i1, n1) -
      this.term(i1, l1) +
      this.term(i2, n2) -
      this.term(i2, l2);
    out[1] = this.over(i1, n1) - this.over(i1, l1) + this.over(i2, n2) - this.over(i2, l2);
  }

  /** Puts arc `next` (or UNFILLED) in `slot`, updating loads, cost and overload. */
  assign(slot: number, next: number): void {
    const { p } = this.f;
    const prev = this.slotArc[slot] as number;
    this.cost += this.arcCost(next) - this.arcCost(prev);
    if (prev !== UNFILLED) this.moveLoad(p.arcAgent[prev] as number, -(p.arcLoad[prev] as number));
    if (next !== UNFILLED) this.moveLoad(p.arcAgent[next] as number, p.arcLoad[next] as number);
    this.slotArc[slot] = next;
  }

  private moveLoad(i: number, delta: number): void {
    const l0 = this.load[i] as number;
    const l1 = l0 + delta;
    this.cost += this.term(i, l1) - this.term(i, l0);
    this.overload += this.over(i, l1) - this.over(i, l0);
    this.load[i] = l1;
  }

  /** Recomputes loads, cost and overload from the slots (drift-free). */
  recompute(): void {
    const { p } = this.f;
    this.load.fill(0);
    let cost = 0;
    for (const a of this.slotArc) {
      cost += this.arcCost(a);
      if (a !== UNFILLED) (this.load[p.arcAgent[a] as number] as number) += p.arcLoad[a] as number;
    }
    let overload = 0;
    for (let i = 0; i < this.load.length; i++) {
      cost += this.term(i, this.load[i] as number);
      overload += this.over(i, this.load[i] as number);
    }
    this.cost = cost;
    this.overload = overload;
  }

  /** Every slot filled or allowed unfilled, and no agent over capacity. */
  feasible(): boolean {
    if (this.overload > 1e-9) return false;
    if (this.f.unassigned === null) for (const a of this.slotArc) if (a === UNFILLED) return false;
    return true;
  }

  setSlots(slotArc: Int32Array): void {
    this.slotArc.set(slotArc);
    this.recompute();
  }

  chosenArcs(): Int32Array {
    return Int32Array.from(this.slotArc.filter((a) => a !== UNFILLED));
  }

  unfilled(): Int32Array {
    const out = new Int32Array(this.f.p.taskIds.length);
    this.slotArc.forEach((a, s) => {
      if (a === UNFILLED) (out[this.slotTask[s] as number] as number)++;
    });
    return out;
  }
}
