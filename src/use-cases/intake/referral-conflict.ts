import { isDeepStrictEqual } from 'node:util';
import { ReferralSchema, type Case, type Referral } from '../../domain';

/** The fields a sender writes on a referral (new referral fields join automatically). */
const REFERRAL_FIELDS: readonly string[] = Object.keys(ReferralSchema.shape);

/** A value as it reads back from storage (JSON drops `undefined` members). */
const asStored = (v: unknown): unknown => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

/**
 * The referral fields on which a re-posted referral differs from the case its externalId already
 * made, by name only — the values may be party data and are never echoed.
 *
 * The fields the sender wrote are compared first. Fields intake derives when they are absent
 * (class, location, deadline) follow from the others, so a changed category would also change the
 * suggested class: they are named only when nothing the sender wrote differs (e.g. a class or
 * deadline given the first time and left out now). The same referral sent again, with or without
 * the defaults spelled out, differs nowhere.
 */
export function differingFields(stored: Readonly<Record<string, unknown>>, fresh: Case, sent: Referral): string[] {
  const now = fresh as unknown as Readonly<Record<string, unknown>>;
  const written = sent as unknown as Readonly<Record<string, unknown>>;
  const differs = (f: string) => !isDeepStrictEqual(asStored(stored[f]), asStored(now[f]));
  const direct = REFERRAL_FIELDS.filter((f) => written[f] !== undefined && differs(f));
  return direct.length > 0 ? direct : REFERRAL_FIELDS.filter(differs);
}
