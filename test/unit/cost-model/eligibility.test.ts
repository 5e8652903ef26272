import type { Mediator } from '../../../src/domain';
import { eligibilityContext, seatEligibility, seatsFor, type EligibilityContext } from '../../../src/cost-model/eligibility';
import { caseIn, config, goldMediator, industryMediator, NOW, villageMediator } from './helpers';

function ctx(loads: Record<string, number> = {}): EligibilityContext {
  return eligibilityContext(config, new Map(Object.entries(loads)), NOW);
}

function check(m: Mediator, c: ReturnType<typeof caseIn>, seat = 0, loads: Record<string, number> = {}) {
  return seatEligibility(m, c, seatsFor(c, config.tierRules)[seat]!, ctx(loads));
}

describe('tier rules', () => {
  const ordinary = caseIn('c', 't01-v02', { class: 'ordinary', category: 'family' });

  test('when a case is ordinary, then village mediators of its township are primary', () => {
    expect(check(villageMediator('v', 't01-v05'), ordinary)).toEqual({ eligible: true, pool: 'village_home', overflow: false });
  });

  test('when a village mediator is from a neighbouring township, then only as overflow; from a far township, as the last ring', () => {
    expect(check(villageMediator('v', 't02-v01'), ordinary)).toEqual({ eligible: true, pool: 'village_neighbour', overflow: true });
    expect(check(villageMediator('v', 't08-v01'), ordinary)).toEqual({ eligible: true, pool: 'village_county', overflow: true });
  });

  test('when a county leaves the last ring out of its tier rules, then a far township is never eligible', () => {
    const seat = { role: 'sole' as const, primary: ['village_home' as const], overflow: ['village_neighbour' as const, 'gold' as const] };
    expect(seatEligibility(villageMediator('v', 't08-v01'), ordinary, seat, ctx())).toEqual({ eligible: false, exclusion: null });
  });

  test('when a case is ordinary, then gold is overflow and industry is not eligible', () => {
    expect(check(goldMediator('g'), ordinary)).toEqual({ eligible: true, pool: 'gold', overflow: true });
    expect(check(industryMediator('i', 'family'), ordinary).eligible).toBe(false);
  });

  test('when a case is professional, then only organisations covering its category, gold as overflow', () => {
    const prof = caseIn('p', 't03-v02', { class: 'professional', category: 'medical' });
    expect(check(industryMediator('i', 'medical'), prof)).toEqual({ eligible: true, pool: 'industry_covering', overflow: false });
    expect(check(industryMediator('j', 'traffic'), prof).eligible).toBe(false);
    expect(check(villageMediator('v', 't03-v01'), prof).eligible).toBe(false);
    expect(check(goldMediator('g'), prof)).toEqual({ eligible: true, pool: 'gold', overflow: true });
  });

  test('when a case is major, then the lead seat takes only gold and the expert seat only industry (covering or legal)', () => {
    const major = caseIn('m', 't03-v02', { class: 'major', category: 'land' });
    const [lead, expert] = seatsFor(major, config.tierRules);
    expect([lead!.role, expert!.role]).toEqual(['lead', 'expert']);
    expect(check(goldMediator('g'), major, 0).eligible).toBe(true);
    expect(check(goldMediator('g'), major, 1).eligible).toBe(false);
    expect(check(industryMediator('i', 'land'), major, 0).eligible).toBe(false);
    expect(check(industryMediator('i', 'land'), major, 1)).toEqual({ eligible: true, pool: 'industry_covering', overflow: false });
    expect(check(industryMediator('l', 'legal'), major, 1)).toEqual({ eligible: true, pool: 'industry_legal', overflow: false });
    expect(check(industryMediator('t', 'traffic'), major, 1).eligible).toBe(false);
  });
});

describe('exclusions', () => {
  test('when a party ref is in the mediator recusals, then no arc (recused)', () => {
    const c = caseIn('c', 't01-v02', { parties: [{ ref: 'p-9' }, { ref: 'p-10' }] });
    expect(check(villageMediator('v', 't01-v05', { recusals: ['p-10'] }), c)).toEqual({ eligible: false, exclusion: 'recused' });
    expect(check(villageMediator('v', 't01-v05', { recusals: ['p-11'] }), c).eligible).toBe(true);
  });

  test('when a party is from the mediator own village in a conflict category, then no arc; elsewhere fine', () => {
    const land = caseIn('c', 't01-v02', { category: 'land', parties: [{ ref: 'a', village: 't01-v05' }, { ref: 'b' }] });
    const family = caseIn('d', 't01-v02', { category: 'family', parties: [{ ref: 'a', village: 't01-v05' }, { ref: 'b' }] });
    expect(check(villageMediator('v', 't01-v05'), land)).toEqual({ eligible: false, exclusion: 'own_village_conflict' });
    expect(check(villageMediator('w', 't01-v06'), land).eligible).toBe(true);
    expect(check(villageMediator('v', 't01-v05'), family).eligible).toBe(true);
  });

  test('when a mediator is on leave (status or period), then no arc', () => {
    const c = caseIn('c', 't01-v02');
    expect(check(villageMediator('v', 't01-v05', { status: 'on_leave' }), c)).toEqual({ eligible: false, exclusion: 'on_leave' });
    expect(check(villageMediator('v', 't01-v05', { leave: [{ from: '2024-03-19', until: '2024-03-22' }] }), c)).toEqual({
      eligible: false,
      exclusion: 'on_leave',
    });
    expect(check(villageMediator('v', 't01-v05', { leave: [{ from: '2024-03-21', until: '2024-03-22' }] }), c).eligible).toBe(true);
  });

  test('when a mediator is at capacity, then no arc', () => {
    const c = caseIn('c', 't01-v02');
    expect(check(villageMediator('v', 't01-v05', { capacity: 2 }), c, 0, { v: 2 })).toEqual({ eligible: false, exclusion: 'at_capacity' });
    expect(check(villageMediator('v', 't01-v05', { capacity: 2 }), c, 0, { v: 1 }).eligible).toBe(true);
  });

  test('when a mediator already tried the dispute, then no arc', () => {
    const c = caseIn('c', 't01-v02', { attempts: ['v'] });
    expect(check(villageMediator('v', 't01-v05'), c)).toEqual({ eligible: false, exclusion: 'tried_before' });
  });
});
