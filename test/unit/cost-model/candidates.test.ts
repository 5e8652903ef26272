import { checkAssignment, rankSeatCandidates } from '../../../src/cost-model/candidates';
import { caseIn, config, goldMediator, industryMediator, NOW, villageMediator } from './helpers';

const mediators = [
  villageMediator('near', 't01-v03'),
  villageMediator('far', 't01-v08'),
  villageMediator('off', 't01-v04', { status: 'on_leave' }),
  villageMediator('kin', 't01-v05', { recusals: ['p1'] }),
  goldMediator('g1'),
  industryMediator('i-land', 'land'),
];
const input = { mediators, loads: new Map<string, number>(), outcomes: [], config, now: NOW };

describe('rankSeatCandidates', () => {
  test('when asked for the top k, then eligible mediators come cheapest first with terms adding up, and exclusions are counted', () => {
    const c = caseIn('c', 't01-v02');
    const [seat] = rankSeatCandidates(c, input, 2);
    expect(seat!.role).toBe('sole');
    expect(seat!.candidates).toHaveLength(2);
    expect(seat!.candidates[0]!.total).toBeLessThanOrEqual(seat!.candidates[1]!.total);
    for (const cand of seat!.candidates) {
      expect(Object.values(cand.terms).reduce((a, v) => a + (v ?? 0), 0)).toBeCloseTo(cand.arcCost, 12);
      expect(['near', 'far', 'g1']).toContain(cand.mediatorId);
    }
    expect(seat!.excluded).toEqual({ on_leave: 1, recused: 1 });
  });

  test('a major case gets one ranking per seat', () => {
    const seats = rankSeatCandidates(caseIn('m', 't01-v02', { class: 'major', category: 'land' }), input, 5);
    expect(seats.map((s) => [s.role, s.candidates.map((c) => c.mediatorId)])).toEqual([
      ['lead', ['g1']],
      ['expert', ['i-land']],
    ]);
  });
});

describe('checkAssignment', () => {
  const c = caseIn('c', 't01-v02');
  test('when the choice obeys the rules, then no violation', () => {
    expect(checkAssignment(c, ['near'], input)).toEqual([]);
  });

  test('when the choice breaks a rule, then each violation is named', () => {
    expect(checkAssignment(c, ['off'], input)).toEqual([{ mediatorId: 'off', role: 'sole', rule: 'on_leave' }]);
    expect(checkAssignment(c, ['kin'], input)).toEqual([{ mediatorId: 'kin', role: 'sole', rule: 'recused' }]);
    expect(checkAssignment(c, ['i-land'], input)).toEqual([{ mediatorId: 'i-land', role: 'sole', rule: 'not_in_pool' }]);
    expect(checkAssignment(c, ['ghost'], input)).toEqual([{ mediatorId: 'ghost', role: 'sole', rule: 'unknown_mediator' }]);
    const major = caseIn('m', 't01-v02', { class: 'major', category: 'land' });
    expect(checkAssignment(major, ['g1'], input).map((v) => v.rule)).toEqual(['seat_count']);
    expect(checkAssignment(major, ['i-land', 'g1'], input).map((v) => v.rule)).toEqual(['not_in_pool', 'not_in_pool']);
    expect(checkAssignment(major, ['g1', 'i-land'], input)).toEqual([]);
  });
});
