import { DAY_MS } from '../../domain/time';

/** What the quality rule reads of a settled case. */
export interface QualityCase {
  readonly settlement: { readonly at: string } | null;
  readonly fulfilment: {
    readonly fulfilledAt?: string | undefined;
    readonly enforcementAt?: string | undefined;
    readonly litigationAt?: string | undefined;
  } | null;
  readonly history: readonly { readonly action: string; readonly at: string }[];
}

/**
 * 优质率 of one settled case (the account gives no definition; this is the project's): `pending`
 * while its window (settlement + `windowDays`) has not ended by `asOf`; else `high` when the
 * agreement was fulfilled within the window, was not sent to compulsory enforcement (nor, unconfirmed, back to
 * litigation) within it and
 * the case did not go back to court within it; else `not_high`. A case without a settlement is
 * `not_settled`. Complaints and petitions after settlement are not recorded by this version, so
 * they cannot count yet.
 */
export function settlementQuality(c: QualityCase, windowDays: number, asOf: number): 'not_settled' | 'pending' | 'high' | 'not_high' {
  if (!c.settlement) return 'not_settled';
  const settledAt = Date.parse(c.settlement.at);
  const windowEnd = settledAt + windowDays * DAY_MS;
  if (windowEnd > asOf) return 'pending';
  const inWindow = (iso: string | undefined): boolean => iso !== undefined && Date.parse(iso) >= settledAt && Date.parse(iso) <= windowEnd;
  const fulfilled = inWindow(c.fulfilment?.fulfilledAt);
  const enforced = inWindow(c.fulfilment?.enforcementAt) || inWindow(c.fulfilment?.litigationAt);
  const backToCourt = c.history.some((h) => h.action === 'return_to_court' && inWindow(h.at));
  return fulfilled && !enforced && !backToCourt ? 'high' : 'not_high';
}
