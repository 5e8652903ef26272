/**
 * How a legal deadline stands, for the board's rows and the case page's clocks: the urgency (for
 * colour) and the words that say the same without colour ("已超期2天", "还剩5小时"). Pure.
 */
import { formatTimeLeft, urgencyOf, type Urgency } from '../format';
import type { Locale } from '../locale-tag';

export interface DeadlineStanding {
  readonly urgency: Urgency;
  /** Time left or overdue, in words. */
  readonly words: string;
  /** Past, or less than three days left: the row stands out. */
  readonly standsOut: boolean;
}

export function deadlineStanding(iso: string, now: number, locale: Locale): DeadlineStanding {
  const urgency = urgencyOf(iso, now);
  return { urgency, words: formatTimeLeft(iso, now, locale), standsOut: urgency !== 'calm' };
}
