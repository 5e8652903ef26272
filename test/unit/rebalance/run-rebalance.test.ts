import { MemoryRebalanceStore } from '../../../src/adapters/memory/rebalance-memory-store';
import { runRebalance } from '../../../src/use-cases/rebalance/run-rebalance';
import { earliestSession, isOnLeaveWithin, mobilityOf, DEFAULT_STABILITY_POLICY } from '../../../src/planning/rebalance/policy';
import { config } from '../cost-model/helpers';
import { NIGHT, heldCase, leaveFromTomorrow, snapshotOf, threeMediators } from './domain-fixtures';

function loadsOf(store: MemoryRebalanceStore) {
  return store.snapshot().then((s) => Object.fromEntries([...s.loads].filter(([, n]) => n > 0)));
}

describe('runRebalance (memory store)', () => {
  it('when a mediator goes on leave tomorrow, then their assigned and accepted cases move while started and pinned ones stay', async () => {
    const mediators = threeMediators({ A: leaveFromTomorrow });
    const cases = [
      heldCase('c-assigned', 't01-v01', 'A', 'assigned'),
      heldCase('c-accepted', 't01-v01', 'A', 'accepted'),
      heldCase('c-session', 't01-v01', 'A', 'session_scheduled'),
      heldCase('c-mediating', 't01-v01', 'A', 'mediating'),
    ];
    const pinned = heldCase('c-pinned', 't01-v01', 'A', 'assigned', {}, 'dispatcher');
    const store = new MemoryRebalanceStore('shandan', snapshotOf(mediators, [...cases, pinned]));
    const run = await runRebalance(store, { config, now: NIGHT, dryRun: false });
    if (run.status === 'locked') throw new Error('unexpected lock');
    expect(run.plan.moves.map((m) => [m.caseId, m.reason]).sort()).toEqual([
      ['c-accepted', 'leave'],
      ['c-assigned', 'leave'],
    ]);
    expect([...(run.applied?.applied ?? [])].sort()).toEqual(['c-accepted', 'c-assigned']);
    for (const id of ['c-session', 'c-mediating', 'c-pinned']) expect(store.getCase(id)!.assignment!.mediatorIds).toEqual(['A']);
    for (const id of ['c-assigned', 'c-accepted']) expect(store.getCase(id)!.assignment!.mediatorIds[0]).not.toBe('A');
    expect(run.fixedOnLeave.map((f) => [f.caseId, f.why]).sort()).toEqual([
      ['c-mediating', 'started'],
      ['c-pinned', 'pinned'],
      ['c-session', 'started'],
    ]);
    expect(store.events.map((e) => [e.caseId, e.fromMediatorIds[0]]).sort()).toEqual([
      ['c-accepted', 'A'],
      ['c-assigned', 'A'],
    ]);
    expect((await loadsOf(store)).A).toBe(3);
  });

  it('when the move penalty exceeds every gain, then only forced moves happen; without it the overload is spread', async () => {
    // A carries four cases at capacity (the convex load term is at its steepest); B and C are empty.
    const mediators = threeMediators();
    const cases = [1, 2, 3, 4].map((i) => heldCase(`c${i}`, 't01-v01', 'A', 'assigned'));
    const stiff = await runRebalance(new MemoryRebalanceStore('shandan', snapshotOf(mediators, cases)), {
      config,
      now: NIGHT,
      policy: { movePenalty: 1e6 },
    });
    const free = await runRebalance(new MemoryRebalanceStore('shandan', snapshotOf(mediators, cases)), {
      config,
      now: NIGHT,
      policy: { movePenalty: 0 },
    });
    if (stiff.status === 'locked' || free.status === 'locked') throw new Error('unexpected lock');
    expect(stiff.plan.moves).toEqual([]);
    expect(free.plan.moves.length).toBeGreaterThan(0);
    expect(free.plan.after.spread.stdev).toBeLessThan(free.plan.before.spread.stdev);
    expect(free.plan.after.cost.total).toBeLessThan(free.plan.before.cost.total);
  });

  it('when a move budget is set, then the run makes at most that many discretionary moves, the best it can', async () => {
    // Cases of B's and C's villages held by A: each would travel less with its own village's mediator.
    const mediators = threeMediators();
    const cases = [
      heldCase('c1', 't01-v02', 'A', 'assigned'),
      heldCase('c2', 't01-v02', 'A', 'assigned'),
      heldCase('c3', 't01-v03', 'A', 'assigned'),
    ];
    const free = await runRebalance(new MemoryRebalanceStore('shandan', snapshotOf(mediators, cases)), {
      config,
      now: NIGHT,
      policy: { movePenalty: 0 },
    });
    const one = await runRebalance(new MemoryRebalanceStore('shandan', snapshotOf(mediators, cases)), {
      config,
      now: NIGHT,
      policy: { movePenalty: 0, maxMoves: 1 },
    });
    if (free.status === 'locked' || one.status === 'locked') throw new Error('unexpected lock');
    expect(free.plan.movesByReason.gain).toBeGreaterThan(1);
    expect(one.plan.movesByReason.gain).toBe(1);
    // The one move kept is worth at least as much as the best single move of the free plan.
    const bestSingle = Math.max(...free.plan.moves.map((m) => m.gain.total));
    expect(one.plan.gain).toBeGreaterThanOrEqual(bestSingle - 1e-9);
  });

  it('when it is a dry run, then the plan is returned and nothing changes', async () => {
    const mediators = threeMediators({ A: leaveFromTomorrow });
    const store = new MemoryRebalanceStore('shandan', snapshotOf(mediators, [heldCase('c1', 't01-v01', 'A', 'assigned')]));
    const before = await store.snapshot();
    const run = await runRebalance(store, { config, now: NIGHT });
    if (run.status === 'locked') throw new Error('unexpected lock');
    expect(run.status).toBe('planned');
    expect(run.plan.moves).toHaveLength(1);
    expect(run.applied).toBeNull();
    expect(await store.snapshot()).toEqual(before);
    expect(store.events).toEqual([]);
  });

  it("when the mediator's first free half-day is after the deadline, then the case moves to one who can meet it", async () => {
    // A only sits on Sundays; the case is due Friday noon.
    const mediators = threeMediators({ A: { availability: [{ weekday: 7, half: 'am' }] } });
    const c = heldCase('c-due', 't01-v01', 'A', 'assigned', { deadlineAt: '2024-03-22T04:00:00.000Z' });
    const run = await runRebalance(new MemoryRebalanceStore('shandan', snapshotOf(mediators, [c])), {
      config,
      now: NIGHT,
      policy: { movePenalty: 1e6 },
    });
    if (run.status === 'locked') throw new Error('unexpected lock');
    expect(run.plan.moves).toMatchObject([{ caseId: 'c-due', from: 'A', reason: 'deadline' }]);
  });

  it('when another run holds the county, then the run reports locked and does nothing', async () => {
    const store = new MemoryRebalanceStore(
      'shandan',
      snapshotOf(threeMediators({ A: leaveFromTomorrow }), [heldCase('c1', 't01-v01', 'A', 'assigned')]),
    );
    const inner = await store.withLock(() => runRebalance(store, { config, now: NIGHT, dryRun: false }));
    expect(inner).toMatchObject({ acquired: true, value: { status: 'locked' } });
    expect(store.events).toEqual([]);
  });

  it('when an apply holds the county, then a dry run reports locked; otherwise a dry run plans without taking the lock', async () => {
    const store = new MemoryRebalanceStore(
      'shandan',
      snapshotOf(threeMediators({ A: leaveFromTomorrow }), [heldCase('c1', 't01-v01', 'A', 'assigned')]),
    );
    const inner = await store.withLock(() => runRebalance(store, { config, now: NIGHT, dryRun: true }));
    expect(inner).toMatchObject({ acquired: true, value: { status: 'locked' } });
    let lockedMeanwhile = false;
    const snapshot = store.snapshot.bind(store);
    store.snapshot = async () => {
      lockedMeanwhile = await store.isLocked();
      return snapshot();
    };
    const dry = await runRebalance(store, { config, now: NIGHT, dryRun: true });
    expect(dry.status).toBe('planned');
    expect(lockedMeanwhile).toBe(false);
  });

  it('when reassignments are applied outside the lock, then every case is refused and nothing changes', async () => {
    const store = new MemoryRebalanceStore('shandan', snapshotOf(threeMediators(), [heldCase('c1', 't01-v01', 'A', 'assigned')]));
    const c = store.getCase('c1')!;
    const res = await store.applyReassignments(
      [
        {
          caseId: 'c1',
          expectedStatus: 'assigned',
          expectedMediatorIds: ['A'],
          assignment: { ...c.assignment!, mediatorIds: ['B'] },
          moves: [{ role: 'sole', from: 'A', to: 'B', reason: 'gain' }],
        },
      ],
      { runId: 'r', at: NIGHT },
    );
    expect(res).toEqual({ applied: [], refused: [{ caseId: 'c1', reason: 'lock_lost' }] });
    expect(store.getCase('c1')!.assignment!.mediatorIds).toEqual(['A']);
  });
});

describe('stability policy rules', () => {
  it('when a case is started or pinned, then it is fixed; assigned and accepted ones move at their price', () => {
    const p = DEFAULT_STABILITY_POLICY;
    expect(mobilityOf(heldCase('a', 't01-v01', 'A', 'assigned'), p)).toEqual({ kind: 'movable', penalty: p.movePenalty });
    expect(mobilityOf(heldCase('b', 't01-v01', 'A', 'accepted'), p)).toEqual({ kind: 'movable', penalty: p.acceptedMovePenalty });
    expect(mobilityOf(heldCase('c', 't01-v01', 'A', 'session_scheduled'), p)).toEqual({ kind: 'fixed', why: 'started' });
    expect(mobilityOf(heldCase('d', 't01-v01', 'A', 'mediating'), p)).toEqual({ kind: 'fixed', why: 'started' });
    expect(mobilityOf(heldCase('e', 't01-v01', 'A', 'assigned', {}, 'dispatcher'), p)).toEqual({ kind: 'fixed', why: 'pinned' });
  });

  it('when leave starts within the horizon, then the mediator counts as leaving', () => {
    const [a] = threeMediators({ A: leaveFromTomorrow });
    expect(isOnLeaveWithin(a!, NIGHT, 24)).toBe(true);
    expect(isOnLeaveWithin(a!, new Date('2024-03-19T18:00:00.000Z'), 24)).toBe(false);
  });

  it('when availability is stated, then the earliest session is the next such half-day outside leave', () => {
    const [a] = threeMediators({ A: { availability: [{ weekday: 4, half: 'am' }], leave: [{ from: '2024-03-21', until: '2024-03-21' }] } });
    // Thursday 21 is on leave; next Thursday 28 at 09:00 Beijing = 01:00 UTC.
    expect(earliestSession(a!, NIGHT, DEFAULT_STABILITY_POLICY)?.toISOString()).toBe('2024-03-28T01:00:00.000Z');
  });
});
