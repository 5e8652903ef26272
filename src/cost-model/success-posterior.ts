/**
 * The per-mediator part of the success model (success-model.ts): the posterior mode of a mediator's
 * effects given their outcomes, and its Laplace evidence. Pure; no I/O.
 */

import { itemAt } from '../domain/indexed-access';

export const logistic = (x: number): number => 1 / (1 + Math.exp(-x));
export const dot = (a: readonly number[], b: readonly number[]): number => a.reduce((s, x, i) => s + x * itemAt(b, i), 0);

/**
 * One mediator's effects w[c] = u + v[c] over the categories they have outcomes in, posterior mode
 * by Newton. Prior covariance σu²·11ᵀ + σv²·I, whose precision is (I − ρ·11ᵀ)/σv² with
 * ρ = σu² / (σv² + kσu²); the Newton system (diagonal + rank one) is solved by Sherman–Morrison.
 * Returns w and E[u | w] = σu²·1ᵀ·P·w, the effect carried to categories with no outcomes.
 */
export interface MediatorPosterior {
  /** Posterior mode of u + v[c] per given cell. */
  readonly w: number[];
  /** E[u | data]: the effect carried to categories with no outcomes. */
  readonly u: number;
  /** Posterior sd of each w[c] (Laplace) and of u + v for a category with no outcomes, logit. */
  readonly wSd: number[];
  readonly newCategorySd: number;
  /** Laplace approximation of log p(outcomes | sds), for the empirical-Bayes choice of the sds. */
  readonly logEvidence: number;
}

export function mediatorPosterior(
  cells: readonly { readonly base: number; readonly s: number; readonly n: number; readonly start?: number }[],
  mediatorSd: number,
  categorySd: number,
): MediatorPosterior {
  const k = cells.length;
  const su2 = mediatorSd * mediatorSd;
  const sv2 = Math.max(1e-6, categorySd * categorySd);
  const rho = su2 / (sv2 + k * su2);
  const c = rho / sv2;
  const w = cells.map((cell) => cell.start ?? 0);
  const d = new Array<number>(k).fill(0);
  const aInvG = new Array<number>(k).fill(0);
  const aInv1 = new Array<number>(k).fill(0);
  for (let iter = 0; iter < 30; iter++) {
    let sumW = 0;
    for (let i = 0; i < k; i++) sumW += itemAt(w, i);
    // Newton system (D + I/σv² − (ρ/σv²)·11ᵀ) δ = ∇, D = diag(n p (1 − p)): diagonal + rank one.
    let sumG = 0;
    let sum1 = 0;
    for (let i = 0; i < k; i++) {
      const cell = itemAt(cells, i);
      const p = logistic(cell.base + itemAt(w, i));
      d[i] = cell.n * p * (1 - p);
      const grad = cell.s - cell.n * p - (itemAt(w, i) - rho * sumW) / sv2;
      const a = itemAt(d, i) + 1 / sv2;
      aInvG[i] = grad / a;
      aInv1[i] = 1 / a;
      sumG += itemAt(aInvG, i);
      sum1 += itemAt(aInv1, i);
    }
    const factor = (c * sumG) / (1 - c * sum1);
    let largest = 0;
    for (let i = 0; i < k; i++) {
      const step = itemAt(aInvG, i) + factor * itemAt(aInv1, i);
      w[i] = itemAt(w, i) + step;
      largest = Math.max(largest, Math.abs(step));
    }
    if (largest < 1e-7) break;
  }
  let sumW = 0;
  for (let i = 0; i < k; i++) sumW += itemAt(w, i);
  const pw = w.map((wi) => (wi - rho * sumW) / sv2);
  const u = su2 * pw.reduce((a, b) => a + b, 0);
  // Laplace: log p(data) ≈ log p(data | ŵ) − ½ ŵᵀPŵ − ½ log det(I + ΣD); det by the determinant lemma.
  let logLik = 0;
  let logDet = 0;
  let lemma = 0;
  cells.forEach((cell, i) => {
    const eta = cell.base + itemAt(w, i);
    logLik += cell.s * eta - cell.n * Math.log1p(Math.exp(eta));
    const p = logistic(eta);
    d[i] = cell.n * p * (1 - p);
    logDet += Math.log1p(sv2 * itemAt(d, i));
    lemma += itemAt(d, i) / (1 + sv2 * itemAt(d, i));
  });
  logDet += Math.log1p(su2 * lemma);
  const quad = w.reduce((a, wi, i) => a + wi * itemAt(pw, i), 0);
  return { w, u, ...posteriorSds(d, su2, sv2, rho), logEvidence: logLik - quad / 2 - logDet / 2 };
}

/**
 * Posterior sds given the data weights d = n·p·(1 − p) at the mode: the diagonal of (D + P)⁻¹ by
 * Sherman–Morrison, and for a new category σv² + var(u | data), each cell read as a measurement
 * of u with noise σv² + 1/d.
 */
function posteriorSds(d: readonly number[], su2: number, sv2: number, rho: number): { wSd: number[]; newCategorySd: number } {
  const a = d.map((x) => x + 1 / sv2);
  const c = rho / sv2;
  const denom = 1 - c * a.reduce((s, x) => s + 1 / x, 0);
  const wSd = a.map((x) => Math.sqrt(1 / x + c / (x * x) / denom));
  const precisionU = (su2 > 0 ? 1 / su2 : Infinity) + d.reduce((s, x) => s + (x > 0 ? 1 / (sv2 + 1 / x) : 0), 0);
  return { wSd, newCategorySd: Math.sqrt(sv2 + 1 / precisionU) };
}
