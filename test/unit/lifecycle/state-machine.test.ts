import { CASE_STATUSES, type CaseStatus } from '../../../src/domain/case';
import {
  allowedActions,
  DISPATCH_ACTIONS,
  LIFECYCLE_ACTIONS,
  nextState,
  requestableActions,
  type LifecycleAction,
} from '../../../src/domain/lifecycle/state-machine';

const OPEN: CaseStatus[] = [
  'referred',
  'unassigned',
  'assigned',
  'accepted',
  'declined',
  'session_scheduled',
  'mediating',
  'attempt_failed',
  'held',
  'proposed',
  'awaiting_consent',
];

/** The specification of issue 5, written out edge by edge (independent of the implementation's table). */
const SPEC: [CaseStatus, LifecycleAction, CaseStatus][] = [
  ['referred', 'assign', 'assigned'],
  ['unassigned', 'assign', 'assigned'],
  ['referred', 'mark_unassigned', 'unassigned'],
  ['unassigned', 'mark_unassigned', 'unassigned'],
  ['assigned', 'accept', 'accepted'],
  ['assigned', 'decline', 'declined'],
  ['declined', 'redispatch', 'referred'],
  ['accepted', 'schedule_session', 'session_scheduled'],
  ['session_scheduled', 'cancel_session', 'accepted'],
  ['session_scheduled', 'start_mediation', 'mediating'],
  ['mediating', 'adjourn', 'accepted'],
  ['mediating', 'settle', 'settled'],
  ['mediating', 'fail_attempt', 'attempt_failed'],
  ['attempt_failed', 'escalate', 'referred'],
  // Issue 16: a pin, a confirmation or an expired proposal assigns a held or proposed case.
  ['held', 'assign', 'assigned'],
  ['proposed', 'assign', 'assigned'],
  ['awaiting_consent', 'record_consent', 'referred'],
  ...OPEN.map((s): [CaseStatus, LifecycleAction, CaseStatus] => [s, 'return_to_court', 'returned_to_court']),
  ...OPEN.map((s): [CaseStatus, LifecycleAction, CaseStatus] => [s, 'withdraw', 'withdrawn']),
  ...OPEN.filter((s) => s !== 'awaiting_consent').map((s): [CaseStatus, LifecycleAction, CaseStatus] => [s, 'extend_term', s]),
];

describe('lifecycle state machine', () => {
  const legal = new Map(SPEC.map(([from, a, to]) => [`${from}|${a}`, to]));
  const pairs = CASE_STATUSES.flatMap((s) => LIFECYCLE_ACTIONS.map((a) => [s, a] as const));

  it.each(SPEC)('when %s gets %s, then it moves to %s', (from, action, to) => {
    expect(nextState(from, action)).toEqual({ status: 'ok', from, to, action });
  });

  it.each(pairs.filter(([s, a]) => !legal.has(`${s}|${a}`)))(
    'when %s gets %s, then it is illegal and lists the allowed actions',
    (from, action) => {
      const out = nextState(from, action);
      expect(out.status).toBe('illegal');
      if (out.status !== 'illegal') return;
      const expected = LIFECYCLE_ACTIONS.filter((a) => legal.has(`${from}|${a}`));
      expect(out.allowed).toEqual(expected);
      expect(out.allowed).not.toContain(action);
    },
  );

  it('when a case is settled, returned to court or withdrawn, then no action leaves it', () => {
    for (const s of ['settled', 'returned_to_court', 'withdrawn'] as const) expect(allowedActions(s)).toEqual([]);
  });

  it('when every status is checked, then every non-terminal one has a way out', () => {
    for (const s of OPEN) expect(allowedActions(s).length).toBeGreaterThan(0);
  });
});

describe('requestableActions: what the transitions route accepts', () => {
  it('when a case waits (as after a decline, which re-dispatches at once), then assign and mark_unassigned are not offered, being dispatch’s', () => {
    expect(requestableActions('referred')).toEqual(['return_to_court', 'withdraw', 'extend_term']);
    for (const s of CASE_STATUSES) {
      for (const a of DISPATCH_ACTIONS) expect(requestableActions(s)).not.toContain(a);
      expect(requestableActions(s)).toEqual(allowedActions(s).filter((a) => !DISPATCH_ACTIONS.includes(a)));
    }
  });
});
