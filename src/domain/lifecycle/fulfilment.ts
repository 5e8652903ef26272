import {
  CLOSED_FULFILMENT_STATUSES,
  isVisitOpen,
  type EnforcementBasis,
  type Fulfilment,
  type Renege,
  type SettlementMode,
} from '../fulfilment';
import type { AgreementRouteKind } from '../agreement';
import type { CaseFile } from '../lifecycle-file';
import { loadLifecycleConfig, type LifecycleConfig } from '../config/lifecycle-config';
import { addDays } from '../time';
import { actOnAgreement } from './agreement';
import { activeRoute, enforceableRoute, lastRoute, type AfterAgreementOutcome } from './agreement-machine';

/**
 * Fulfilment as recorded at settlement: due date from the mode's default (or the given one) and
 * follow-up visits at the mode's configured days. On the spot is fulfilled at once. No settlement
 * starts in enforcement: that is open only to an agreement with enforceable force (`renege`).
 */
export function startFulfilment(mode: SettlementMode, settledAt: string, config: LifecycleConfig, dueAt?: string): Fulfilment {
  const due = dueAt ?? addDays(settledAt, config.fulfilment.dueDays[mode]);
  const followUps = config.fulfilment.followUpDays[mode].map((d) => ({ at: addDays(settledAt, d), done: false }));
  if (mode === 'on_the_spot') return { mode, dueAt: due, followUps, status: 'fulfilled', fulfilledAt: settledAt };
  return { mode, dueAt: due, followUps, status: 'pending' };
}

export function isClosed(f: Fulfilment): boolean {
  return CLOSED_FULFILMENT_STATUSES.includes(f.status);
}

const BASIS: Readonly<Record<AgreementRouteKind, EnforcementBasis>> = {
  judicial_confirmation: 'judicial_confirmation',
  arbitration: 'arbitral_award',
  notarisation: 'notarised_deed',
};

/**
 * A party reneged. Only an agreement with enforceable force (confirmed, awarded, notarised) goes to
 * compulsory enforcement; any other goes back to litigation with the notice to the parties
 * recorded (required then) — and a request to enforce it is refused. While a route still waits for its decision
 * the outcome is not yet known, so the renege is refused until it is decided.
 */
export function renege(file: CaseFile, body: Renege, now: Date): AfterAgreementOutcome {
  const next = structuredClone(file);
  const { settlement, fulfilment: f } = next;
  if (!settlement || !f) return { status: 'rejected', code: 'not_settled', message: 'the case has no settlement' };
  if (isClosed(f)) return { status: 'rejected', code: 'already_closed', message: `fulfilment is already ${f.status}` };
  const pending = activeRoute(settlement);
  if (pending) {
    return {
      status: 'rejected',
      code: 'route_pending',
      message: `the ${pending.kind.replace('_', ' ')} applied for on ${pending.appliedAt} is still ${pending.status}; record the renege once it is decided`,
    };
  }
  const at = now.toISOString();
  const title = enforceableRoute(settlement);
  f.renegedAt = at;
  next.version += 1;
  if (title) {
    const basis = BASIS[title.kind];
    f.status = 'enforcement';
    f.enforcementAt = at;
    f.enforcementBasis = basis;
    if (body.notice) f.notice = { at: body.notice.at ?? at, channel: body.notice.channel };
    return { status: 'ok', file: next, events: [{ type: 'fulfilment.enforcement', caseId: file.caseId, at, basis }] };
  }
  if (body.enforce === true) return { status: 'rejected', code: 'not_enforceable', message: notEnforceableReason(file) };
  const notice = body.notice;
  if (!notice) {
    return {
      status: 'invalid',
      field: 'body.notice',
      reason:
        'required: the agreement has no enforceable force, so the case goes back to litigation and the notice to the parties must be recorded',
    };
  }
  f.status = 'litigation';
  f.litigationAt = at;
  f.notice = { at: notice.at ?? at, channel: notice.channel };
  return { status: 'ok', file: next, events: [{ type: 'fulfilment.litigation', caseId: file.caseId, at, noticeChannel: notice.channel }] };
}

function notEnforceableReason(file: CaseFile): string {
  const last = lastRoute(file.settlement);
  const why = last
    ? `the ${last.kind.replace('_', ' ')} ended ${last.status}${(last.decidedAt ?? last.acceptanceDecidedAt) ? ` on ${last.decidedAt ?? last.acceptanceDecidedAt}` : ''}`
    : 'the agreement was never confirmed, awarded or notarised';
  return `compulsory enforcement needs an agreement with enforceable force; ${why}. A reneging party can only be sued (litigation)`;
}

/** The updates of the older POST /v1/cases/:id/fulfilment route, each done by the one rule that owns it. */
export type FulfilmentUpdate =
  | { readonly kind: 'fulfilled' }
  /** A party reneged: see `renege` (the notice is required when the case goes back to litigation). */
  | { readonly kind: 'reneged'; readonly notice?: NonNullable<Renege['notice']> }
  /** A follow-up visit was made (the earliest open one is marked done). */
  | { readonly kind: 'follow_up_done' }
  /** Judicial confirmation applied for: the same as POST /v1/cases/:id/agreement `apply`. */
  | { readonly kind: 'confirmation_applied' };

/** Applies a fulfilment update to a settled case's file (`config` for a confirmation application: the bundled one by default). */
export function updateFulfilment(file: CaseFile, update: FulfilmentUpdate, now: Date, config?: LifecycleConfig): AfterAgreementOutcome {
  if (update.kind === 'confirmation_applied') {
    return actOnAgreement(file, { action: 'apply', route: 'judicial_confirmation' }, { now, config: config ?? loadLifecycleConfig() });
  }
  if (update.kind === 'reneged') return renege(file, update.notice ? { notice: update.notice } : {}, now);
  const next = structuredClone(file);
  const f = next.fulfilment;
  if (!next.settlement || !f) return { status: 'rejected', code: 'not_settled', message: 'the case has no settlement' };
  const at = now.toISOString();
  if (update.kind === 'fulfilled') {
    if (isClosed(f)) return { status: 'rejected', code: 'already_closed', message: `fulfilment is already ${f.status}` };
    f.status = 'fulfilled';
    f.fulfilledAt = at;
  } else {
    const open = f.followUps.find(isVisitOpen);
    if (!open) return { status: 'rejected', code: 'no_open_follow_up', message: 'no follow-up visit is open' };
    open.done = true;
    open.recordedAt = at;
  }
  next.version += 1;
  return { status: 'ok', file: next, events: [] };
}
