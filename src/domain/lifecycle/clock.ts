import { isOpen } from './state-machine';
import { currentAttempt, type CaseFile } from '../lifecycle-file';
import type { DeadlineKind, LifecycleEvent } from '../lifecycle-event';
import { Draft, type ActContext } from './draft';
import { returnToCourt, termRanOutBeforeImport } from './escalation';
import { HOUR_MS } from '../time';
import { expireConsentWait } from './consent';
import { afterAgreementDeadlines } from './agreement-deadlines';
import { isClosed } from './fulfilment';
import { DEFAULT_FOLLOW_UP_GRACE_DAYS } from '../config/lifecycle-config';
import { isVisitOpen, type FollowUp } from '../fulfilment';

/** A deadline the clock watches on a case right now. */
export interface Deadline {
  readonly kind: DeadlineKind;
  readonly at: string;
}

/**
 * The deadlines that are live for a case: the legal term (open cases of a term channel), the
 * first-session target of the current attempt (until a session is held), the fulfilment due date
 * (while pending) and the end of the judicial-confirmation window (until applied for), plus the
 * deadlines after the agreement (the court's acceptance decision, follow-up visits to record).
 */
export function liveDeadlines(file: CaseFile, followUpGraceDays = DEFAULT_FOLLOW_UP_GRACE_DAYS): Deadline[] {
  const out: Deadline[] = [];
  // No legal clock runs before consent: only the consent wait (expireConsentWait).
  if (file.status === 'awaiting_consent') return out;
  const open = isOpen(file.status);
  if (open && file.termEndsAt) out.push({ kind: 'term', at: file.termEndsAt });
  const attempt = currentAttempt(file);
  if (open && !attempt.firstSessionAt) out.push({ kind: 'firstSession', at: attempt.firstSessionTargetAt });
  if (file.fulfilment && (file.fulfilment.status === 'pending' || file.fulfilment.status === 'overdue')) {
    out.push({ kind: 'fulfilment', at: file.fulfilment.dueAt });
  }
  // Issue 17: the window matters only while an application is possible — no route applied for
  // (arbitration or notarisation too) and the fulfilment still open (nothing to confirm after).
  if (file.settlement && !file.settlement.confirmationAppliedAt && !file.settlement.routes?.length && !fulfilmentClosed(file))
    out.push({ kind: 'confirmation', at: file.settlement.confirmationWindowEndsAt });
  out.push(...afterAgreementDeadlines(file, followUpGraceDays));
  return out;
}

function fulfilmentClosed(file: CaseFile): boolean {
  return file.fulfilment !== null && isClosed(file.fulfilment);
}

/** The `raised` key of a deadline's overdue event (and of a pending fulfilment turning overdue). */
export function overdueKey(dl: Deadline): string {
  return `${dl.kind}:${dl.at}:overdue`;
}

/** The `raised` key of the warning `hours` before a deadline. */
export function warningKey(dl: Deadline, hours: number): string {
  return `${dl.kind}:${dl.at}:${hours}h`;
}

/** The `raised` key of a follow-up visit's announcement. */
export function followUpKey(v: Pick<FollowUp, 'at'>): string {
  return `followUp:${v.at}`;
}

/** The instant (epoch ms) from which the warning `hours` before a deadline due at `due` (ms) is crossed; warnings are raised only before `due`. */
export function warningFrom(due: number, hours: number): number {
  return due - hours * HOUR_MS;
}

/** The follow-up visits the clock announces once their date has come: those still open. */
export function announcedVisits(file: Pick<CaseFile, 'fulfilment'>): FollowUp[] {
  return (file.fulfilment?.followUps ?? []).filter(isVisitOpen);
}

/**
 * When the clock returns the case to court because its legal term ran out: the term's end while
 * the case is open, null when it has no term, is closed, or was imported after the term had
 * already run out (issue 16: not returned by surprise).
 */
export function termReturnAt(file: Pick<CaseFile, 'status' | 'termEndsAt' | 'backfill'>): string | null {
  if (!isOpen(file.status) || !file.termEndsAt || termRanOutBeforeImport(file)) return null;
  return file.termEndsAt;
}

export interface TickOutcome {
  readonly file: CaseFile;
  readonly events: readonly LifecycleEvent[];
  readonly released: readonly string[];
  /** False when nothing changed (the file is the input, not a copy). */
  readonly changed: boolean;
}

/**
 * Moves a case's clocks to `ctx.now`: raises each configured warning once (only the nearest when
 * a late tick crosses several points), raises overdue events once, marks pending fulfilment
 * overdue, announces due follow-up visits, and returns the case to court when its term has run
 * out or when it waited for consent longer than the configured wait. Idempotent: ticking twice at the same time changes nothing the second time.
 */
export function tick(file: CaseFile, ctx: ActContext): TickOutcome {
  const d = new Draft(file, ctx);
  const now = ctx.now.getTime();
  const raised = new Set(file.raised);
  const raise = (key: string): boolean => {
    if (raised.has(key)) return false;
    raised.add(key);
    d.file.raised.push(key);
    return true;
  };

  for (const dl of liveDeadlines(file, ctx.config.followUpGraceDays)) {
    const due = Date.parse(dl.at);
    if (now >= due) {
      if (raise(overdueKey(dl))) {
        if (dl.kind === 'fulfilment') {
          // A fulfilment deadline is live only while the file has a fulfilment.
          const fulfilment = d.file.fulfilment;
          if (fulfilment) {
            fulfilment.status = 'overdue';
            d.events.push({ type: 'case.fulfilment_overdue', caseId: file.caseId, at: d.at, mode: fulfilment.mode, dueAt: dl.at });
          }
        } else {
          d.events.push({ type: 'case.deadline_overdue', caseId: file.caseId, at: d.at, kind: dl.kind, deadlineAt: dl.at });
        }
      }
      continue;
    }
    const crossed = [...ctx.config.warningHoursBefore[dl.kind]].sort((a, b) => a - b).filter((h) => now >= warningFrom(due, h));
    const fresh = crossed.filter((h) => raise(warningKey(dl, h)));
    const firstFresh = fresh[0];
    if (firstFresh !== undefined) {
      d.events.push({
        type: 'case.deadline_warning',
        caseId: file.caseId,
        at: d.at,
        kind: dl.kind,
        deadlineAt: dl.at,
        hoursBefore: firstFresh,
      });
    }
  }

  for (const v of announcedVisits(d.file)) {
    if (now >= Date.parse(v.at) && raise(followUpKey(v))) {
      d.events.push({ type: 'case.follow_up_due', caseId: file.caseId, at: d.at, visitAt: v.at });
    }
  }

  // A backfilled case whose term ran out before import is not returned by surprise (issue 16).
  const returnAt = termReturnAt(d.file);
  if (returnAt !== null && now >= Date.parse(returnAt)) {
    returnToCourt(d, 'term_expired: the pre-litigation term has run out', 'clock');
  }
  expireConsentWait(d);

  if (d.file.raised.length === file.raised.length && d.events.length === 0) return { file, events: [], released: [], changed: false };
  return { file: d.finish(), events: d.events, released: d.released, changed: true };
}
