import type { Fulfilment } from '../../domain/fulfilment';
import type { CourtMonth } from '../../domain/court-figures';
import type { Attempt, CaseFile } from '../../domain/lifecycle-file';
import type { Session } from '../../domain/session';
import { itemAt } from '../../domain/indexed-access';
import type { Tier } from '../../domain/taxonomy';
import type { SubsidyConfig } from '../../domain/config/subsidy-config';
import { DEFAULT_QUALITY_WINDOW_DAYS } from '../../domain/config/indicator-settings';
import { attemptSubsidy, type SubsidyCase } from '../../domain/lifecycle/subsidy';
import { KPI_DEFINITIONS } from './definitions';
import { DAY_MS } from '../../domain/time';
import { courtFiguresOver, type CourtPeriodFigures } from './court-period';
import { settlementQuality } from './quality';
import { Tally, type KpiRow } from './tally';
import type { SummonsArrivalFigure } from './arrival-slot';

export type { KpiRow } from './tally';

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

export interface KpiInput {
  /** Case files, and archived records of closed cases. */
  readonly files: readonly KpiCase[];
  readonly from: Date;
  readonly to: Date;
  /** @defaultValue no grouping: the total only */
  readonly by?: KpiGrouping;
  readonly mediator: (id: string) => { readonly tier: Tier; readonly organization: string } | undefined;
  /** County inhabitants. @defaultValue 170000 */
  readonly population?: number;
  readonly townshipPopulation?: (township: string) => number | undefined;
  readonly subsidy: SubsidyConfig;
  /** The court's monthly figures held for the county (万人成讼率, 诉前调解率). @defaultValue none: both null, with the reason */
  readonly courtMonths?: readonly CourtMonth[];
  /** Days after settlement that decide 优质率. @defaultValue 90 */
  readonly qualityWindowDays?: number;
  /** The instant quality windows are judged at (a window ending later is pending). @defaultValue `to` */
  readonly asOf?: Date;
  /**
   * 按时到位率 from summonses (issue 17 part 1, `summons-arrival.ts`), when wired; until then the
   * report shows the arrivals recorded at sessions, labelled as such. @defaultValue not wired
   */
  readonly summonsArrival?: (from: Date, to: Date) => SummonsArrivalFigure;
}

export interface MediatorKpi {
  readonly mediatorId: string;
  readonly tier: Tier | 'unknown';
  readonly organization: string;
  readonly seats: number;
  readonly subsidyYuan: number;
}

export interface KpiReport {
  readonly from: string;
  readonly to: string;
  readonly days: number;
  /** `month`: rows are the local months of the period (monthly-kpis.ts). */
  readonly by: KpiGrouping | 'month' | null;
  readonly population: number;
  readonly qualityWindowDays: number;
  /** The court's figures behind the total, or the months missing. */
  readonly court: CourtPeriodFigures;
  /** 按时到位率 from summonses when wired (else null: the total's departmentsOnTimeRate is what sessions recorded). */
  readonly summonsArrival: SummonsArrivalFigure | null;
  readonly total: KpiRow;
  readonly rows: readonly KpiRow[];
  readonly mediators: readonly MediatorKpi[];
  readonly definitions: typeof KPI_DEFINITIONS;
}

export { nearestRank } from './tally';

/** The attempt that concluded the case (or is under way): the last one with seats, else the last. */
function decisiveAttempt(f: KpiCase): KpiAttempt {
  return [...f.attempts].reverse().find((a) => a.mediatorIds.length > 0) ?? itemAt(f.attempts, f.attempts.length - 1, 'attempts');
}

function terminalAt(f: KpiCase, action: 'return_to_court' | 'withdraw'): string | undefined {
  return f.history.find((h) => h.action === action)?.at;
}

/** Case-level groups of a case; attempt-level figures use `attemptGroups`. */
function caseGroups(f: KpiCase, input: KpiInput): string[] {
  return attemptGroups(f, decisiveAttempt(f), input);
}

function attemptGroups(f: KpiCase, a: KpiAttempt, input: KpiInput): string[] {
  switch (input.by) {
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
      return [lead ? (input.mediator(lead)?.tier ?? 'unknown') : 'unassigned'];
    }
    case 'mediator':
      return a.mediatorIds.length > 0 ? [...a.mediatorIds] : ['unassigned'];
  }
}

type Within = (iso: string | undefined) => boolean;

/** The case-level counts of one case: referral, conclusion, quality, fulfilment. */
function tallyCase(f: KpiCase, t: Tally, within: Within, windowDays: number, asOf: number): void {
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

/** The centre's indicators over a period, from case files and the court's figures; see KPI_DEFINITIONS. */
export function computeKpis(input: KpiInput): KpiReport {
  const from = input.from.getTime();
  const to = input.to.getTime();
  const within: Within = (iso) => iso !== undefined && Date.parse(iso) >= from && Date.parse(iso) < to;
  const windowDays = input.qualityWindowDays ?? DEFAULT_QUALITY_WINDOW_DAYS;
  const asOf = Math.min(to, (input.asOf ?? input.to).getTime());
  const tallies = new Map<string, Tally>();
  const total = new Tally();
  const tallyOf = (groups: readonly string[]): Tally[] => [
    total,
    ...groups.map((g) => {
      let t = tallies.get(g);
      if (!t) tallies.set(g, (t = new Tally()));
      return t;
    }),
  ];

  for (const f of input.files) {
    for (const t of tallyOf(caseGroups(f, input))) tallyCase(f, t, within, windowDays, asOf);
    for (const a of f.attempts) {
      // An attempt that ended with a mediation held: settled, failed, or sent back to court mid-way.
      const mediatedEnd = a.outcome === 'settled' || a.outcome === 'failed' || (a.outcome === 'returned_to_court' && a.firstSessionAt !== undefined);
      if (mediatedEnd && within(a.endedAt)) {
        for (const t of tallyOf(attemptGroups(f, a, input))) {
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
      for (const t of tallyOf(attemptGroups(f, a, input))) {
        t.firstSessions += 1;
        if (Date.parse(firstSessionAt) <= Date.parse(a.firstSessionTargetAt)) t.firstOnTime += 1;
      }
    }
    for (const s of f.sessions) {
      if (s.status !== 'held' || !within(s.heldAt)) continue;
      const a = f.attempts.find((x) => x.number === s.attempt) ?? decisiveAttempt(f);
      for (const t of tallyOf(attemptGroups(f, a, input))) {
        t.arrivals += s.arrivals.length;
        t.arrivalsOnTime += s.arrivals.filter((x) => x.onTime).length;
      }
    }
  }

  const population = input.population ?? 170_000;
  const court = courtFiguresOver(input.courtMonths ?? [], input.from, input.to);
  const period = { from: input.from, to: input.to };
  const popOf = (g: string) => (input.by === 'township' ? input.townshipPopulation?.(g) : population);
  const rows = [...tallies]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    // The court reports county-wide figures only: no 万人成讼率 or 诉前调解率 per township, class, ….
    .map(([g, t]) => t.row(g, { ...period, population: popOf(g), court: null }));
  return {
    from: input.from.toISOString(),
    to: input.to.toISOString(),
    days: (to - from) / DAY_MS,
    by: input.by ?? null,
    population,
    qualityWindowDays: windowDays,
    court,
    summonsArrival: input.summonsArrival ? input.summonsArrival(input.from, input.to) : null,
    total: total.row('total', { ...period, population, court }),
    rows,
    mediators: mediatorTable(input, within),
    definitions: KPI_DEFINITIONS,
  };
}

function mediatorTable(input: KpiInput, within: Within): MediatorKpi[] {
  const seats = new Map<string, number>();
  const subsidy = new Map<string, number>();
  for (const f of input.files) {
    for (const a of f.attempts) {
      if (within(a.assignedAt)) for (const m of a.mediatorIds) seats.set(m, (seats.get(m) ?? 0) + 1);
      const e = attemptSubsidy(f, a, input.subsidy);
      if (e && within(a.endedAt)) for (const m of e.mediatorIds) subsidy.set(m, (subsidy.get(m) ?? 0) + e.yuan / e.mediatorIds.length);
    }
  }
  const ids = [...new Set([...seats.keys(), ...subsidy.keys()])].sort();
  return ids.map((id) => {
    const m = input.mediator(id);
    return { mediatorId: id, tier: m?.tier ?? 'unknown', organization: m?.organization ?? 'unknown', seats: seats.get(id) ?? 0, subsidyYuan: subsidy.get(id) ?? 0 };
  });
}
