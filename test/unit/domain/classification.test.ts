import { loadDispatchConfig } from '../../../src/domain/config/load';
import { classify, suggestClass } from '../../../src/domain';

const rules = loadDispatchConfig().classification;
const base = {
  category: 'family' as const,
  amountYuan: 0,
  parties: [{ ref: 'a' }, { ref: 'b' }],
  attempts: [] as string[],
  priorPetitions: 0,
};

describe('class suggestion', () => {
  test('when nothing stands out, then the category base class stands', () => {
    expect(suggestClass(base, rules)).toEqual({ class: 'ordinary', source: 'suggested', reasons: [] });
    expect(suggestClass({ ...base, category: 'medical' }, rules).class).toBe('professional');
  });

  test('when the amount is large, then at least professional; very large, major', () => {
    expect(suggestClass({ ...base, amountYuan: 60_000 }, rules).class).toBe('professional');
    expect(suggestClass({ ...base, amountYuan: 2_000_000 }, rules).class).toBe('major');
    expect(suggestClass({ ...base, amountYuan: 49_999 }, rules).class).toBe('ordinary');
  });

  test('when many parties, failed attempts or petitions, then the class rises', () => {
    const parties = (n: number) => Array.from({ length: n }, (_, i) => ({ ref: `p${i}` }));
    expect(suggestClass({ ...base, parties: parties(5) }, rules).class).toBe('professional');
    expect(suggestClass({ ...base, parties: parties(12) }, rules).class).toBe('major');
    expect(suggestClass({ ...base, attempts: ['m1'] }, rules).class).toBe('professional');
    expect(suggestClass({ ...base, attempts: ['m1', 'm2'] }, rules).class).toBe('major');
    expect(suggestClass({ ...base, priorPetitions: 1 }, rules).class).toBe('professional');
    const r = suggestClass({ ...base, priorPetitions: 3 }, rules);
    expect(r.class).toBe('major');
    expect(r.reasons.map((x) => x.rule)).toEqual(['petitioned', 'repeated_petitions']);
  });

  test('rules never lower the class: a professional category with a small amount stays professional', () => {
    expect(suggestClass({ ...base, category: 'traffic', amountYuan: 100 }, rules).class).toBe('professional');
  });

  test('when the referral gives a class, then it overrides the suggestion', () => {
    expect(classify({ ...base, amountYuan: 2_000_000, class: 'ordinary' }, rules)).toEqual({
      class: 'ordinary',
      source: 'given',
      reasons: [],
    });
  });
});
