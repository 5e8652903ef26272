import { loadDispatchConfig } from '../../../src/config/load';
import {
  expertiseGapCost,
  goldPremiumCost,
  loadCostSchedule,
  mediatorOffset,
  overflowCost,
  predictedSuccess,
  priorSuccess,
  successCost,
  travelCost,
  urgencyCost,
} from '../../../src/optimizer/cost-model/terms';

const w = {
  ...loadDispatchConfig().weights,
  expertise: 4,
  travelPer10Km: 1,
  success: 20,
  successPrior: { base: 0.4, perProficiency: 0.5, pseudoCount: 5, mediatorPseudoCount: 4 },
  goldPremium: 6,
  overflow: 2,
  urgency: { weight: 6, horizonDays: 30 },
  load: { weight: 4, exponent: 2 },
};

describe('cost terms', () => {
  test('expertise gap: full proficiency costs nothing, none costs the weight, linear between', () => {
    expect(expertiseGapCost(1, w)).toBe(0);
    expect(expertiseGapCost(0, w)).toBe(4);
    expect(expertiseGapCost(0.75, w)).toBeCloseTo(1);
  });

  test('travel: weight per 10 km, never negative', () => {
    expect(travelCost(31, w)).toBeCloseTo(3.1);
    expect(travelCost(0, w)).toBe(0);
    expect(travelCost(-1, w)).toBe(0);
  });

  test('predicted success: with no history it is the prior; it moves toward the observed rate as outcomes arrive', () => {
    expect(predictedSuccess(undefined, 0.8, w)).toBeCloseTo(0.8);
    const after10 = predictedSuccess({ successes: 2, attempts: 10 }, 0.8, w);
    expect(after10).toBeCloseTo((2 + 5 * 0.8) / 15);
    const after1000 = predictedSuccess({ successes: 200, attempts: 1000 }, 0.8, w);
    expect(after1000).toBeLessThan(after10);
    expect(after1000).toBeCloseTo(0.2, 1);
  });

  test('mediator offset: doing better than the priors across categories lifts the prior, shrunk by the pseudo-count', () => {
    expect(mediatorOffset([], w)).toBe(0);
    const better = mediatorOffset([{ successes: 8, attempts: 8, prior: 0.5 }], w);
    expect(better).toBeCloseTo((8 - 4) / (8 + 4));
    expect(mediatorOffset([{ successes: 0, attempts: 4, prior: 0.5 }], w)).toBeCloseTo(-2 / 8);
    expect(predictedSuccess(undefined, 0.8, w, better)).toBeCloseTo(Math.min(1, 0.8 + better));
    expect(priorSuccess(0.8, w)).toBeCloseTo(0.8);
  });

  test('success cost: the weight times the predicted failure probability', () => {
    expect(successCost(1, w)).toBe(0);
    expect(successCost(0.7, w)).toBeCloseTo(6);
  });

  test('gold premium: only for a gold mediator on a case that is not major', () => {
    expect(goldPremiumCost(true, false, w)).toBe(6);
    expect(goldPremiumCost(true, true, w)).toBe(0);
    expect(goldPremiumCost(false, false, w)).toBe(0);
  });

  test('overflow: only for an overflow pool', () => {
    expect(overflowCost(true, w)).toBe(2);
    expect(overflowCost(false, w)).toBe(0);
  });

  test('urgency: more slack costs more, capped at the horizon, overdue costs nothing', () => {
    expect(urgencyCost(0, w)).toBe(0);
    expect(urgencyCost(-3, w)).toBe(0);
    expect(urgencyCost(15, w)).toBeCloseTo(3);
    expect(urgencyCost(90, w)).toBe(6);
    expect(urgencyCost(2, w)).toBeLessThan(urgencyCost(10, w));
  });

  test('load: one entry per free seat, non-decreasing (convex), rising with the load already carried', () => {
    const s = loadCostSchedule(2, 6, w);
    expect(s).toHaveLength(4);
    expect(s[0]).toBeCloseTo(4 * (3 / 6) ** 2);
    for (let i = 1; i < s.length; i++) expect(s[i]!).toBeGreaterThanOrEqual(s[i - 1]!);
    expect(loadCostSchedule(6, 6, w)).toEqual([]);
    expect(loadCostSchedule(0, 6, w)[0]!).toBeLessThan(s[0]!);
  });
});
