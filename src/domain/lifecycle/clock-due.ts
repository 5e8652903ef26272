import type { CaseFile } from '../lifecycle-file';
import type { DeadlineKind } from '../lifecycle-event';
import type { LifecycleConfig } from '../config/lifecycle-config';
import { earliestInSpans, type TimeSpan } from '../time-spans';
import { announcedVisits, followUpKey, liveDeadlines, overdueKey, termReturnAt, warningFrom, warningKey } from './clock';
import { consentExpiryAt } from './consent';

/** Which of the clock's rules acts first on a case (see `tick`). */
export type ClockRule =
  | { readonly rule: 'warning'; readonly kind: DeadlineKind; readonly hoursBefore: number }
  | { readonly rule: 'overdue'; readonly kind: DeadlineKind }
  | { readonly rule: 'follow_up_due' }
  | { readonly rule: 'term_return' }
  | { readonly rule: 'consent_wait' };

/** When the clock next changes a case, and by which rule. */
export interface ClockDue {
  readonly at: Date;
  readonly by: ClockRule;
}

type RuleSpan = TimeSpan & { readonly by: ClockRule };

/**
 * The instant the legal clock next has work on a case: the earliest `now` (at or after
 * `notBefore`) at which `tick(file, { now, config })` changes the file, or null when no tick ever
 * will (a closed case with nothing pending). Exact both ways: a tick at any earlier instant (from
 * `notBefore`) changes nothing, and a tick at the instant changes the file.
 *
 * A warning is raised only before its deadline, so a warning the clock skipped (it first ran past
 * the deadline, or the case was imported after it) is still unraised yet can only fire at an
 * instant already past. Without `notBefore` such a case keeps a due instant in the past until the
 * deadline leaves the case; give the time of the latest tick (or command) as `notBefore` so that a
 * ledger column holds the next instant the clock can actually act. So kept, the cases with
 * `clock_due_at <= now` include every case a tick at `now` changes; one read whose tick changes
 * nothing (a warning span that closed before the run) gets its column rewritten from `now`. The
 * instant depends on `config` (warning hours, grace and wait days): recompute when it changes.
 *
 * @param notBefore - the earliest instant considered. @defaultValue none: all of time
 */
export function clockDue(file: CaseFile, config: LifecycleConfig, notBefore?: Date): ClockDue | null {
  const first = earliestInSpans(clockSpans(file, config), notBefore?.getTime());
  return first && { at: new Date(first.at), by: first.span.by };
}

/** `clockDue`'s instant alone: what a ledger stores as `clock_due_at`. */
export function clockDueAt(file: CaseFile, config: LifecycleConfig, notBefore?: Date): Date | null {
  return clockDue(file, config, notBefore)?.at ?? null;
}

/** The spans of time in which each of `tick`'s rules would change the file, from the clock's own rules. */
function clockSpans(file: CaseFile, config: LifecycleConfig): RuleSpan[] {
  const raised = new Set(file.raised);
  const spans: RuleSpan[] = [];
  for (const dl of liveDeadlines(file, config.followUpGraceDays)) {
    const due = Date.parse(dl.at);
    if (!raised.has(overdueKey(dl))) spans.push({ from: due, until: Infinity, by: { rule: 'overdue', kind: dl.kind } });
    for (const h of config.warningHoursBefore[dl.kind]) {
      if (!raised.has(warningKey(dl, h)))
        spans.push({ from: warningFrom(due, h), until: due, by: { rule: 'warning', kind: dl.kind, hoursBefore: h } });
    }
  }
  for (const v of announcedVisits(file)) {
    if (!raised.has(followUpKey(v))) spans.push({ from: Date.parse(v.at), until: Infinity, by: { rule: 'follow_up_due' } });
  }
  const termReturn = termReturnAt(file);
  if (termReturn !== null) spans.push({ from: Date.parse(termReturn), until: Infinity, by: { rule: 'term_return' } });
  const consentExpiry = consentExpiryAt(file, config);
  if (consentExpiry !== null) spans.push({ from: Date.parse(consentExpiry), until: Infinity, by: { rule: 'consent_wait' } });
  return spans;
}
