import type { ConsentCommand, ConsentRecord } from '../consent';
import type { CaseFile } from '../lifecycle-file';
import type { LifecycleConfig } from '../config/lifecycle-config';
import { addDays } from '../time';
import type { Draft } from './draft';
import { firstSessionTarget, termEnd } from './case-file';
import { returnToCourt } from './escalation';

/** The machine reason of a case returned because nobody recorded consent in time. */
export const CONSENT_TIMEOUT = 'consent_timeout';

/**
 * When the wait for consent ends: the referral time plus the configured wait (lifecycle.json
 * `consentWaitDays`). A case imported from history (backfill) waits from its import instead, so an
 * import never returns cases to court for a wait that ran out before the centre had them.
 */
export function consentWaitEndsAt(file: Pick<CaseFile, 'referredAt' | 'backfill'>, config: LifecycleConfig): string {
  const imported = file.backfill?.importedAt;
  const from = imported !== undefined && Date.parse(imported) > Date.parse(file.referredAt) ? imported : file.referredAt;
  return addDays(from, config.consentWaitDays);
}

/**
 * Records the parties' answer on a case awaiting consent. Given: the case waits for dispatch and
 * every legal clock (the term, the first-session target) starts now, not at the referral.
 * Refused: the case returns to court with the reason. Either way a `consent.recorded` event.
 */
export function recordConsent(d: Draft, c: ConsentCommand): void {
  const record: ConsentRecord = {
    given: c.given,
    by: c.by,
    ...(c.method !== undefined ? { method: c.method } : {}),
    ...(c.reason !== undefined ? { reason: c.reason } : {}),
    at: d.at,
  };
  if (!c.given) {
    // `act` already refused an answer on a case not awaiting consent (the state machine's record_consent edge).
    d.file.consent = record;
    pushConsentEvent(d, record);
    returnToCourt(d, `consent_refused: ${c.reason ?? `refused (recorded by ${c.by})`}`);
    return;
  }
  d.step('record_consent', { reason: `consent given (recorded by ${c.by}${c.method ? `, ${c.method}` : ''})` });
  d.file.consent = record;
  startClocks(d.file, d.at, d.ctx.config);
  pushConsentEvent(d, record);
}

/** The legal clocks of a consented case run from `at`. */
function startClocks(file: CaseFile, at: string, config: LifecycleConfig): void {
  file.termEndsAt = termEnd(file.channel, at, file.termExtensionDays, config);
  const attempt = file.attempts[file.attempts.length - 1];
  if (!attempt) return;
  attempt.startedAt = at;
  attempt.firstSessionTargetAt = firstSessionTarget(attempt.class, at, config);
}

function pushConsentEvent(d: Draft, r: ConsentRecord): void {
  d.events.push({
    type: 'consent.recorded',
    caseId: d.file.caseId,
    at: d.at,
    given: r.given,
    consentBy: r.by,
    ...(r.method !== undefined ? { method: r.method } : {}),
  });
}

/** When the clock returns the case to court for want of consent: the end of the wait while it awaits consent, null otherwise. */
export function consentExpiryAt(file: Pick<CaseFile, 'status' | 'referredAt' | 'backfill'>, config: LifecycleConfig): string | null {
  return file.status === 'awaiting_consent' ? consentWaitEndsAt(file, config) : null;
}

/** Returns a case still awaiting consent to court once the wait is over (run by the clock's tick). */
export function expireConsentWait(d: Draft): void {
  const ends = consentExpiryAt(d.file, d.ctx.config);
  if (ends === null || d.ctx.now.getTime() < Date.parse(ends)) return;
  returnToCourt(d, `${CONSENT_TIMEOUT}: no consent recorded within ${d.ctx.config.consentWaitDays} days`, 'clock');
}
