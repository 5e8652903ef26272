import type { Fulfilment } from '../../domain/fulfilment';
import type { Attempt, CaseFile } from '../../domain/lifecycle-file';
import type { Session } from '../../domain/session';
import { itemAt } from '../../domain/indexed-access';
import type { Tier } from '../../domain/taxonomy';
import type { SubsidyConfig } from '../../domain/config/subsidy-config';
import { attemptSubsidy, type SubsidyCase } from '../../domain/lifecycle/subsidy';
import { DAY_MS } from '../../domain/time';
import { settlementQuality } from './quality';
import type { Tally } from './tally';

export const KPI_GROUPINGS = ['township', 'tier', 'category', 'mediator', 'channel', 'class'] as const;
export type KpiGrouping = (typeof KPI_GROUPINGS)[number];

/** What the report reads of an attempt. */
type KpiAttempt = Omit<Attempt, 'startedAt'>;

/**
 * What the report reads of a case: a full `CaseFile` and an archived record (`ArchivedCase`) both
 * qualify, so archiving a closed case leaves every figure as it was.
 */
export interface KpiCase extends SubsidyCase {
  readonly channel: CaseFile['channel'];
  readonly category: CaseFile['category'];
  readonly township: string;
  readonly referredAt: string;
  readonly attempts: readonly KpiAttempt[];
  readonly sessions: readonly (Pick<Session, 'attempt' | 'status' | 'heldAt'> & { readonly arrivals: readonly { readonly onTime: boolean }[] })[];
  readonly settlement: { readonly at: string } | null;
  readonly fulfilment: Pick<Fulfilment, 'mode' | 'dueAt' | 'fulfilledAt' | 'enforcementAt' | 'litigationAt'> | null;
  readonly history: readonly { readonly action: string; readonly at: string }[];
}

/** How a report groups its rows. */
export interface Grouping {
  /** @defaultValue no grouping: the total only */
  readonly by?: KpiGrouping | undefined;
  readonly mediator: (id: string) => { readonly tier: Tier } | undefined;
}

/**
 * Whether an instant falls in the report's period. Every rule of the report asks it of exactly the
 * instant its count hangs on, so counting-instants.ts can learn, by asking the rules, when a case
 * can count at all.
 */
export type Within = (iso: string | undefined) => boolean;

/** The tallies a count goes to: the total and those of the given groups. */
export type TalliesOf = (groups: readonly string[]) => readonly Tally[];

/** What one case's count depends on besides the case. */
export interface CaseTallyContext {
  readonly grouping: Grouping;
  readonly within: Within;
  readonly windowDays: number;
  /** The instant quality windows are judged at (ms). */
  readonly asOf: number;
  readonly tallyOf: TalliesOf;
}

/** The attempt that concluded the case (or is under way): the last one with seats, else the last. */
function decisiveAttempt(f: KpiCase): KpiAttempt {
  return [...f.attempts].reverse().find((a) => a.mediatorIds.length > 0) ?? itemAt(f.attempts, f.attempts.length - 1, 'attempts');
}

function terminalAt(f: KpiCase, action: 'return_to_court' | 'withdraw'): string | undefined {
  return f.history.find((h) => h.action === action)?.at;
}

function attemptGroups(f: KpiCase, a: KpiAttempt, g: Grouping): string[] {
  switch (g.by) {
    case undefined:
      return [];
    case 'township':
      return [f.township];
    case 'category':
      return [f.category];
    case 'channel':
      return [f.channel];
    // The attempt's class: a case escalated mid-way counts its earlier attempts at their own class.
    case 'class':
      return [a.class];
    case 'tier': {
      const lead = a.mediatorIds[0];
      return [lead ? (g.mediator(lead)?.tier ?? 'unknown') : 'unassigned'];
    }
    case 'mediator':
      return a.mediatorIds.length > 0 ? [...a.mediatorIds] : ['unassigned'];
  }
}

/** The case-level counts of one case: referral, conclusion, quality, fulfilment. */
function tallyCaseLevel(f: KpiCase, t: Tally, { within, windowDays, asOf }: CaseTallyContext): void {
  const returnedAt = terminalAt(f, 'return_to_court');
  const withdrawnAt = terminalAt(f, 'withdraw');
  const settledAt = f.settlement?.at;
  // Mediation began: a session was held (a withdrawal before that never reached mediation).
  const mediated = f.sessions.some((s) => s.status === 'held');
  const court = f.channel === 'court';
  if (within(f.referredAt)) t.referred += 1;
  if (settledAt !== undefined && within(settledAt)) {
    t.settled += 1;
    t.settleDays.push((Date.parse(settledAt) - Date.parse(f.referredAt)) / DAY_MS);
    if (court) t.courtSettled += 1;
    const q = settlementQuality(f, windowDays, asOf);
    if (q === 'pending') t.qualityPending += 1;
    else {
      t.qualityCounted += 1;
      if (q === 'high') t.qualityHigh += 1;
    }
  }
  if (within(returnedAt)) t.returned += 1;
  if (within(withdrawnAt)) {
    t.withdrawn += 1;
    if (mediated) t.withdrawnMediated += 1;
  }
  if (court && (within(settledAt) || within(returnedAt) || (mediated && within(withdrawnAt)))) t.courtConcluded += 1;
  const fu = f.fulfilment;
  if (fu) {
    const onTime = fu.fulfilledAt !== undefined && Date.parse(fu.fulfilledAt) <= Date.parse(fu.dueAt);
    const missedDue = within(fu.dueAt) && !onTime;
    if (within(fu.fulfilledAt) || within(fu.enforcementAt) || within(fu.litigationAt) || missedDue) {
      t.due[fu.mode] += 1;
      if (onTime && within(fu.fulfilledAt)) t.fulfilled[fu.mode] += 1;
    }
  }
}

/** Counts one case into the tallies of its groups: case-level, per attempt, per held session. */
export function tallyCase(f: KpiCase, ctx: CaseTallyContext): void {
  const { within, grouping, tallyOf } = ctx;
  for (const t of tallyOf(attemptGroups(f, decisiveAttempt(f), grouping))) tallyCaseLevel(f, t, ctx);
  for (const a of f.attempts) {
    // An attempt that ended with a mediation held: settled, failed, or sent back to court mid-way.
    const mediatedEnd = a.outcome === 'settled' || a.outcome === 'failed' || (a.outcome === 'returned_to_court' && a.firstSessionAt !== undefined);
    if (mediatedEnd && within(a.endedAt)) {
      for (const t of tallyOf(attemptGroups(f, a, grouping))) {
        t.attemptsEnded += 1;
        if (a.outcome === 'settled') t.attemptsSettled += 1;
        if (f.channel === 'court') {
          t.courtAttemptsEnded += 1;
          if (a.outcome === 'settled') t.courtAttemptsSettled += 1;
        }
      }
    }
    const firstSessionAt = a.firstSessionAt;
    if (firstSessionAt === undefined || !within(firstSessionAt)) continue;
    for (const t of tallyOf(attemptGroups(f, a, grouping))) {
      t.firstSessions += 1;
      if (Date.parse(firstSessionAt) <= Date.parse(a.firstSessionTargetAt)) t.firstOnTime += 1;
    }
  }
  for (const s of f.sessions) {
    if (s.status !== 'held' || !within(s.heldAt)) continue;
    const a = f.attempts.find((x) => x.number === s.attempt) ?? decisiveAttempt(f);
    for (const t of tallyOf(attemptGroups(f, a, grouping))) {
      t.arrivals += s.arrivals.length;
      t.arrivalsOnTime += s.arrivals.filter((x) => x.onTime).length;
    }
  }
}

/** Seats and subsidy per mediator, accumulated over cases. */
export interface MediatorTally {
  readonly seats: Map<string, number>;
  readonly subsidy: Map<string, number>;
}

/**
 * One case's seats (attempts assigned in the period) and subsidy (attempts ended in it) per
 * mediator; `subsidy` null counts seats only.
 */
export function tallyMediators(f: KpiCase, within: Within, subsidy: SubsidyConfig | null, into: MediatorTally): void {
  for (const a of f.attempts) {
    if (within(a.assignedAt)) for (const m of a.mediatorIds) into.seats.set(m, (into.seats.get(m) ?? 0) + 1);
    // The period first: the instant an attempt's subsidy counts at does not depend on the subsidy table.
    if (!within(a.endedAt) || subsidy === null) continue;
    const e = attemptSubsidy(f, a, subsidy);
    if (e) for (const m of e.mediatorIds) into.subsidy.set(m, (into.subsidy.get(m) ?? 0) + e.yuan / e.mediatorIds.length);
  }
}
