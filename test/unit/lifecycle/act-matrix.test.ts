import { CASE_STATUSES, type CaseStatus } from '../../../src/domain/case';
import { LIFECYCLE_ACTIONS, nextState, type LifecycleAction } from '../../../src/domain/lifecycle/state-machine';
import type { LifecycleCommand } from '../../../src/domain/lifecycle-command';
import type { ConsentCommand } from '../../../src/domain/consent';
import type { CaseFile } from '../../../src/domain/lifecycle-file';
import { act } from '../../../src/domain/lifecycle/transitions';
import { config, at, newFile, run, session, toMediating } from './helpers';

/** A file resting in each state (declined and attempt_failed are passed through at once by act, so they are set directly). */
function fileIn(status: CaseStatus): CaseFile {
  const f = newFile();
  const assigned = () => run(f, [[0, { action: 'assign', mediatorIds: ['m1'] }]]);
  switch (status) {
    case 'referred':
      return f;
    case 'unassigned':
      return run(f, [[0, { action: 'mark_unassigned' }]]);
    case 'assigned':
      return assigned();
    case 'declined':
      return { ...assigned(), status: 'declined' };
    case 'accepted':
      return run(assigned(), [[0, { action: 'accept' }]]);
    case 'session_scheduled':
      return run(assigned(), [
        [0, { action: 'accept' }],
        [0, session('s1', '2026-03-03')],
      ]);
    case 'mediating':
      return toMediating(f);
    case 'attempt_failed':
      return { ...toMediating(f), status: 'attempt_failed' };
    case 'settled':
      return run(toMediating(f), [[2, { action: 'settle', amountYuan: 0, termsRef: 'a', fulfilmentMode: 'on_the_spot' }]]);
    case 'returned_to_court':
      return run(f, [[1, { action: 'return_to_court', reason: 'x' }]]);
    case 'withdrawn':
      return run(f, [[1, { action: 'withdraw', reason: 'x' }]]);
    // Issue 16: set aside for a dispatcher or proposed; only dispatch writes these, so set directly.
    case 'held':
    case 'proposed':
      return { ...f, status };
    case 'awaiting_consent':
      return newFile({ status: 'awaiting_consent' });
  }
}

const COMMANDS: Readonly<Record<LifecycleAction, LifecycleCommand | ConsentCommand>> = {
  assign: { action: 'assign', mediatorIds: ['m2'] },
  mark_unassigned: { action: 'mark_unassigned' },
  accept: { action: 'accept' },
  decline: { action: 'decline', reason: 'r' },
  redispatch: { action: 'redispatch' },
  schedule_session: session('s9', '2026-03-05'),
  cancel_session: { action: 'cancel_session', reason: 'r' },
  start_mediation: { action: 'start_mediation' },
  adjourn: { action: 'adjourn', reason: 'r' },
  settle: { action: 'settle', amountYuan: 1, termsRef: 't', fulfilmentMode: 'voluntary' },
  fail_attempt: { action: 'fail_attempt', reason: 'r' },
  escalate: { action: 'escalate' },
  return_to_court: { action: 'return_to_court', reason: 'r' },
  withdraw: { action: 'withdraw', reason: 'r' },
  extend_term: { action: 'extend_term', days: 5, consentingPartyRefs: ['p1', 'p2'] },
  record_consent: { action: 'record_consent', given: true, by: 'court' },
};

describe('act agrees with the state machine for every state × action', () => {
  const pairs = CASE_STATUSES.flatMap((s) => LIFECYCLE_ACTIONS.map((a) => [s, a] as const));
  it.each(pairs)('when a %s case gets %s, then act is legal exactly when the state machine says so', (status, action) => {
    const file = fileIn(status);
    expect(file.status).toBe(status);
    const expected = nextState(status, action);
    const out = act(file, COMMANDS[action], { by: 'tester', now: at(3), config });
    if (expected.status === 'illegal') {
      expect(out).toEqual(expected);
      return;
    }
    expect(out.status).toBe('ok');
    if (out.status !== 'ok') return;
    const rec = out.file.history[file.history.length]!;
    expect(rec).toMatchObject({ from: status, to: expected.to, action, by: 'tester', at: at(3).toISOString() });
    expect(out.file.version).toBe(file.version + 1);
  });
});
