import { createHash } from 'node:crypto';

/** The case id for a referral: stable, so the same externalId is always the same case. */
export function caseIdFor(county: string, externalId: string): string {
  return 'case_' + createHash('sha256').update(`${county}\u0000${externalId}`).digest('hex').slice(0, 20);
}
