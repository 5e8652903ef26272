import { proficiency, type Category, type Mediator, type OutcomeStat } from '../domain';
import type { CostWeights } from '../domain/config/schema';
import { dot, logistic, mediatorPosterior } from './success-posterior';
import { itemAt, mustGet } from '../domain/indexed-access';

/**
 * Predicted settlement probability learned from outcome history: a hierarchical (empirical-Bayes)
 * logistic model. On the logit scale, mediator m in category c:
 *
 *   η(m, c) = α + β · stated proficiency(m, c) + γ[tier(m)]  +  u[m]  +  v[m, c]
 *
 * The calibration (α, β, γ) is fitted to every outcome of the county (thousands within weeks), with
 * a Gaussian prior centred on the configured curve so that it starts there. A mediator's own effect
 * u ~ N(0, mediatorSd²) is shared by all their categories — general ability shows in every kind of
 * dispute — and v ~ N(0, categorySd²) is their category's own deviation. u and v are shrunk toward 0
 * by how few outcomes back them (posterior mode, Laplace approximation). Pure; no I/O.
 */

/** intercept, perProficiency (the configured curve), calibrationSd, mediatorSd, categorySd (logit units). */
export type SuccessModelParams = CostWeights['successModel'];

/** One mediator's learned effects (logit), from their own outcomes. */
export interface MediatorEffects {
  /** E[u | outcomes]: carried to the categories they have no outcomes in. */
  readonly u: number;
  /** Posterior sd of u + v in a category with no outcomes. */
  readonly newCategorySd: number;
  /** Per category with outcomes: posterior mode of u + v and its sd. */
  readonly cells: ReadonlyMap<Category, { readonly w: number; readonly sd: number }>;
}

/** Fitted model: what the predictor reads. */
export interface SuccessModel {
  /** α, β, γ[industry], γ[gold] (γ[village] = 0). */
  readonly calibration: readonly number[];
  /** A mediator's effects; undefined with no outcomes. Computed on first use, so a ranking of one case pays only for its candidates. */
  readonly effects: (mediatorId: string) => MediatorEffects | undefined;
  /** Sd of u + v for a mediator with no history: √(mediatorSd² + categorySd²). */
  readonly priorSd: number;
}

/** Calibration covariates: 1, stated proficiency, industry tier, gold tier (village is the baseline). */
export function features(m: Pick<Mediator, 'tier' | 'expertise'>, category: Category): number[] {
  return [1, proficiency(m, category), m.tier === 'industry' ? 1 : 0, m.tier === 'gold' ? 1 : 0];
}

/** Solves A x = b for a small dense symmetric positive-definite A (Gaussian elimination). */
function solveSmall(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, itemAt(b, i)]);
  for (let i = 0; i < n; i++) {
    for (let r = i + 1; r < n; r++) {
      const f = itemAt(itemAt(m, r), i) / itemAt(itemAt(m, i), i);
      const row = itemAt(m, r);
      for (let k = i; k <= n; k++) row[k] = itemAt(row, k) - f * itemAt(itemAt(m, i), k);
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--)
    x[i] = (itemAt(itemAt(m, i), n) - dot(itemAt(m, i).slice(i + 1, n), x.slice(i + 1))) / itemAt(itemAt(m, i), i);
  return x;
}

/** Outcome rows: covariates (4 per row, flat), settled and attempted counts, and the rows of each mediator. */
interface Rows {
  readonly x: Float64Array;
  readonly s: Float64Array;
  readonly n: Float64Array;
  readonly categories: readonly Category[];
  readonly byMediator: ReadonlyMap<string, readonly number[]>;
}

const K = 4;

function outcomeRows(outcomes: readonly OutcomeStat[], mediators: readonly Mediator[]): Rows {
  const byId = new Map(mediators.map((m) => [m.id, m]));
  const kept = outcomes.filter((o) => o.attempts > 0 && byId.has(o.mediatorId));
  const x = new Float64Array(kept.length * K);
  const s = new Float64Array(kept.length);
  const n = new Float64Array(kept.length);
  const byMediator = new Map<string, number[]>();
  kept.forEach((o, r) => {
    x.set(features(mustGet(byId, o.mediatorId, 'mediator'), o.category), r * K);
    s[r] = o.successes;
    n[r] = o.attempts;
    const own = byMediator.get(o.mediatorId);
    if (own) own.push(r);
    else byMediator.set(o.mediatorId, [r]);
  });
  return { x, s, n, categories: kept.map((o) => o.category), byMediator };
}

const rowDot = (theta: readonly number[], x: Float64Array, r: number): number =>
  itemAt(theta, 0) * (x[r * K] as number) +
  itemAt(theta, 1) * (x[r * K + 1] as number) +
  itemAt(theta, 2) * (x[r * K + 2] as number) +
  itemAt(theta, 3) * (x[r * K + 3] as number);

/**
 * The calibration by Newton on the pooled outcomes (MAP with the prior around the configured curve).
 * Fitted without the mediator effects — the population-averaged curve, flatter than the conditional
 * one by about 1/√(1 + 0.35·σ²), 3% at σ² = 0.2 — so that no mediator's posterior is needed before a
 * prediction asks for it.
 */
function fitCalibration(rows: Rows, prior: readonly number[], sd: number): number[] {
  // Rows with the same covariates pool (proficiency is given to 0.01: a few hundred groups at most).
  const pooled = new Map<number, { x: number[]; s: number; n: number }>();
  for (let r = 0; r < rows.s.length; r++) {
    const key = Math.round((rows.x[r * K + 1] as number) * 1e6) * 4 + (rows.x[r * K + 2] as number) + 2 * (rows.x[r * K + 3] as number);
    let g = pooled.get(key);
    if (!g) pooled.set(key, (g = { x: Array.from(rows.x.subarray(r * K, r * K + K)), s: 0, n: 0 }));
    g.s += rows.s[r] as number;
    g.n += rows.n[r] as number;
  }
  const groups = [...pooled.values()];
  const theta = [...prior];
  const precision = 1 / (sd * sd);
  for (let iter = 0; iter < 12; iter++) {
    const grad = theta.map((t, i) => -(t - itemAt(prior, i)) * precision);
    const hess = theta.map((_, i) => theta.map((__, j) => (i === j ? precision : 0)));
    for (const g of groups) {
      const p = logistic(dot(theta, g.x));
      const resid = g.s - g.n * p;
      const wgt = g.n * p * (1 - p);
      for (let i = 0; i < K; i++) {
        grad[i] = itemAt(grad, i) + resid * itemAt(g.x, i);
        const row = itemAt(hess, i);
        for (let j = 0; j < K; j++) row[j] = itemAt(row, j) + wgt * itemAt(g.x, i) * itemAt(g.x, j);
      }
    }
    const step = solveSmall(hess, grad);
    let largest = 0;
    for (let i = 0; i < K; i++) {
      theta[i] = itemAt(theta, i) + itemAt(step, i);
      largest = Math.max(largest, Math.abs(itemAt(step, i)));
    }
    if (largest < 1e-6) break;
  }
  return theta;
}

/** Fits the model to the county's outcome history: the calibration now, each mediator's effects when first asked for. */
export function fitSuccessModel(
  outcomes: readonly OutcomeStat[],
  mediators: readonly Mediator[],
  params: SuccessModelParams,
): SuccessModel {
  const rows = outcomeRows(outcomes, mediators);
  const calibration =
    rows.s.length > 0 ? fitCalibration(rows, priorModel(params).calibration, params.calibrationSd) : priorModel(params).calibration;
  const memo = new Map<string, MediatorEffects>();
  const effects = (mediatorId: string): MediatorEffects | undefined => {
    const own = rows.byMediator.get(mediatorId);
    if (!own) return undefined;
    let e = memo.get(mediatorId);
    if (!e) {
      const post = mediatorPosterior(
        own.map((r) => ({ base: rowDot(calibration, rows.x, r), s: rows.s[r] as number, n: rows.n[r] as number })),
        params.mediatorSd,
        params.categorySd,
      );
      e = {
        u: post.u,
        newCategorySd: post.newCategorySd,
        cells: new Map(own.map((r, i) => [itemAt(rows.categories, r), { w: itemAt(post.w, i), sd: itemAt(post.wSd, i) }])),
      };
      memo.set(mediatorId, e);
    }
    return e;
  };
  return { calibration, effects, priorSd: Math.hypot(params.mediatorSd, params.categorySd) };
}

/** The model before any outcome: the configured curve, no mediator effects. */
export function priorModel(params: SuccessModelParams): SuccessModel {
  return {
    calibration: [params.intercept, params.perProficiency, 0, 0],
    effects: () => undefined,
    priorSd: Math.hypot(params.mediatorSd, params.categorySd),
  };
}

/** Predicted settlement probability of mediator m in a category under a fitted model. */
export function modelSuccess(model: SuccessModel, m: Pick<Mediator, 'id' | 'tier' | 'expertise'>, category: Category): number {
  const e = model.effects(m.id);
  const effect = e ? (e.cells.get(category)?.w ?? e.u) : 0;
  return logistic(dot(model.calibration, features(m, category)) + effect);
}

/** How uncertain the prediction is: posterior sd of the mediator's effect in the category, logit. */
export function modelUncertainty(model: SuccessModel, m: Pick<Mediator, 'id'>, category: Category): number {
  const e = model.effects(m.id);
  return e ? (e.cells.get(category)?.sd ?? e.newCategorySd) : model.priorSd;
}

/** The prediction moved by `z` posterior sds on the logit scale (z > 0: optimism for the little-known). */
export function shiftedSuccess(model: SuccessModel, m: Pick<Mediator, 'id' | 'tier' | 'expertise'>, category: Category, z: number): number {
  const p = modelSuccess(model, m, category);
  return logistic(Math.log(p / (1 - p)) + z * modelUncertainty(model, m, category));
}
