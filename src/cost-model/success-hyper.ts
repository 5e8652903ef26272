import type { Mediator, OutcomeStat } from '../domain';
import { features } from './success-model';
import { dot, mediatorPosterior } from './success-posterior';
import { itemAt } from '../domain/indexed-access';

/**
 * Empirical Bayes: the (mediatorSd, categorySd) on a grid that maximise the Laplace-approximated
 * marginal likelihood of the outcome history, the calibration held at `calibration`.
 */
export function estimateEffectSds(
  outcomes: readonly OutcomeStat[],
  mediators: readonly Mediator[],
  calibration: readonly number[],
  grid: readonly number[],
): { mediatorSd: number; categorySd: number; logEvidence: number } {
  const byId = new Map(mediators.map((m) => [m.id, m]));
  const cellsBy = new Map<string, { base: number; s: number; n: number }[]>();
  for (const o of outcomes) {
    const m = byId.get(o.mediatorId);
    if (!m || o.attempts <= 0) continue;
    const list = cellsBy.get(o.mediatorId) ?? [];
    list.push({ base: dot(calibration, features(m, o.category)), s: o.successes, n: o.attempts });
    cellsBy.set(o.mediatorId, list);
  }
  let best = { mediatorSd: itemAt(grid, 0), categorySd: itemAt(grid, 0), logEvidence: -Infinity };
  for (const su of grid) {
    for (const sv of grid) {
      let total = 0;
      for (const cells of cellsBy.values()) total += mediatorPosterior(cells, su, sv).logEvidence;
      if (total > best.logEvidence) best = { mediatorSd: su, categorySd: sv, logEvidence: total };
    }
  }
  return best;
}
