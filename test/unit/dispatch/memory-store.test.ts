import type { Assignment } from '../../../src/domain';
import { MemoryDispatchStore } from '../../../src/adapters/memory/dispatch-memory-store';
import { mediator, waitingCase } from '../domain/fixtures';

function assignment(...mediatorIds: string[]): Assignment {
  return {
    mediatorIds,
    seats: mediatorIds.map((mediatorId, i) => ({
      role: mediatorIds.length === 2 ? (i === 0 ? 'lead' : 'expert') : 'sole',
      mediatorId,
      cost: 1,
    })),
    cost: mediatorIds.length,
    assignedAt: '2024-03-20T09:00:00.000Z',
    by: 'optimizer',
  };
}

function storeWith(): MemoryDispatchStore {
  const s = new MemoryDispatchStore([
    mediator({ id: 'a', capacity: 1 }),
    mediator({ id: 'b', capacity: 2 }),
    mediator({ id: 'off', status: 'on_leave' }),
  ]);
  for (const id of ['c1', 'c2', 'c3']) s.addCase(waitingCase({ id }));
  return s;
}

describe('MemoryDispatchStore', () => {
  test('when a batch would take a mediator over capacity, then that entry is refused and the rest commit', async () => {
    const s = storeWith();
    const res = await s.commitAssignments([
      { caseId: 'c1', assignment: assignment('a') },
      { caseId: 'c2', assignment: assignment('a') },
      { caseId: 'c3', assignment: assignment('b') },
    ]);
    expect(res.committed).toEqual(['c1', 'c3']);
    expect(res.refused).toEqual([{ caseId: 'c2', reason: 'over_capacity', mediatorId: 'a' }]);
    expect(Object.fromEntries(await s.loads())).toEqual({ a: 1, b: 1 });
    expect((await s.waitingCases()).map((c) => c.id)).toEqual(['c2']);
  });

  test('when the same commit is delivered twice, then the second is refused as already assigned and loads do not change', async () => {
    const s = storeWith();
    await s.commitAssignments([{ caseId: 'c1', assignment: assignment('b') }]);
    const again = await s.commitAssignments([{ caseId: 'c1', assignment: assignment('b') }]);
    expect(again.refused).toEqual([{ caseId: 'c1', reason: 'already_assigned' }]);
    expect((await s.loads()).get('b')).toBe(1);
  });

  test('when a panel seat fails, then no seat of the entry is written', async () => {
    const s = storeWith();
    await s.commitAssignments([{ caseId: 'c1', assignment: assignment('a') }]);
    const res = await s.commitAssignments([{ caseId: 'c2', assignment: assignment('b', 'a') }]);
    expect(res.refused[0]).toMatchObject({ reason: 'over_capacity', mediatorId: 'a' });
    expect((await s.loads()).get('b') ?? 0).toBe(0);
  });

  test('when a mediator is unknown, on leave, or fills both seats, then the entry is refused', async () => {
    const s = storeWith();
    const res = await s.commitAssignments([
      { caseId: 'c1', assignment: assignment('ghost') },
      { caseId: 'c2', assignment: assignment('off') },
      { caseId: 'c3', assignment: assignment('b', 'b') },
      { caseId: 'nope', assignment: assignment('b') },
    ]);
    expect(res.refused.map((r) => r.reason)).toEqual(['unknown_mediator', 'mediator_unavailable', 'duplicate_mediator', 'unknown_case']);
    expect(res.committed).toEqual([]);
  });

  test('when a case is closed, then its load is released and the outcome counted per seat', async () => {
    const s = storeWith();
    await s.commitAssignments([{ caseId: 'c1', assignment: assignment('b') }]);
    expect(s.closeCase('c1', { settled: true })).toBe(true);
    expect(s.closeCase('c1', { settled: true })).toBe(false);
    expect((await s.loads()).get('b')).toBe(0);
    expect(await s.outcomeStats()).toEqual([{ mediatorId: 'b', category: 'family', successes: 1, attempts: 1 }]);
  });

  test('markUnassigned keeps the case waiting with the reason, and leaves assigned cases alone', async () => {
    const s = storeWith();
    await s.commitAssignments([{ caseId: 'c1', assignment: assignment('b') }]);
    await s.markUnassigned([
      { caseId: 'c1', reason: 'capacity' },
      { caseId: 'c2', reason: 'capacity' },
    ]);
    expect(s.getCase('c1')!.status).toBe('assigned');
    expect(s.getCase('c2')).toMatchObject({ status: 'unassigned', unassignedReason: 'capacity' });
    expect((await s.waitingCases({ ids: ['c1', 'c2'] })).map((c) => c.id)).toEqual(['c2']);
    expect(await s.waitingCases({ limit: 1 })).toHaveLength(1);
  });
});
