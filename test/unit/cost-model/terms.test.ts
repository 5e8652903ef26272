import { loadDispatchConfig } from '../../../src/domain/config/load';
import {
  expertiseGapCost,
  goldPremiumCost,
  loadCostSchedule,
  overflowCost,
  successCost,
  travelCost,
  urgencyCost,
  mustServeNow,
  waitPriorityCost,
} from '../../../src/cost-model/terms';

const w = {
  ...loadDispatchConfig().weights,
  expertise: 4,
  travelPer10Km: 1,
  success: 20,
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

  test('success cost: the weight times the predicted failure probability', () => {
    expect(successCost(1, w.success)).toBe(0);
    expect(successCost(0.7, w.success)).toBeCloseTo(6);
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
    const s = loadCostSchedule(2, 6, w, 100);
    expect(s).toHaveLength(4);
    expect(s[0]).toBeCloseTo(4 * (3 / 6) ** 2);
    for (let i = 1; i < s.length; i++) expect(s[i]!).toBeGreaterThanOrEqual(s[i - 1]!);
    expect(loadCostSchedule(6, 6, w, 100)).toEqual([]);
    expect(loadCostSchedule(0, 6, w, 100)[0]!).toBeLessThan(s[0]!);
  });

  test('When capacity is huge (a poison record), then the schedule is sized by the seats the problem could give, not by capacity', () => {
    const s = loadCostSchedule(0, 169_220_804, w, 3);
    expect(s).toHaveLength(3);
    expect(s[0]).toBeCloseTo(4 * (1 / 169_220_804) ** 2);
    expect(loadCostSchedule(2, 6, w, 1)).toHaveLength(1);
  });
});

describe('deadline priority terms (issue 20)', () => {
  const w = { priority: { waitCost: 400, marginDays: 1, workDays: { ordinary: 3, professional: 10, major: 18 } } };
  test('when the days left no longer cover the class working time and the margin, then the case must be served now', () => {
    expect(mustServeNow(4, 'ordinary', w)).toBe(true);
    expect(mustServeNow(4.01, 'ordinary', w)).toBe(false);
    expect(mustServeNow(10, 'professional', w)).toBe(true);
    expect(mustServeNow(25, 'major', w)).toBe(false);
    expect(mustServeNow(-2, 'major', w)).toBe(true);
  });
  test('when a case can wait, then each of its arcs costs waitCost more', () => {
    expect(waitPriorityCost(true, w)).toBe(400);
    expect(waitPriorityCost(false, w)).toBe(0);
  });
});
