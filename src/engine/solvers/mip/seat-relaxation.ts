import { Knapsack } from './knapsack';
import type { MinForm } from './min-form';

/**
 * Lagrangian relaxation of the seat rows (Σ_a∈t x_a + u_t = seats_t, multiplier λ_t) of a GAP
 * with integral loads and no load costs, at a node of a branch-and-bound where some arcs are
 * fixed in (1) or out (−1):
 *   L(λ) = fixed cost + Σ_t r_t·(λ_t + min(0, U − λ_t)) − Σ_agents KP_i(λ),
 * with r_t the seats still open and KP_i the best Σ (λ_t − c_a) over free arcs of agent i that
 * fit its remaining capacity (an exact 0/1 knapsack). Each knapsack keeps the capacity rows,
 * so the bound is at least the LP bound and usually well above it.
 */
export class SeatRelaxation {
  /** Arcs that fit their agent, grouped by agent (CSR). */
  readonly agentStart: Int32Array;
  readonly agentArcs: Int32Array;
  readonly arcState: Int8Array;
  readonly remaining: Int32Array;
  readonly residual: Int32Array;
  fixedCost = 0;
  readonly lambda: Float64Array;
  /** Relaxed solution of the last evaluation: x per arc, seats taken and left unfilled per task. */
  readonly x: Uint8Array;
  readonly taken: Int32Array;
  readonly unfilled: Int32Array;
  readonly grad: Float64Array;
  private readonly chosen: number[] = [];
  private readonly openArcs: Int32Array;
  private readonly kp = new Knapsack();
  private readonly itemArc: Int32Array;
  private readonly itemWeight: Int32Array;
  private readonly itemProfit: Float64Array;
  private readonly itemTake: Uint8Array;

  constructor(readonly f: MinForm) {
    const { p } = f;
    const m = p.agentIds.length;
    const n = p.taskIds.length;
    this.agentStart = new Int32Array(m + 1);
    for (const a of f.taskArcs) (this.agentStart[(p.arcAgent[a] as number) + 1] as number)++;
    for (let i = 0; i < m; i++) (this.agentStart[i + 1] as number) += this.agentStart[i] as number;
    const fill = this.agentStart.slice(0, m);
    this.agentArcs = new Int32Array(f.taskArcs.length);
    for (const a of f.taskArcs) this.agentArcs[(fill[p.arcAgent[a] as number] as number)++] = a;
    this.arcState = new Int8Array(p.arcTask.length);
    this.remaining = Int32Array.from(p.seats);
    this.residual = Int32Array.from(p.capacity, (c) => Math.floor(c + 1e-9));
    this.lambda = new Float64Array(n);
    this.x = new Uint8Array(p.arcTask.length);
    this.taken = new Int32Array(n);
    this.unfilled = new Int32Array(n);
    this.grad = new Float64Array(n);
    this.openArcs = new Int32Array(n);
    let widest = 0;
    for (let i = 0; i < m; i++) widest = Math.max(widest, (this.agentStart[i + 1] as number) - (this.agentStart[i] as number));
    this.itemArc = new Int32Array(widest);
    this.itemWeight = new Int32Array(widest);
    this.itemProfit = new Float64Array(widest);
    this.itemTake = new Uint8Array(widest);
  }

  /** Fixes arc a in (+1) or out (−1), or frees it again (0) — always undo in reverse order. */
  setArc(a: number, state: -1 | 0 | 1): void {
    const { p, cost } = this.f;
    const prev = this.arcState[a] as number;
    if (prev === 1) {
      (this.remaining[p.arcTask[a] as number] as number)++;
      (this.residual[p.arcAgent[a] as number] as number) += p.arcLoad[a] as number;
      this.fixedCost -= cost[a] as number;
    }
    if (state === 1) {
      (this.remaining[p.arcTask[a] as number] as number)--;
      (this.residual[p.arcAgent[a] as number] as number) -= p.arcLoad[a] as number;
      this.fixedCost += cost[a] as number;
    }
    this.arcState[a] = state;
  }

  /** Free arc that may still enter: its task has open seats and it fits its agent's residual. */
  open(a: number): boolean {
    const { p } = this.f;
    return (
      this.arcState[a] === 0 &&
      (this.remaining[p.arcTask[a] as number] as number) > 0 &&
      (p.arcLoad[a] as number) <= (this.residual[p.arcAgent[a] as number] as number)
    );
  }

  /** False when the fixings already break a capacity or leave a task fewer open arcs than seats. */
  consistent(): boolean {
    const { f } = this;
    for (let i = 0; i < this.residual.length; i++) if ((this.residual[i] as number) < 0) return false;
    if (f.unassigned !== null) return true;
    for (let t = 0; t < this.remaining.length; t++) {
      const need = this.remaining[t] as number;
      if (need <= 0) continue;
      let avail = 0;
      for (let k = f.taskStart[t] as number; k < (f.taskStart[t + 1] as number) && avail < need; k++)
        if (this.open(f.taskArcs[k] as number)) avail++;
      if (avail < need) return false;
    }
    return true;
  }

  /**
   * L(λ) at the current λ; fills x, taken, unfilled and the subgradient grad (r_t − taken −
   * unfilled). A task with open seats but no open arc (only possible with unassignedCost, else
   * the node is inconsistent) pays r_t·U outright, whatever its λ.
   */
  evaluate(): number {
    const { p, cost } = this.f;
    const U = this.f.unassigned;
    const lambda = this.lambda;
    for (const a of this.chosen) this.x[a] = 0;
    this.chosen.length = 0;
    this.taken.fill(0);
    this.openArcs.fill(0);
    let value = this.fixedCost;
    for (let i = 0; i < this.residual.length; i++) {
      let count = 0;
      for (let k = this.agentStart[i] as number; k < (this.agentStart[i + 1] as number); k++) {
        const a = this.agentArcs[k] as number;
        if (!this.open(a)) continue;
        const t = p.arcTask[a] as number;
        (this.openArcs[t] as number)++;
        const profit = (lambda[t] as number) - (cost[a] as number);
        if (profit <= 1e-12) continue;
        this.itemArc[count] = a;
        this.itemWeight[count] = p.arcLoad[a] as number;
        this.itemProfit[count++] = profit;
      }
      if (count === 0) continue;
      value -= this.kp.solve(count, this.itemWeight, this.itemProfit, this.residual[i] as number, this.itemTake);
      for (let k = 0; k < count; k++) {
        if (!this.itemTake[k]) continue;
        const a = this.itemArc[k] as number;
        this.x[a] = 1;
        this.chosen.push(a);
        (this.taken[p.arcTask[a] as number] as number)++;
      }
    }
    for (let t = 0; t < this.remaining.length; t++) {
      const r = this.remaining[t] as number;
      this.unfilled[t] = 0;
      this.grad[t] = 0;
      if (r <= 0) continue;
      if (U !== null && (U < (lambda[t] as number) || this.openArcs[t] === 0)) {
        value += r * U; // = r·(λ + min(0, U − λ)) when U < λ
        this.unfilled[t] = r;
      } else value += r * (lambda[t] as number);
      this.grad[t] = r - (this.taken[t] as number) - (this.unfilled[t] as number);
    }
    return value;
  }

  /** Arcs of the last relaxed solution. */
  chosenArcs(): readonly number[] {
    return this.chosen;
  }
}

export interface AscentOptions {
  readonly maxIterations: number;
  /** Initial step factor of the Polyak rule, halved after `patience` iterations without progress. */
  readonly theta: number;
  readonly patience: number;
  /** Best known objective (min form) the steps aim at; +Infinity when none. */
  readonly upper: number;
  /** Stop as soon as this returns true for the bound (e.g. it proves the node cannot beat the incumbent). */
  readonly enough: (bound: number) => boolean;
  readonly deadlineMs: number;
}

/**
 * Subgradient ascent on λ from its current value. Leaves λ at the best multipliers found and
 * returns the best bound (the relaxed solution in `r` is the one at those multipliers).
 */
export function ascend(r: SeatRelaxation, o: AscentOptions): number {
  const n = r.lambda.length;
  let best = -Infinity;
  const bestLambda = r.lambda.slice();
  let theta = o.theta;
  let stall = 0;
  for (let it = 0; it < o.maxIterations; it++) {
    const value = r.evaluate();
    if (value > best + 1e-9 * Math.max(1, Math.abs(value))) {
      best = value;
      bestLambda.set(r.lambda);
      stall = 0;
    } else if (++stall >= o.patience) {
      theta /= 2;
      stall = 0;
    }
    if (o.enough(best) || theta < 1e-3 || performance.now() > o.deadlineMs) break;
    let norm = 0;
    for (let t = 0; t < n; t++) norm += (r.grad[t] as number) * (r.grad[t] as number);
    if (norm === 0) break; // the relaxed solution fills every seat row: L(λ) is the node's optimum
    const target = Number.isFinite(o.upper) ? o.upper : value + Math.max(1, 0.05 * Math.abs(value));
    const step = (theta * Math.max(target - value, 1e-6 * Math.max(1, Math.abs(value)))) / norm;
    for (let t = 0; t < n; t++) (r.lambda[t] as number) += step * (r.grad[t] as number);
  }
  r.lambda.set(bestLambda);
  if (best > -Infinity) r.evaluate();
  return best;
}

/**
 * Starts λ from multipliers μ of the capacity rows: λ_t = the cheapest c_a + μ_i·load_a of its
 * arcs (or U), the task-row duals of that relaxation, so L(λ) starts at or above its bound.
 */
export function warmStart(r: SeatRelaxation, mu: Float64Array): void {
  const { f } = r;
  const { p } = f;
  for (let t = 0; t < r.lambda.length; t++) {
    let v = f.unassigned ?? Infinity;
    for (let k = f.taskStart[t] as number; k < (f.taskStart[t + 1] as number); k++) {
      const a = f.taskArcs[k] as number;
      v = Math.min(v, (f.cost[a] as number) + (mu[p.arcAgent[a] as number] as number) * (p.arcLoad[a] as number));
    }
    r.lambda[t] = Number.isFinite(v) ? v : 0;
  }
}
