import { classify, type Case, type ClassSuggestion, type Referral } from '../../domain';
import { caseIdFor } from './case-id';
import type { DispatchConfig } from '../../domain/config/load';
import { indexCounty } from '../../domain/config/county-index';
import { DAY_MS } from '../../domain/time';
import { parseInstant } from '../../domain/instant';
import { awaitsConsent } from '../../domain/consent';
import type { CaseStatus } from '../../domain/case';

export type IntakeResult =
  | { readonly ok: true; readonly case: Case; readonly classification: ClassSuggestion }
  | { readonly ok: false; readonly field: 'village' | 'township' | 'referredAt'; readonly message: string };

/** Days from referral to deadline: the smaller of the class figure and the channel figure. */
export function deadlineDays(c: Pick<Case, 'class' | 'channel'>, config: DispatchConfig): number {
  const { byClass, byChannel } = config.tierRules.deadlineDays;
  return Math.min(byClass[c.class], byChannel[c.channel] ?? Infinity);
}

/**
 * Turns a validated referral into a waiting case: stable id from the externalId, class (given or
 * suggested by the rules), location (the village's when absent) and deadline (the referral's, or
 * from the tier rules). Unknown places are data errors, not exceptions.
 */
export function caseFromReferral(referral: Referral, config: DispatchConfig): IntakeResult {
  const county = indexCounty(config.county);
  const village = county.village(referral.village);
  if (!county.township(referral.township)) {
    return { ok: false, field: 'township', message: `unknown township "${referral.township}"` };
  }
  if (!village || village.township !== referral.township) {
    return { ok: false, field: 'village', message: `unknown village "${referral.village}" in township "${referral.township}"` };
  }
  // The schema admits only strict dates in range; checked again here because this is the line
  // that threw a RangeError (a 500) for "+275760-09-13T00:00:00Z" when the schema was lenient.
  const referredAt = parseInstant(referral.referredAt);
  if (referredAt === null) return { ok: false, field: 'referredAt', message: 'must be an RFC 3339 date-time in range' };
  const classification = classify(referral, config.classification);
  const cls = classification.class;
  const deadlineAt =
    referral.deadlineAt ?? new Date(referredAt + deadlineDays({ class: cls, channel: referral.channel }, config) * DAY_MS).toISOString();
  const c: Case = {
    ...referral,
    id: caseIdFor(config.county.county.id, referral.externalId),
    county: config.county.county.id,
    class: cls,
    classSource: classification.source,
    location: referral.location ?? village.location,
    deadlineAt,
    status: initialStatus(referral),
    assignment: null,
  };
  return { ok: true, case: c, classification };
}

/**
 * The state a new case enters: `awaiting_consent` for a court referral without consent (never
 * dispatched until POST /v1/cases/{id}/consent), `referred` (waiting for dispatch) otherwise.
 */
function initialStatus(referral: Pick<Referral, 'channel' | 'consent'>): CaseStatus {
  return awaitsConsent(referral) ? 'awaiting_consent' : 'referred';
}
