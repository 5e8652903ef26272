import type { Attempt, CaseFile } from '../../../src/domain/lifecycle-file';
import type { TransitionRecord } from '../../../src/domain/lifecycle/state-machine';
import { heldSeats, indexedMediators, outcomeHistory } from '../../../src/use-cases/ledger/hot-state-image';

const AT = '2026-03-02T02:00:00.000Z';
const step = (action: TransitionRecord['action'], over: Partial<TransitionRecord> = {}): TransitionRecord => ({
  from: 'referred',
  to: 'assigned',
  action,
  by: 'optimizer',
  at: AT,
  ...over,
});
const attempt = (mediatorIds: string[], outcome?: Attempt['outcome']): Attempt => ({
  number: 1,
  class: 'ordinary',
  startedAt: AT,
  firstSessionTargetAt: AT,
  mediatorIds,
  ...(outcome ? { outcome } : {}),
});
const withHistory = (history: TransitionRecord[]) => ({ file: { history } as unknown as CaseFile });

describe('indexedMediators: the mediators the by-mediator index lists a case under', () => {
  test('when a case was assigned, declined and assigned again, then both mediators list it (a decline removes nothing)', () => {
    const h = [step('assign', { mediatorIds: ['m1'] }), step('decline', { mediatorIds: ['m1'] }), step('assign', { mediatorIds: ['m2'] })];
    expect(indexedMediators(withHistory(h) as never).sort()).toEqual(['m1', 'm2']);
  });

  test('when a dispatcher moved one seat of a panel, then the mediator who left is dropped and the one who stayed kept', () => {
    const h = [
      step('assign', { mediatorIds: ['m1', 'm2'] }),
      step('reassign', { mediatorIds: ['m3', 'm2'], fromMediatorIds: ['m1', 'm2'] }),
    ];
    expect(indexedMediators(withHistory(h) as never).sort()).toEqual(['m2', 'm3']);
  });

  test('when a case was never assigned, then no mediator lists it', () => {
    expect(indexedMediators(withHistory([step('mark_unassigned')]) as never)).toEqual([]);
  });
});

describe('heldSeats: the loads a case still holds', () => {
  test('when the current attempt is assigned and not ended, then its seats are held; ended or declined attempts hold none', () => {
    expect(heldSeats({ attempts: [attempt(['m1'], 'failed'), attempt(['m2', 'm3'])] })).toEqual(['m2', 'm3']);
    expect(heldSeats({ attempts: [attempt(['m1'], 'settled')] })).toEqual([]);
    expect(heldSeats({ attempts: [attempt([])] })).toEqual([]);
  });
});

describe('outcomeHistory: settled and concluded attempts per seat and category', () => {
  test('when attempts failed and settled, then each seat counts once per concluded attempt; withdrawn and open ones not at all', () => {
    const files = [
      { category: 'family' as const, attempts: [attempt(['m1'], 'failed'), attempt(['m2'], 'settled')] },
      { category: 'family' as const, attempts: [attempt(['m1'], 'settled')] },
      { category: 'land' as const, attempts: [attempt(['m1'], 'withdrawn'), attempt(['m3'])] },
    ];
    expect(Object.fromEntries(outcomeHistory(files))).toEqual({ 'm1|family': [1, 2], 'm2|family': [1, 1] });
  });
});
