import { act } from '../../../src/domain/lifecycle/transitions';
import { config, at, newFile, run, session, toMediating } from './helpers';

describe('act: lifecycle use cases', () => {
  it('when a case goes through to settlement, then every transition is recorded with who, when and why', () => {
    let f = toMediating(newFile(), ['m1']);
    f = run(f, [[2, { action: 'settle', amountYuan: 1200, termsRef: 'agr-1', fulfilmentMode: 'voluntary' }]], 'mediator@m1');
    expect(f.status).toBe('settled');
    expect(f.history.map((h) => `${h.from}>${h.to}`)).toEqual([
      'referred>assigned',
      'assigned>accepted',
      'accepted>session_scheduled',
      'session_scheduled>mediating',
      'mediating>settled',
    ]);
    const last = f.history.at(-1)!;
    expect(last).toMatchObject({
      action: 'settle',
      by: 'mediator@m1',
      at: at(2).toISOString(),
      reason: 'agreement agr-1',
      mediatorIds: ['m1'],
    });
    expect(f.sessions[0]).toMatchObject({ status: 'held', first: true, heldAt: at(1).toISOString() });
    expect(f.attempts[0]).toMatchObject({ outcome: 'settled', firstSessionAt: at(1).toISOString() });
    expect(f.settlement).toMatchObject({ amountYuan: 1200, confirmationWindowEndsAt: at(32).toISOString() });
    expect(f.fulfilment).toMatchObject({ mode: 'voluntary', status: 'pending', dueAt: at(32).toISOString() });
    expect(f.fulfilment!.followUps.map((v) => v.at)).toEqual([at(9).toISOString(), at(32).toISOString()]);
    expect(f.version).toBe(5);
  });

  it('when an illegal action is asked, then the outcome names the current state and the allowed actions, and the file is untouched', () => {
    const f = newFile();
    const out = act(f, { action: 'settle', amountYuan: 0, termsRef: 'x', fulfilmentMode: 'on_the_spot' }, { by: 't', now: at(0), config });
    expect(out).toEqual({
      status: 'illegal',
      from: 'referred',
      action: 'settle',
      allowed: ['assign', 'mark_unassigned', 'return_to_court', 'withdraw', 'extend_term'],
    });
    expect(f.history).toEqual([]);
  });

  it('when the mediator declines, then the case is re-dispatched at once without them and the load is released', () => {
    const f = run(newFile(), [[0, { action: 'assign', mediatorIds: ['m1'] }]]);
    const out = act(f, { action: 'decline', reason: 'conflict of interest' }, { by: 'm1', now: at(0, 2), config });
    if (out.status !== 'ok') throw new Error(out.status);
    expect(out.file.status).toBe('referred');
    expect(out.file.excludedMediatorIds).toEqual(['m1']);
    expect(out.released).toEqual(['m1']);
    expect(out.file.history.map((h) => h.action)).toEqual(['assign', 'decline', 'redispatch']);
    expect(out.events).toContainEqual(
      expect.objectContaining({ type: 'case.redispatch_requested', excludeMediatorIds: ['m1'], class: 'ordinary' }),
    );
    const again = act(out.file, { action: 'assign', mediatorIds: ['m1'] }, { by: 'optimizer', now: at(0, 3), config });
    expect(again).toMatchObject({ status: 'rejected', code: 'excluded_mediator' });
  });

  it('when a panel member not on the case declines, then it is rejected', () => {
    const f = run(newFile({ class: 'major' }), [[0, { action: 'assign', mediatorIds: ['g1', 'e1'] }]]);
    expect(act(f, { action: 'decline', mediatorId: 'x9', reason: 'r' }, { by: 't', now: at(0), config })).toMatchObject({
      status: 'rejected',
      code: 'not_assigned_mediator',
    });
    const out = act(f, { action: 'decline', mediatorId: 'e1', reason: 'r' }, { by: 't', now: at(0), config });
    expect(out).toMatchObject({ status: 'ok', released: ['g1', 'e1'], file: { excludedMediatorIds: ['e1'], status: 'referred' } });
  });

  it('when attempts fail, then the case climbs one tier excluding tried mediators, and after 2 failures returns to court', () => {
    let f = toMediating(newFile({ class: 'ordinary' }), ['v1']);
    let out = act(f, { action: 'fail_attempt', reason: 'parties far apart' }, { by: 'v1', now: at(2), config });
    if (out.status !== 'ok') throw new Error(out.status);
    f = out.file;
    expect(f.status).toBe('referred');
    expect(f.class).toBe('professional');
    expect(f.attempts[1]).toMatchObject({
      number: 2,
      class: 'professional',
      startedAt: at(2).toISOString(),
      firstSessionTargetAt: at(12).toISOString(),
    });
    expect(f.excludedMediatorIds).toEqual(['v1']);
    expect(out.released).toEqual(['v1']);
    expect(out.events).toContainEqual(expect.objectContaining({ type: 'case.redispatch_requested', class: 'professional', attempt: 2 }));

    f = toMediating(f, ['i1'], 3);
    out = act(f, { action: 'fail_attempt', reason: 'no agreement' }, { by: 'i1', now: at(5), config });
    if (out.status !== 'ok') throw new Error(out.status);
    expect(out.file.status).toBe('returned_to_court');
    expect(out.file.history.at(-1)).toMatchObject({
      action: 'return_to_court',
      by: 'lifecycle',
      reason: expect.stringMatching(/^max_attempts/),
    });
    expect(out.events).toContainEqual(expect.objectContaining({ type: 'case.returned_to_court', notify: ['court', 'parties'] }));
    expect(out.file.excludedMediatorIds).toEqual(['v1', 'i1']);
  });

  it('when a professional attempt fails, then it escalates to a major (gold-led panel) attempt; major stays major', () => {
    const cfg = { ...config, maxFailedAttempts: 5 };
    let f = toMediating(newFile({ class: 'professional', channel: 'walk_in' }), ['i1']);
    let out = act(f, { action: 'fail_attempt', reason: 'x' }, { by: 't', now: at(2), config: cfg });
    if (out.status !== 'ok') throw new Error(out.status);
    expect(out.file.class).toBe('major');
    f = toMediating(out.file, ['g1', 'e1'], 3);
    out = act(f, { action: 'fail_attempt', reason: 'x' }, { by: 't', now: at(5), config: cfg });
    if (out.status !== 'ok') throw new Error(out.status);
    expect(out.file.class).toBe('major');
    expect(out.file.excludedMediatorIds).toEqual(['i1', 'g1', 'e1']);
  });

  it('when an attempt fails after the term ran out, then the case returns to court instead of escalating', () => {
    const f = toMediating(newFile(), ['v1'], 25);
    const out = act(f, { action: 'fail_attempt', reason: 'x' }, { by: 't', now: at(31), config });
    expect(out).toMatchObject({ status: 'ok', file: { status: 'returned_to_court' } });
  });

  it('when both parties consent, then the term is extended up to the cap and no further', () => {
    const f = newFile();
    expect(f.termEndsAt).toBe(at(30).toISOString());
    const ctx = { by: 'clerk', now: at(10), config };
    expect(act(f, { action: 'extend_term', days: 10, consentingPartyRefs: ['p1'] }, ctx)).toMatchObject({
      status: 'rejected',
      code: 'consent_missing',
    });
    const ok = act(f, { action: 'extend_term', days: 20, consentingPartyRefs: ['p2', 'p1'] }, ctx);
    if (ok.status !== 'ok') throw new Error(ok.status);
    expect(ok.file.termEndsAt).toBe(at(50).toISOString());
    expect(ok.file.status).toBe('referred');
    expect(ok.file.history.at(-1)).toMatchObject({ action: 'extend_term', from: 'referred', to: 'referred' });
    expect(act(ok.file, { action: 'extend_term', days: 11, consentingPartyRefs: ['p1', 'p2'] }, ctx)).toMatchObject({
      status: 'rejected',
      code: 'extension_cap',
    });
    expect(act(ok.file, { action: 'extend_term', days: 10, consentingPartyRefs: ['p1', 'p2'] }, ctx)).toMatchObject({ status: 'ok' });
  });

  it('when a walk-in case asks for an extension, then it has no term to extend', () => {
    const f = newFile({ channel: 'walk_in' });
    expect(f.termEndsAt).toBeNull();
    expect(act(f, { action: 'extend_term', days: 5, consentingPartyRefs: ['p1', 'p2'] }, { by: 't', now: at(1), config })).toMatchObject({
      status: 'rejected',
      code: 'no_term',
    });
  });

  it('when a session is cancelled and rescheduled, then the new one is still the first session of the attempt', () => {
    let f = run(newFile(), [
      [0, { action: 'assign', mediatorIds: ['m1'] }],
      [0, { action: 'accept' }],
      [0, session('s1', '2026-03-03')],
      [0, { action: 'cancel_session', reason: 'mediator ill' }],
      [0, session('s2', '2026-03-04')],
      [2, { action: 'start_mediation', arrivals: [{ ref: 'dept-police', onTime: true }] }],
      [2, { action: 'adjourn', reason: 'documents needed' }],
      [2, session('s3', '2026-03-06')],
    ]);
    expect(f.sessions.map((s) => [s.id, s.status, s.first])).toEqual([
      ['s1', 'cancelled', true],
      ['s2', 'held', true],
      ['s3', 'scheduled', false],
    ]);
    expect(f.sessions[1]!.arrivals).toEqual([{ ref: 'dept-police', onTime: true }]);
    f = run(f, [[3, { action: 'withdraw', reason: 'parties reconciled privately' }]]);
    expect(f.status).toBe('withdrawn');
    expect(f.sessions[2]!.status).toBe('cancelled');
    expect(f.attempts[0]!.outcome).toBe('withdrawn');
  });

  it('when a session ends before it starts, then scheduling is rejected', () => {
    const f = run(newFile(), [
      [0, { action: 'assign', mediatorIds: ['m1'] }],
      [0, { action: 'accept' }],
    ]);
    const bad = { ...session('s1', '2026-03-03'), end: '2026-03-03T00:00:00.000Z' } as const;
    expect(act(f, bad, { by: 't', now: at(0), config })).toMatchObject({ status: 'rejected', code: 'bad_session_time' });
  });
});
