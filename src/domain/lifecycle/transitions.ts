import { nextState, type LifecycleAction } from './state-machine';
import type { LifecycleCommand } from '../lifecycle-command';
import type { CaseFile } from '../lifecycle-file';
import type { LifecycleEvent } from '../lifecycle-event';
import type { CaseStatus } from '../case';
import { addDays } from '../time';
import { Draft, IllegalTransition, RejectedCommand, type ActContext, type RejectionCode } from './draft';
import { afterFailedAttempt, escalate, requestRedispatch, returnToCourt } from './escalation';
import { startFulfilment } from './fulfilment';
import { recordConsent } from './consent';
import type { ConsentCommand } from '../consent';

export type { ActContext } from './draft';

export type ActOutcome =
  | {
      readonly status: 'ok';
      readonly file: CaseFile;
      readonly events: readonly LifecycleEvent[];
      /** Mediators whose seat on the case ended: their open-case load drops by one each. */
      readonly released: readonly string[];
    }
  | {
      readonly status: 'illegal';
      readonly from: CaseStatus;
      readonly action: LifecycleAction;
      readonly allowed: readonly LifecycleAction[];
    }
  | { readonly status: 'rejected'; readonly code: RejectionCode; readonly message: string };

/**
 * Applies one command to a case file: the state machine decides whether the action is legal; the
 * handler records the facts (sessions, settlement, fulfilment, exclusions) and any follow-up
 * transitions (a decline re-dispatches at once; a failed attempt escalates or returns to court).
 * The input file is never changed.
 */
export function act(file: CaseFile, command: LifecycleCommand | ConsentCommand, ctx: ActContext): ActOutcome {
  // The state machine decides first, so a command illegal in the state is refused as such before its own checks.
  const legal = nextState(file.status, command.action);
  if (legal.status === 'illegal') return legal;
  const d = new Draft(file, ctx);
  try {
    HANDLERS[command.action](d, command as never);
  } catch (e) {
    if (e instanceof IllegalTransition) return e.outcome;
    if (e instanceof RejectedCommand) return { status: 'rejected', code: e.code, message: e.message };
    throw e;
  }
  return { status: 'ok', file: d.finish(), events: d.events, released: d.released };
}

type Handler<A extends LifecycleAction> = (d: Draft, c: Extract<LifecycleCommand | ConsentCommand, { action: A }>) => void;
type Handlers = { readonly [A in LifecycleAction]: Handler<A> };

function scheduledSession(d: Draft) {
  const s = d.file.sessions.find((x) => x.status === 'scheduled' && x.attempt === d.attempt.number);
  if (!s) throw new RejectedCommand('no_scheduled_session', 'the current attempt has no scheduled session');
  return s;
}

const HANDLERS: Handlers = {
  assign(d, c) {
    const excluded = c.mediatorIds.filter((m) => d.file.excludedMediatorIds.includes(m));
    if (excluded.length > 0) throw new RejectedCommand('excluded_mediator', `already declined or failed this case: ${excluded.join(', ')}`);
    d.step('assign', { mediatorIds: c.mediatorIds });
    d.attempt.mediatorIds = [...c.mediatorIds];
    d.attempt.assignedAt = d.at;
  },
  mark_unassigned(d, c) {
    d.step('mark_unassigned', c.reason !== undefined ? { reason: c.reason } : {});
  },
  accept(d) {
    d.step('accept', { mediatorIds: d.attempt.mediatorIds });
  },
  decline(d, c) {
    if (c.mediatorId !== undefined && !d.attempt.mediatorIds.includes(c.mediatorId)) {
      throw new RejectedCommand('not_assigned_mediator', `mediator "${c.mediatorId}" does not sit on this case`);
    }
    const decliners = c.mediatorId !== undefined ? [c.mediatorId] : [...d.attempt.mediatorIds];
    d.step('decline', { reason: c.reason, mediatorIds: decliners });
    d.released.push(...d.attempt.mediatorIds);
    for (const m of decliners) if (!d.file.excludedMediatorIds.includes(m)) d.file.excludedMediatorIds.push(m);
    d.attempt.mediatorIds = [];
    delete d.attempt.assignedAt;
    // A decline re-dispatches at once.
    d.step('redispatch', { by: 'lifecycle', reason: 'declined' });
    requestRedispatch(d);
  },
  redispatch(d, c) {
    d.step('redispatch', c.reason !== undefined ? { reason: c.reason } : {});
    requestRedispatch(d);
  },
  schedule_session(d, c) {
    if (!(Date.parse(c.start) < Date.parse(c.end))) throw new RejectedCommand('bad_session_time', 'start must be before end');
    d.step('schedule_session', { mediatorIds: d.attempt.mediatorIds });
    const first = !d.file.sessions.some((s) => s.attempt === d.attempt.number && s.status === 'held');
    d.file.sessions.push({
      id: c.sessionId,
      caseId: d.file.caseId,
      attempt: d.attempt.number,
      first,
      mediatorIds: [...d.attempt.mediatorIds],
      roomId: c.roomId,
      slot: c.slot,
      start: c.start,
      end: c.end,
      status: 'scheduled',
      arrivals: [],
    });
  },
  cancel_session(d, c) {
    const s = d.file.status === 'session_scheduled' ? scheduledSession(d) : undefined;
    d.step('cancel_session', { reason: c.reason });
    if (s) {
      s.status = 'cancelled';
      s.cancelReason = c.reason;
    }
  },
  start_mediation(d, c) {
    const s = d.file.status === 'session_scheduled' ? scheduledSession(d) : undefined;
    d.step('start_mediation', { mediatorIds: d.attempt.mediatorIds });
    if (s) {
      s.status = 'held';
      s.heldAt = d.at;
      s.arrivals = c.arrivals ? [...c.arrivals] : [];
    }
    d.attempt.firstSessionAt ??= d.at;
  },
  adjourn(d, c) {
    d.step('adjourn', { reason: c.reason });
  },
  settle(d, c) {
    d.step('settle', { mediatorIds: d.attempt.mediatorIds, reason: `agreement ${c.termsRef}` });
    d.releaseSeats(false);
    d.endAttempt('settled');
    d.file.settlement = {
      at: d.at,
      amountYuan: c.amountYuan,
      termsRef: c.termsRef,
      confirmationWindowEndsAt: addDays(d.at, d.ctx.config.confirmationWindowDays),
    };
    d.file.fulfilment = startFulfilment(c.fulfilmentMode, d.at, d.ctx.config, c.dueAt);
  },
  fail_attempt(d, c) {
    d.step('fail_attempt', { reason: c.reason, mediatorIds: d.attempt.mediatorIds });
    d.releaseSeats(true);
    d.endAttempt('failed');
    afterFailedAttempt(d);
  },
  escalate(d, c) {
    escalate(d, c.reason);
  },
  return_to_court(d, c) {
    returnToCourt(d, c.reason);
  },
  withdraw(d, c) {
    d.step('withdraw', { reason: c.reason });
    if (d.attempt.mediatorIds.length > 0 && !d.attempt.outcome) d.releaseSeats(false);
    d.endAttempt('withdrawn');
    d.cancelScheduledSessions('withdrawn');
  },
  extend_term(d, c) {
    if (d.file.termEndsAt === null) throw new RejectedCommand('no_term', `a ${d.file.channel} case has no legal term to extend`);
    const missing = d.file.partyRefs.filter((p) => !c.consentingPartyRefs.includes(p));
    if (missing.length > 0) throw new RejectedCommand('consent_missing', `every party must consent; missing: ${missing.join(', ')}`);
    const cap = d.ctx.config.extensionCapDays;
    if (d.file.termExtensionDays + c.days > cap) {
      throw new RejectedCommand('extension_cap', `extensions may add at most ${cap} days; ${d.file.termExtensionDays} already added`);
    }
    d.step('extend_term', { reason: `+${c.days} days with both parties' consent` });
    d.file.termExtensionDays += c.days;
    d.file.termEndsAt = addDays(d.file.termEndsAt, c.days);
  },
  record_consent(d, c) {
    recordConsent(d, c);
  },
};
