import type { Backfill, Case } from '../../domain';
import { DAY_MS } from '../../domain/time';

/** How far from "now" a referral's date may lie (issue 16: intake that cannot be fooled). */
export interface ReferralWindow {
  /** The moment intake is judged against; injected so tests can fix it. */
  readonly now: Date;
  /** Oldest accepted referral, in days before `now` (REFERRAL_MAX_AGE_DAYS). @defaultValue 30 */
  readonly maxAgeDays: number;
  /** Tolerated clock difference for a referral dated after `now`, ms. @defaultValue 300000 (5 minutes) */
  readonly futureSkewMs?: number;
  /** An admin's import of history: the age limit does not apply (the future limit still does). */
  readonly backfill: boolean;
}

/** The skew between the sender's clock and ours that a referral dated "now" may carry. */
export const DEFAULT_FUTURE_SKEW_MS = 5 * 60_000;

/**
 * Why `referredAt` lies outside the window, or null when it is inside. A referral from the future
 * is never right (it would start the legal clock late); an old one would start it already expired,
 * so only an import of history (backfill) may bring one.
 */
export function referredAtOutsideWindow(
  referredAt: number,
  w: ReferralWindow,
): { readonly kind: 'future' | 'too_old'; readonly reason: string } | null {
  const now = w.now.getTime();
  const skew = w.futureSkewMs ?? DEFAULT_FUTURE_SKEW_MS;
  if (referredAt > now + skew) {
    return { kind: 'future', reason: `lies in the future (more than ${skew / 60_000} minutes after the server's time)` };
  }
  if (!w.backfill && referredAt < now - w.maxAgeDays * DAY_MS) {
    return {
      kind: 'too_old',
      reason: `is more than ${w.maxAgeDays} days old (REFERRAL_MAX_AGE_DAYS); an admin imports history with backfill=true`,
    };
  }
  return null;
}

/** The mark of a case imported from history at `now`: overdue when its deadline had passed. */
export function backfillMark(c: Pick<Case, 'deadlineAt'>, now: Date): Backfill {
  return { importedAt: now.toISOString(), overdueAtImport: Date.parse(c.deadlineAt) <= now.getTime() };
}
