/**
 * A half-open span of instants `[from, until)` in epoch milliseconds during which a clock rule
 * would act; `until` is `Infinity` for a rule that, once due, stays due until it has acted.
 */
export interface TimeSpan {
  readonly from: number;
  readonly until: number;
}

/**
 * The earliest whole millisecond at or after `notBefore` that lies in one of the spans, with the
 * span it lies in (the first listed on a tie), or null when none does. Whole milliseconds because
 * a `Date` holds nothing finer: a span starting at 10.4 ms is first reached at 11 ms. A span with
 * a NaN bound (an unparsable instant) is never reached, as the clocks' own comparisons never are.
 */
export function earliestInSpans<S extends TimeSpan>(
  spans: readonly S[],
  notBefore = -Infinity,
): { readonly at: number; readonly span: S } | null {
  let best: { at: number; span: S } | null = null;
  for (const span of spans) {
    const at = Math.max(Math.ceil(span.from), notBefore);
    if (at < span.until && (best === null || at < best.at)) best = { at, span };
  }
  return best;
}
