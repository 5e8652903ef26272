import { createHash, randomBytes } from 'node:crypto';

/**
 * The secret URLs of mediators' calendar feeds, for one county. Only the SHA-256 of a token is
 * kept: a copy of the store does not open anyone's calendar. One token per mediator; issuing
 * another replaces it (the old URL stops working).
 */
export interface CalendarFeedTokens {
  /** Makes `tokenHash` the mediator's one feed token, replacing any earlier one. */
  replace(mediatorId: string, tokenHash: string): Promise<void>;
  /** Forgets the mediator's token; false when there was none. */
  revoke(mediatorId: string): Promise<boolean>;
  /** The mediator whose token hashes to `tokenHash`, if any. */
  mediatorOf(tokenHash: string): Promise<string | undefined>;
}

/** A token names its county (county ids have no '.') and carries 256 random bits. */
const TOKEN = /^([a-z0-9][a-z0-9_-]{0,62})\.([A-Za-z0-9_-]{43})$/;

/** The SHA-256 (hex) a token is stored under. */
export function feedTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Issues a new secret token for the mediator's feed (the old one stops working) and returns it. */
export async function issueFeedToken(store: CalendarFeedTokens, county: string, mediatorId: string): Promise<string> {
  const token = `${county}.${randomBytes(32).toString('base64url')}`;
  await store.replace(mediatorId, feedTokenHash(token));
  return token;
}

/** Whose feed a presented token opens: county and mediator, or undefined for a malformed, unknown or revoked token. */
export async function resolveFeedToken(
  token: string,
  storeOf: (county: string) => CalendarFeedTokens,
): Promise<{ readonly county: string; readonly mediatorId: string } | undefined> {
  const county = TOKEN.exec(token)?.[1];
  if (county === undefined) return undefined;
  const mediatorId = await storeOf(county).mediatorOf(feedTokenHash(token));
  return mediatorId === undefined ? undefined : { county, mediatorId };
}
