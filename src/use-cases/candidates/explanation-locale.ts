import type { Assignment, Explanation } from '../../domain';
import type { Locale } from '../../domain/i18n/locale';

/**
 * Explanations as a reply gives them: the stored words in every language stay, and `summary` and
 * `reasons` are those of the request's language, so a client reads one field whichever it asked for.
 */

/** The explanation with `summary` and `reasons` in the locale (unchanged when it has no words: older than issue 16). */
export function explanationIn(e: Explanation, locale: Locale): Explanation {
  const words = e.words?.[locale];
  return words ? { ...e, summary: words.summary, reasons: [...words.reasons] } : e;
}

/** A case (or any record with an assignment) with each seat's explanation in the locale. */
export function withExplanationsIn<T extends { readonly assignment?: Assignment | null }>(record: T, locale: Locale): T {
  const a = record.assignment;
  if (!a) return record;
  const seats = a.seats.map((s) => (s.explanation ? { ...s, explanation: explanationIn(s.explanation, locale) } : s));
  return { ...record, assignment: { ...a, seats } };
}
