import { TIERS, type Category, type Mediator, type Tier } from '../domain';
import type { CostWeights } from '../domain/config/schema';
import { itemAt } from '../domain/indexed-access';
import { logistic } from './success-posterior';

/**
 * Load-aware success (issue 20): how a mediator's chance of settling changes with how full they
 * are when the case arrives, learned from closed cases, pooled across the mediators of a tier.
 *
 * The load ratio of a seat is (open cases including this one) ÷ capacity, cut into bands at
 * `loadSuccess.bandEdges`. Per tier and band the model learns one logit shift δ on top of the
 * load-free prediction of the success model (success-model.ts): the posterior mode of
 *   settled ~ Bernoulli(logistic(logit p̂(m, c) + δ[tier][band])),  δ ~ N(prior[band], priorSd²),
 * by Newton on one variable. The shifts are made non-increasing across bands (a fuller mediator
 * never looks better), so the marginal loss per further case is non-decreasing: the load term
 * stays convex and the flow engine still balances exactly. Pure; no I/O.
 */

/** Closed seats of one mediator × category taken at one load: the store's raw record for learning. */
export interface LoadOutcomeStat {
  readonly mediatorId: string;
  readonly category: Category;
  /** Open cases of the mediator including this one, when it was assigned. */
  readonly openWith: number;
  readonly capacity: number;
  readonly successes: number;
  readonly attempts: number;
}

export type LoadSuccessParams = CostWeights['loadSuccess'];

/** Logit shift of predicted success at a load ratio, for a tier; 0 = no effect. */
export type LoadShift = (tier: Tier, ratio: number) => number;

/** The band of a load ratio: the number of edges at or below it. */
export function loadBand(ratio: number, edges: readonly number[]): number {
  let b = 0;
  while (b < edges.length && ratio > itemAt(edges, b)) b++;
  return b;
}

/** The prior shifts alone: what is believed before any closed case. */
export function priorLoadShift(params: LoadSuccessParams): LoadShift {
  return (_tier, ratio) => itemAt(params.priorShift, loadBand(ratio, params.bandEdges));
}

/** Posterior mode of one shift given (base logit, settled, attempts) rows. */
function fitShift(rows: readonly { readonly base: number; readonly s: number; readonly n: number }[], mean: number, sd: number): number {
  const precision = 1 / (sd * sd);
  let d = mean;
  for (let iter = 0; iter < 25; iter++) {
    let grad = -(d - mean) * precision;
    let hess = precision;
    for (const r of rows) {
      const p = logistic(r.base + d);
      grad += r.s - r.n * p;
      hess += r.n * p * (1 - p);
    }
    const step = grad / hess;
    d += step;
    if (Math.abs(step) < 1e-8) break;
  }
  return d;
}

/**
 * Learns the shifts from closed seats. `baseLogit` is the load-free prediction (logit) of the
 * success model for a mediator in a category; seats of unknown mediators are skipped.
 */
export function fitLoadShift(
  stats: readonly LoadOutcomeStat[],
  mediators: readonly Mediator[],
  baseLogit: (m: Mediator, category: Category) => number,
  params: LoadSuccessParams,
): LoadShift {
  const byId = new Map(mediators.map((m) => [m.id, m]));
  const bands = params.bandEdges.length + 1;
  const rows = new Map<Tier, { base: number; s: number; n: number }[][]>(TIERS.map((t) => [t, Array.from({ length: bands }, () => [])]));
  for (const o of stats) {
    const m = byId.get(o.mediatorId);
    if (!m || o.attempts <= 0 || o.capacity <= 0) continue;
    const band = loadBand(o.openWith / o.capacity, params.bandEdges);
    itemAt(rows.get(m.tier) ?? [], band).push({ base: baseLogit(m, o.category), s: o.successes, n: o.attempts });
  }
  const shifts = new Map<Tier, number[]>();
  for (const [tier, perBand] of rows) {
    const fitted = perBand.map((r, b) => fitShift(r, itemAt(params.priorShift, b), params.priorSd));
    // Non-increasing across bands: a fuller mediator never looks better than a less full one.
    for (let b = 1; b < fitted.length; b++) fitted[b] = Math.min(itemAt(fitted, b), itemAt(fitted, b - 1));
    shifts.set(tier, fitted);
  }
  return (tier, ratio) => itemAt(shifts.get(tier) ?? params.priorShift, loadBand(ratio, params.bandEdges));
}

/** A probability moved by a logit shift. */
export function shifted(p: number, shift: number): number {
  if (shift === 0) return p;
  const q = Math.min(1 - 1e-9, Math.max(1e-9, p));
  return logistic(Math.log(q / (1 - q)) + shift);
}

/**
 * The success lost to load by each further case in one batch, for the agent's convex schedule:
 * unit u (0-based) costs `weight` × (p at the first free seat − p at seat u), where p is a
 * mediator's load-free prediction `reference` shifted for the load. Unit 0 costs nothing here:
 * its loss is already in the arc's success term (the arc is priced at the snapshot load + 1).
 */
export function loadSuccessSchedule(
  tier: Tier,
  load: number,
  capacity: number,
  units: number,
  reference: number,
  shift: LoadShift,
  weight: number,
): number[] {
  const first = shifted(reference, shift(tier, (load + 1) / Math.max(1, capacity)));
  return Array.from(
    { length: units },
    (_, u) => weight * Math.max(0, first - shifted(reference, shift(tier, (load + u + 1) / Math.max(1, capacity)))),
  );
}
