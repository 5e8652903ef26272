import { dispatchBatch } from '../../../src/use-cases/dispatch/dispatch-batch';
import { MemoryDispatchStore } from '../../../src/adapters/memory/dispatch-memory-store';
import type { Mediator } from '../../../src/domain';
import { caseIn, config, goldMediator, industryMediator, NOW, unpressured, villageMediator } from '../cost-model/helpers';

function store(mediators: Mediator[], cases: ReturnType<typeof caseIn>[]): MemoryDispatchStore {
  const s = new MemoryDispatchStore(mediators);
  for (const c of cases) s.addCase(c);
  return s;
}

describe('dispatchBatch', () => {
  test('when capacity suffices, then every case is assigned, committed, explained, and loads never exceed capacity', async () => {
    const mediators = [
      villageMediator('v1', 't01-v03', { capacity: 2 }),
      villageMediator('v2', 't01-v08', { capacity: 2 }),
      goldMediator('g1'),
      industryMediator('i-land', 'land'),
      industryMediator('i-med', 'medical'),
    ];
    const cases = [
      caseIn('o1', 't01-v02'),
      caseIn('o2', 't01-v04'),
      caseIn('o3', 't01-v05'),
      caseIn('p1', 't03-v02', { class: 'professional', category: 'medical' }),
      caseIn('m1', 't04-v02', { class: 'major', category: 'land' }),
    ];
    const s = store(mediators, cases);
    const r = await dispatchBatch(s, { config, now: NOW });
    expect(r.unassigned).toEqual([]);
    expect(r.assigned.map((a) => a.caseId).sort()).toEqual(['m1', 'o1', 'o2', 'o3', 'p1']);
    const major = r.assigned.find((a) => a.caseId === 'm1')!.assignment;
    expect(major.seats.map((x) => [x.role, x.mediatorId])).toEqual([
      ['lead', 'g1'],
      ['expert', 'i-land'],
    ]);
    for (const a of r.assigned) {
      expect(s.getCase(a.caseId)!.status).toBe('assigned');
      for (const seat of a.assignment.seats) {
        const e = seat.explanation!;
        expect(Object.values(e.chosen.terms).reduce((x, v) => x + (v ?? 0), 0)).toBeCloseTo(e.chosen.arcCost, 12);
        expect(seat.cost).toBeCloseTo(e.chosen.total, 12);
      }
    }
    const loads = await s.loads();
    for (const m of mediators) expect(loads.get(m.id) ?? 0).toBeLessThanOrEqual(m.capacity);
  });

  test('when the same batch runs again, then nothing is assigned twice', async () => {
    const s = store([villageMediator('v1', 't01-v03')], [caseIn('o1', 't01-v02')]);
    await dispatchBatch(s, { config, now: NOW });
    const again = await dispatchBatch(s, { config, now: NOW, caseIds: ['o1'] });
    expect(again.assigned).toEqual([]);
    expect((await s.loads()).get('v1')).toBe(1);
  });

  test('when capacity runs short, then the case nearest its deadline is served and the others are outranked', async () => {
    const s = store(
      [villageMediator('v1', 't01-v03', { capacity: 1 })],
      [
        caseIn('late', 't01-v02', { deadlineAt: '2024-04-15T00:00:00Z' }),
        caseIn('soon', 't01-v04', { deadlineAt: '2024-03-22T00:00:00Z' }),
        caseIn('mid', 't01-v05', { deadlineAt: '2024-04-01T00:00:00Z' }),
      ],
    );
    const r = await dispatchBatch(s, { config, now: NOW });
    expect(r.assigned.map((a) => a.caseId)).toEqual(['soon']);
    expect(r.unassigned.map((u) => [u.caseId, u.reason]).sort()).toEqual([
      ['late', 'outranked'],
      ['mid', 'outranked'],
    ]);
    expect(s.getCase('late')!.status).toBe('unassigned');
  });

  test('when no mediator may take a case, then it is unassigned with the reason and a detail', async () => {
    const s = store([villageMediator('v1', 't01-v03', { status: 'on_leave' })], [caseIn('o1', 't01-v02')]);
    const r = await dispatchBatch(s, { config, now: NOW });
    expect(r.unassigned).toEqual([{ caseId: 'o1', reason: 'no_eligible_mediator', detail: expect.stringContaining('on leave') }]);
    expect(s.getCase('o1')).toMatchObject({ status: 'unassigned', unassignedReason: 'no_eligible_mediator' });
  });

  test('when a major case can get a lead but no expert seat survives, then no half panel is assigned and the gold seat is kept for others', async () => {
    // One gold seat; two major cases need it, but only one has an expert available... both have experts here,
    // so the gold seat decides: exactly one panel, never a half one.
    const s = store(
      [goldMediator('g1', { capacity: 1 }), industryMediator('i-land', 'land'), industryMediator('i-legal', 'legal')],
      [caseIn('m1', 't04-v02', { class: 'major', category: 'land' }), caseIn('m2', 't04-v03', { class: 'major', category: 'land' })],
    );
    const r = await dispatchBatch(s, { config, now: NOW });
    expect(r.assigned).toHaveLength(1);
    expect(r.assigned[0]!.assignment.mediatorIds).toHaveLength(2);
    expect(r.unassigned).toHaveLength(1);
    expect(['incomplete_panel', 'outranked']).toContain(r.unassigned[0]!.reason);
    const loads = await s.loads();
    expect((loads.get('i-land') ?? 0) + (loads.get('i-legal') ?? 0)).toBe(1);
  });

  test('when a township and its neighbours are full, then an ordinary case goes to a village mediator of a far township, never before', async () => {
    // t08 neighbours only t07; t01 is far from both.
    const home = villageMediator('home', 't08-v01', { capacity: 1 });
    const near = villageMediator('near', 't07-v01', { capacity: 1 });
    const far = villageMediator('far', 't01-v03', { capacity: 2 });
    const cases = ['a', 'b', 'c'].map((id) => caseIn(id, 't08-v02'));
    const s = store([home, near, far], cases);
    // The ring alone: seat pressure would also spread these three cases (the pools are tiny).
    const r = await dispatchBatch(s, { config: unpressured, now: NOW });
    expect(r.unassigned).toEqual([]);
    const byMediator = r.assigned.map((a) => a.assignment.mediatorIds[0]).sort();
    expect(byMediator).toEqual(['far', 'home', 'near']);
    const farSeat = r.assigned.find((a) => a.assignment.mediatorIds[0] === 'far')!.assignment.seats[0]!;
    expect(farSeat.explanation!.chosen.terms.overflow).toBeGreaterThan(0);
  });

  test('when the far ring is left out of the tier rules, then the second case is outranked and waits', async () => {
    const tierRules = {
      ...config.tierRules,
      seats: {
        ...config.tierRules.seats,
        ordinary: [{ role: 'sole' as const, primary: ['village_home' as const], overflow: ['village_neighbour' as const] }],
      },
    };
    const s = store(
      [villageMediator('home', 't08-v01', { capacity: 1 }), villageMediator('far', 't01-v03')],
      [caseIn('a', 't08-v02'), caseIn('b', 't08-v02')],
    );
    const r = await dispatchBatch(s, { config: { ...config, tierRules }, now: NOW });
    expect(r.assigned.map((a) => a.assignment.mediatorIds[0])).toEqual(['home']);
    expect(r.unassigned.map((u) => u.reason)).toEqual(['outranked']);
  });
});
