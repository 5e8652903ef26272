import { createHash } from 'node:crypto';

const CASE_ID = /^case_[0-9a-f]{20}$/;

/** Is `s` shaped like an id `caseIdFor` makes? */
export function isCaseId(s: string): boolean {
  return CASE_ID.test(s);
}

/** The case id for a referral: stable, so the same externalId is always the same case. */
export function caseIdFor(county: string, externalId: string): string {
  return 'case_' + createHash('sha256').update(`${county}\u0000${externalId}`).digest('hex').slice(0, 20);
}
