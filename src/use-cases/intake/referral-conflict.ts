import { isDeepStrictEqual } from 'node:util';
import { ReferralSchema, type Case } from '../../domain';

/** The fields a sender writes on a referral (new referral fields join automatically). */
const REFERRAL_FIELDS: readonly string[] = Object.keys(ReferralSchema.shape);

/** A value as it reads back from storage (JSON drops `undefined` members). */
const asStored = (v: unknown): unknown => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

/**
 * The referral fields on which a re-posted referral differs from the case its externalId already
 * made, by name only — the values may be party data and are never echoed. Derived fields
 * (class when suggested, location when absent, deadline) are compared as intake derived them, so
 * the same referral sent again, with or without the defaults spelled out, differs nowhere.
 */
export function differingFields(stored: Readonly<Record<string, unknown>>, fresh: Case): string[] {
  const now = fresh as unknown as Readonly<Record<string, unknown>>;
  return REFERRAL_FIELDS.filter((f) => !isDeepStrictEqual(asStored(stored[f]), asStored(now[f])));
}
