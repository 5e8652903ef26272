import type { CaseFile } from '../lifecycle-file';
import type { Draft } from './draft';
import { firstSessionTarget } from './case-file';

/** Failed attempts so far. */
export function failedAttempts(file: Pick<CaseFile, 'attempts'>): number {
  return file.attempts.filter((a) => a.outcome === 'failed').length;
}

/** True when the legal term has run out at `now`. */
export function termExpired(file: Pick<CaseFile, 'termEndsAt'>, now: Date): boolean {
  return file.termEndsAt !== null && now.getTime() >= Date.parse(file.termEndsAt);
}

/**
 * True when the case was imported from history after its legal term had already run out: the
 * clock leaves it open (flagged on the case, for a dispatcher to decide) instead of returning it
 * to court. A term extended past the import date runs out and returns the case as usual.
 */
export function termRanOutBeforeImport(file: Pick<CaseFile, 'termEndsAt' | 'backfill'>): boolean {
  if (!file.backfill || file.termEndsAt === null) return false;
  return Date.parse(file.termEndsAt) <= Date.parse(file.backfill.importedAt);
}

/**
 * Sends the case back to dispatch for a new attempt one tier up (ordinary → professional →
 * major), excluding every mediator who declined or failed, with a fresh first-session target.
 */
export function escalate(d: Draft, reason?: string, by?: string): void {
  const from = d.file.class;
  const to = d.ctx.config.escalation[from];
  d.step('escalate', { reason: reason ?? `escalated ${from} → ${to}`, ...(by ? { by } : {}) });
  d.file.class = to;
  d.file.attempts.push({
    number: d.file.attempts.length + 1,
    class: to,
    startedAt: d.at,
    firstSessionTargetAt: firstSessionTarget(to, d.at, d.ctx.config),
    mediatorIds: [],
  });
  requestRedispatch(d);
}

/** The event that puts the case back in the dispatch queue. */
export function requestRedispatch(d: Draft): void {
  d.events.push({
    type: 'case.redispatch_requested',
    caseId: d.file.caseId,
    at: d.at,
    class: d.file.class,
    excludeMediatorIds: [...d.file.excludedMediatorIds],
    attempt: d.attempt.number,
  });
}

/** Returns the case to court and tells the court and the parties to proceed by litigation. */
export function returnToCourt(d: Draft, reason: string, by?: string): void {
  d.step('return_to_court', { reason, ...(by ? { by } : {}) });
  if (d.attempt.mediatorIds.length > 0 && !d.attempt.outcome) d.releaseSeats(false);
  d.endAttempt('returned_to_court');
  d.cancelScheduledSessions('returned to court');
  d.events.push({ type: 'case.returned_to_court', caseId: d.file.caseId, at: d.at, reason, notify: ['court', 'parties'] });
}

/**
 * After a failed attempt: back to court once the failures reach the configured maximum or the
 * term has run out; otherwise escalate one tier and re-dispatch.
 */
export function afterFailedAttempt(d: Draft): void {
  const cfg = d.ctx.config;
  if (failedAttempts(d.file) >= cfg.maxFailedAttempts) {
    returnToCourt(d, `max_attempts: ${cfg.maxFailedAttempts} failed attempts`, 'lifecycle');
  } else if (termExpired(d.file, d.ctx.now)) {
    returnToCourt(d, 'term_expired: the pre-litigation term has run out', 'lifecycle');
  } else {
    escalate(d, undefined, 'lifecycle');
  }
}
