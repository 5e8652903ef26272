import { z } from 'zod';
import { CaseStatusSchema, type CaseStatus } from '../case';
import { InstantSchema } from '../instant';
import { LIMITS } from '../limits';
import { IdentifierSchema } from '../party-identifier';

/**
 * The case lifecycle: the closed loop dispatch → classified mediation → completion, as a state
 * machine over the case statuses of `case.ts`. `nextState` is the only place that knows which
 * action may follow which state; the API renders its refusals as 409 with the allowed actions.
 *
 *   referred ─assign→ assigned ─accept→ accepted ─schedule_session→ session_scheduled
 *   referred ─mark_unassigned→ unassigned ─assign→ assigned
 *   held ─assign→ assigned;  proposed ─assign→ assigned   (a pin, a confirmation, an expired proposal)
 *   assigned ─decline→ declined ─redispatch→ referred            (the decliner is excluded)
 *   session_scheduled ─cancel_session→ accepted;  ─start_mediation→ mediating
 *   mediating ─settle→ settled | ─fail_attempt→ attempt_failed | ─adjourn→ accepted (follow-up)
 *   attempt_failed ─escalate→ referred (one tier up, tried mediators excluded)
 *   any open state ─return_to_court→ returned_to_court | ─withdraw→ withdrawn
 *   any open state but awaiting_consent ─extend_term→ itself (both parties' consent; recorded, state unchanged)
 *   awaiting_consent ─record_consent→ referred   (a refusal or the consent wait returns it to court)
 */

export const LIFECYCLE_ACTIONS = [
  'assign',
  'mark_unassigned',
  'accept',
  'decline',
  'redispatch',
  'schedule_session',
  'cancel_session',
  'start_mediation',
  'adjourn',
  'settle',
  'fail_attempt',
  'escalate',
  'return_to_court',
  'withdraw',
  'extend_term',
  'record_consent',
] as const;
export const LifecycleActionSchema = z.enum(LIFECYCLE_ACTIONS);
export type LifecycleAction = z.infer<typeof LifecycleActionSchema>;

/** States no action leaves. */
export const TERMINAL_STATUSES: readonly CaseStatus[] = ['settled', 'returned_to_court', 'withdrawn'];

/** Open = not terminal. */
export function isOpen(status: CaseStatus): boolean {
  return !TERMINAL_STATUSES.includes(status);
}

const OPEN_STATUSES = CaseStatusSchema.options.filter(isOpen);

/** The state-changing edges: action → (from → to). */
const EDGES: Readonly<Record<LifecycleAction, Partial<Record<CaseStatus, CaseStatus>>>> = {
  // held / proposed (issue 16): a pin, a confirmation or an expired proposal assigns them.
  assign: { referred: 'assigned', unassigned: 'assigned', held: 'assigned', proposed: 'assigned' },
  mark_unassigned: { referred: 'unassigned', unassigned: 'unassigned' },
  accept: { assigned: 'accepted' },
  decline: { assigned: 'declined' },
  redispatch: { declined: 'referred' },
  schedule_session: { accepted: 'session_scheduled' },
  cancel_session: { session_scheduled: 'accepted' },
  start_mediation: { session_scheduled: 'mediating' },
  adjourn: { mediating: 'accepted' },
  settle: { mediating: 'settled' },
  fail_attempt: { mediating: 'attempt_failed' },
  escalate: { attempt_failed: 'referred' },
  return_to_court: Object.fromEntries(OPEN_STATUSES.map((s) => [s, 'returned_to_court'])),
  withdraw: Object.fromEntries(OPEN_STATUSES.map((s) => [s, 'withdrawn'])),
  // A case awaiting consent has no term yet to extend.
  extend_term: Object.fromEntries(OPEN_STATUSES.filter((s) => s !== 'awaiting_consent').map((s) => [s, s])),
  record_consent: { awaiting_consent: 'referred' },
};

export type TransitionOutcome =
  | { readonly status: 'ok'; readonly from: CaseStatus; readonly to: CaseStatus; readonly action: LifecycleAction }
  | {
      readonly status: 'illegal';
      readonly from: CaseStatus;
      readonly action: LifecycleAction;
      /** Actions the current state allows, in LIFECYCLE_ACTIONS order. */
      readonly allowed: readonly LifecycleAction[];
    };

/** Actions allowed from a state. */
export function allowedActions(from: CaseStatus): LifecycleAction[] {
  return LIFECYCLE_ACTIONS.filter((a) => EDGES[a][from] !== undefined);
}

/**
 * Actions only dispatch takes (the micro-batch, or a dispatcher through POST /v1/cases/{id}/assignment):
 * the state machine knows their edges, but no one asks for them through the transitions route.
 */
export const DISPATCH_ACTIONS: readonly LifecycleAction[] = ['assign', 'mark_unassigned'];

/**
 * Actions a caller may request through the transitions route from a state: the allowed ones minus
 * dispatch's. The one rule behind both the `allowedActions` a case file shows and the route's refusal,
 * so the list never offers what the route refuses (after a decline the case is `referred`: `assign`
 * is dispatch's, not listed).
 */
export function requestableActions(from: CaseStatus): LifecycleAction[] {
  return allowedActions(from).filter((a) => !DISPATCH_ACTIONS.includes(a));
}

/** The state after `action`, or an illegal-transition outcome listing what is allowed. */
export function nextState(from: CaseStatus, action: LifecycleAction): TransitionOutcome {
  const to = EDGES[action][from];
  if (to === undefined) return { status: 'illegal', from, action, allowed: allowedActions(from) };
  return { status: 'ok', from, to, action };
}

const isoDateTime = InstantSchema;

/** Who acted: a person or system by label (an API key's label, `optimizer`, `clock`), never a party. */
export const ActorSchema = z.string().min(1).max(200);

/**
 * What a history entry records: a lifecycle action, or `reassign` — the nightly rebalance or a
 * dispatcher moved a seat to another mediator (state unchanged; not an action anyone can ask for).
 */
export const HistoryActionSchema = z.enum([...LIFECYCLE_ACTIONS, 'reassign']);
export type HistoryAction = z.infer<typeof HistoryActionSchema>;

/** One recorded transition (or reassignment): who, when, why. */
export const TransitionRecordSchema = z.strictObject({
  from: CaseStatusSchema,
  to: CaseStatusSchema,
  action: HistoryActionSchema,
  by: ActorSchema,
  at: isoDateTime,
  /** Free text or a machine reason (`term_expired`, `max_attempts`). */
  reason: z.string().max(LIMITS.freeText).optional(),
  /** Mediator ids involved (the assignment, the decliner, the failed panel; after a reassignment, the new seats), when any. */
  mediatorIds: z.array(IdentifierSchema).max(LIMITS.seats).optional(),
  /** `reassign` only: the seats before, in the same order as `mediatorIds`. */
  fromMediatorIds: z.array(IdentifierSchema).max(LIMITS.seats).optional(),
  /** `reassign` only: the rebalance run that moved the case. */
  runId: z.string().min(1).max(200).optional(),
});
export type TransitionRecord = z.infer<typeof TransitionRecordSchema>;
