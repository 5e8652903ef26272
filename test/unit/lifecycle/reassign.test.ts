import { CaseFileSchema, type CaseFile } from '../../../src/domain/lifecycle-file';
import { reassignFile } from '../../../src/domain/lifecycle/reassign';
import { sessionRequests } from '../../../src/use-cases/lifecycle/session-planning';
import { at, newFile, run, session } from './helpers';

const meta = { runId: 'run-42', at: at(3).toISOString() };

describe('reassignFile: a rebalance move in the case history', () => {
  it('when an accepted case moves, then the history gains one reassign entry naming both mediators and the run, and the state and original file are unchanged', () => {
    const f = run(newFile(), [
      [0, { action: 'assign', mediatorIds: ['m1'] }],
      [1, { action: 'accept' }],
    ]);
    const { file, cancelled } = reassignFile(f, [{ from: 'm1', to: 'm7', reason: 'leave' }], meta);
    expect(() => CaseFileSchema.parse(file)).not.toThrow();
    expect(file.status).toBe('accepted');
    expect(file.history.map((h) => h.action)).toEqual(['assign', 'accept', 'reassign']);
    expect(file.history.at(-1)).toEqual({
      from: 'accepted',
      to: 'accepted',
      action: 'reassign',
      by: 'rebalance',
      at: meta.at,
      reason: 'rebalance (leave)',
      mediatorIds: ['m7'],
      fromMediatorIds: ['m1'],
      runId: 'run-42',
    });
    expect(file.attempts.at(-1)!.mediatorIds).toEqual(['m7']);
    expect(file.version).toBe(f.version + 1);
    expect(cancelled).toEqual([]);
    expect(f.history).toHaveLength(2);
    expect(f.attempts.at(-1)!.mediatorIds).toEqual(['m1']);
  });

  it('when one seat of a panel moves, then only that seat changes, in place', () => {
    const f = run(newFile({ class: 'major' }), [[0, { action: 'assign', mediatorIds: ['m1', 'm2'] }]]);
    const { file } = reassignFile(f, [{ from: 'm2', to: 'm9', reason: 'gain' }], meta);
    expect(file.attempts.at(-1)!.mediatorIds).toEqual(['m1', 'm9']);
    expect(file.history.at(-1)).toMatchObject({ mediatorIds: ['m1', 'm9'], fromMediatorIds: ['m1', 'm2'], reason: 'rebalance (gain)' });
  });

  it('when a session is still booked with the departing mediator, then it is cancelled and the next planning asks for a session with the new mediator', () => {
    // A movable case never holds a scheduled session through the lifecycle; a stale one (older data) must not survive the move.
    const accepted = run(newFile(), [
      [0, { action: 'assign', mediatorIds: ['m1'] }],
      [1, { action: 'accept' }],
    ]);
    const booked = run(accepted, [[1, session('s-1', '2026-03-05')]]);
    const stale: CaseFile = { ...booked, status: 'accepted' };
    const { file, cancelled } = reassignFile(stale, [{ from: 'm1', to: 'm7', reason: 'gain' }], meta);
    expect(cancelled.map((s) => s.id)).toEqual(['s-1']);
    expect(file.sessions[0]).toMatchObject({ status: 'cancelled', cancelReason: 'mediator reassigned by rebalance run run-42' });
    const requests = sessionRequests([file], () => ({ lat: 38.8, lng: 101.1 }), at(3).toISOString());
    expect(requests).toHaveLength(1);
    expect(requests[0]!.mediatorIds).toEqual(['m7']);
  });
});

describe('reassignFile: a dispatcher’s move in the case history', () => {
  const byDispatcher = { at: at(3).toISOString(), by: 'centre-desk', reason: 'parties asked for her', dispatcher: true as const };

  it('when a dispatcher moves an assigned case, then the entry names the caller and the reason, and carries no run', () => {
    const f = run(newFile(), [[0, { action: 'assign', mediatorIds: ['m1'] }]]);
    const { file } = reassignFile(f, [{ from: 'm1', to: 'm7', reason: 'dispatcher' }], byDispatcher);
    expect(() => CaseFileSchema.parse(file)).not.toThrow();
    expect(file.history.at(-1)).toEqual({
      from: 'assigned',
      to: 'assigned',
      action: 'reassign',
      by: 'centre-desk',
      at: byDispatcher.at,
      reason: 'dispatcher: parties asked for her',
      mediatorIds: ['m7'],
      fromMediatorIds: ['m1'],
    });
  });

  it('when a dispatcher moves a case with a session booked, then the session is cancelled and the case is accepted again, awaiting a session with the new mediator', () => {
    const booked = run(newFile(), [
      [0, { action: 'assign', mediatorIds: ['m1'] }],
      [1, { action: 'accept' }],
      [1, session('s-1', '2026-03-05')],
    ]);
    expect(booked.status).toBe('session_scheduled');
    const { file, cancelled } = reassignFile(booked, [{ from: 'm1', to: 'm7', reason: 'dispatcher' }], byDispatcher);
    expect(cancelled.map((s) => s.id)).toEqual(['s-1']);
    expect(file.sessions[0]).toMatchObject({ status: 'cancelled', cancelReason: 'mediator reassigned by centre-desk' });
    expect(file.status).toBe('accepted');
    expect(file.history.at(-1)).toMatchObject({ from: 'session_scheduled', to: 'accepted', action: 'reassign' });
  });

  it('when a panel only swaps its seats, then no one has left and no session is cancelled', () => {
    const f = run(newFile({ class: 'major' }), [
      [0, { action: 'assign', mediatorIds: ['m1', 'm2'] }],
      [1, { action: 'accept' }],
      [1, session('s-2', '2026-03-05')],
    ]);
    const { file, cancelled } = reassignFile(
      f,
      [
        { from: 'm1', to: 'm2', reason: 'dispatcher' },
        { from: 'm2', to: 'm1', reason: 'dispatcher' },
      ],
      byDispatcher,
    );
    expect(cancelled).toEqual([]);
    expect(file.attempts.at(-1)!.mediatorIds).toEqual(['m2', 'm1']);
    expect(file.status).toBe('session_scheduled');
  });
});
