import type { MinForm } from './min-form';
import { itemAt } from '../../../domain/indexed-access';

/**
 * Lagrangian relaxation of the agent load rows. With L_i the load of agent i and f_i its
 * (convex) load term, relaxing Σ_j r_ij·x_ij = L_i with multiplier μ_i leaves
 *   LR(μ) = Σ_tasks min over `seats` distinct arcs (or unfilled seats) of Σ (c + μ_i·r)
 *         + Σ_agents min_{0 ≤ L ≤ cap_i} (f_i(L) − μ_i·L),
 * a valid lower bound for every μ (equal to the LP bound at the best μ, since each task's
 * subproblem is integral). Maximised by subgradient steps (Polyak rule against an upper bound).
 */
export interface LagrangianProgress {
  /** Best bound so far (min form) and the multipliers that gave it. */
  readonly bound: number;
  readonly mu: Float64Array;
}

export interface LagrangianOptions {
  readonly deadlineMs: number;
  readonly maxIterations: number;
  /** Current best upper bound (min form), or +Infinity when none is known. */
  readonly upper: () => number;
  /** Called every `heuristicEvery` iterations with the current multipliers. */
  readonly onMultipliers: (mu: Float64Array) => void;
  readonly heuristicEvery: number;
  /** Stop once the bound proves the upper bound (integral objectives round up). */
  readonly closes: (bound: number) => boolean;
}

/** LR(μ) and the subgradient (load chosen minus best L per agent) into `grad`. */
export function evaluate(f: MinForm, mu: Float64Array, grad: Float64Array): number {
  const { p, cost, taskStart, taskArcs } = f;
  const U = f.unassigned;
  grad.fill(0);
  let total = 0;
  let maxSeats = 1;
  for (const seats of p.seats) if (seats > maxSeats) maxSeats = seats;
  const pick = new Float64Array(maxSeats);
  const pickArc = new Int32Array(maxSeats);
  for (let t = 0; t < p.taskIds.length; t++) {
    const seats = p.seats[t] as number;
    const width = seats;
    let count = 0;
    for (let k = taskStart[t] as number; k < (taskStart[t + 1] as number); k++) {
      const a = taskArcs[k] as number;
      const rc = (cost[a] as number) + (mu[p.arcAgent[a] as number] as number) * (p.arcLoad[a] as number);
      if (U !== null && rc >= U) continue;
      // Insertion into the sorted list of the `seats` cheapest.
      let pos = count < width ? count++ : width;
      if (pos === width && rc >= (pick[width - 1] as number)) continue;
      if (pos === width) pos = width - 1;
      while (pos > 0 && (pick[pos - 1] as number) > rc) {
        pick[pos] = pick[pos - 1] as number;
        pickArc[pos] = pickArc[pos - 1] as number;
        pos--;
      }
      pick[pos] = rc;
      pickArc[pos] = a;
    }
    for (let q = 0; q < count; q++) {
      total += pick[q] as number;
      (grad[p.arcAgent[pickArc[q] as number] as number] as number) += p.arcLoad[pickArc[q] as number] as number;
    }
    // Seats without an arc cheaper than U stay unfilled (U is null only when enough arcs exist).
    if (U !== null) total += (seats - count) * U;
  }
  for (let i = 0; i < mu.length; i++) {
    const cap = p.capacity[i] as number;
    const lc = f.loadCosts[i];
    let bestL = 0;
    let val = 0;
    if (!lc) {
      if ((mu[i] as number) > 0) {
        bestL = cap;
        val = -(mu[i] as number) * cap;
      }
    } else {
      const last = lc.length - 1;
      for (let k = 0; k < last && k < cap; k++) {
        const wdt = Math.min(1, cap - k);
        if ((lc[k] as number) < (mu[i] as number)) {
          val += ((lc[k] as number) - (mu[i] as number)) * wdt;
          bestL += wdt;
        }
      }
      if (cap > last && (lc[last] as number) < (mu[i] as number)) {
        val += ((lc[last] as number) - (mu[i] as number)) * (cap - last);
        bestL += cap - last;
      }
    }
    total += val;
    (grad[i] as number) -= bestL;
  }
  return total;
}

export function maximiseLagrangian(f: MinForm, opts: LagrangianOptions): LagrangianProgress {
  const m = f.p.agentIds.length;
  const mu = new Float64Array(m);
  const grad = new Float64Array(m);
  let best = -Infinity;
  let bestMu = mu.slice();
  let lambda = 2;
  let stall = 0;
  for (let it = 0; it < opts.maxIterations; it++) {
    const value = evaluate(f, mu, grad);
    if (value > best + 1e-9 * Math.max(1, Math.abs(value))) {
      best = value;
      bestMu = mu.slice();
      stall = 0;
    } else if (++stall >= 20) {
      lambda /= 2;
      stall = 0;
    }
    if (it % opts.heuristicEvery === 0) opts.onMultipliers(mu);
    if (opts.closes(best) || lambda < 1e-4 || performance.now() > opts.deadlineMs) break;
    let norm = 0;
    for (let i = 0; i < m; i++) {
      // Projected direction: multipliers of agents without load costs stay ≥ 0.
      if (!f.loadCosts[i] && mu[i] === 0 && (grad[i] as number) < 0) grad[i] = 0;
      norm += (grad[i] as number) * (grad[i] as number);
    }
    if (norm === 0) break; // μ is optimal: the relaxed solution respects every load row
    const ub = opts.upper();
    const target = Number.isFinite(ub) ? ub : value + Math.max(1, 0.05 * Math.abs(value));
    const step = (lambda * Math.max(target - value, 1e-6 * Math.max(1, Math.abs(value)))) / norm;
    for (let i = 0; i < m; i++) {
      let v = (mu[i] as number) + step * (grad[i] as number);
      if (!f.loadCosts[i] && v < 0) v = 0;
      mu[i] = v;
    }
  }
  return { bound: best, mu: bestMu };
}

/**
 * Lagrangian reduced-cost fixing: with LR(μ) = `value`, forcing arc a into its task's choice
 * raises the relaxation by at least rc_a minus the dearest pick it would displace (or the
 * unfilled-seat price). Arcs whose forced bound exceeds `cutoff` can be in no solution below the
 * cutoff and are marked (1) for fixing to zero.
 */
export function arcsAboveCutoff(f: MinForm, mu: Float64Array, value: number, cutoff: number): Uint8Array {
  const { p, cost, taskStart, taskArcs } = f;
  const U = f.unassigned;
  const out = new Uint8Array(p.arcTask.length);
  const rcs: number[] = [];
  for (let t = 0; t < p.taskIds.length; t++) {
    const seats = p.seats[t] as number;
    rcs.length = 0;
    for (let k = taskStart[t] as number; k < (taskStart[t + 1] as number); k++) {
      const a = taskArcs[k] as number;
      rcs.push((cost[a] as number) + (mu[p.arcAgent[a] as number] as number) * (p.arcLoad[a] as number));
    }
    const sorted = rcs.slice().sort((x, y) => x - y);
    const chosen = U === null ? Math.min(seats, sorted.length) : Math.min(seats, sorted.filter((v) => v < U).length);
    // Price of the seat a forced arc would take over: the dearest pick, or an unfilled seat.
    const displaced = chosen < seats ? (U ?? Infinity) : itemAt(sorted, chosen - 1);
    for (let k = taskStart[t] as number, q = 0; k < (taskStart[t + 1] as number); k++, q++) {
      const rc = itemAt(rcs, q);
      if (chosen > 0 && chosen === seats && rc <= itemAt(sorted, chosen - 1)) continue; // possibly chosen: never fixed
      if (value + rc - displaced > cutoff) out[taskArcs[k] as number] = 1;
    }
  }
  return out;
}
