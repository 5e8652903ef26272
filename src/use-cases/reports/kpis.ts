import { FULFILMENT_MODES, type Fulfilment, type FulfilmentMode } from '../../domain/fulfilment';
import type { Attempt, CaseFile } from '../../domain/lifecycle-file';
import type { Session } from '../../domain/session';
import { itemAt } from '../../domain/indexed-access';
import type { Tier } from '../../domain/taxonomy';
import type { SubsidyConfig } from '../../domain/config/subsidy-config';
import { attemptSubsidy, type SubsidyCase } from '../../domain/lifecycle/subsidy';
import { KPI_DEFINITIONS } from './definitions';
import { DAY_MS } from '../../domain/time';

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
  readonly fulfilment: Pick<Fulfilment, 'mode' | 'dueAt' | 'fulfilledAt' | 'enforcementAt'> | null;
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
}

export interface FulfilmentFigure {
  readonly due: number;
  readonly fulfilled: number;
  readonly rate: number | null;
}

export interface KpiRow {
  readonly group: string;
  readonly referred: number;
  readonly settled: number;
  readonly returnedToCourt: number;
  readonly withdrawn: number;
  readonly successRate: number | null;
  readonly attemptsEnded: number;
  readonly attemptSuccessRate: number | null;
  readonly courtConcluded: number;
  readonly preLitigationRate: number | null;
  readonly lawsuits: number;
  readonly lawsuitsPer10k: number;
  readonly lawsuitsPer10kAnnualised: number;
  readonly firstSessions: number;
  readonly onTimeRate: number | null;
  readonly arrivals: number;
  readonly departmentsOnTimeRate: number | null;
  readonly daysToSettleMedian: number | null;
  readonly daysToSettleP90: number | null;
  readonly fulfilment: Readonly<Record<FulfilmentMode, FulfilmentFigure>>;
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
  readonly total: KpiRow;
  readonly rows: readonly KpiRow[];
  readonly mediators: readonly MediatorKpi[];
  readonly definitions: typeof KPI_DEFINITIONS;
}


/** Nearest-rank quantile of a sorted list. */
export function nearestRank(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return itemAt(sorted, Math.max(0, Math.ceil(q * sorted.length) - 1), 'sorted');
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

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

/** Accumulates raw counts for one group. */
class Tally {
  referred = 0;
  settled = 0;
  returned = 0;
  withdrawn = 0;
  attemptsEnded = 0;
  attemptsSettled = 0;
  courtConcluded = 0;
  courtMediated = 0;
  enforcement = 0;
  firstSessions = 0;
  firstOnTime = 0;
  arrivals = 0;
  arrivalsOnTime = 0;
  settleDays: number[] = [];
  due: Record<FulfilmentMode, number> = Object.fromEntries(FULFILMENT_MODES.map((m) => [m, 0])) as Record<FulfilmentMode, number>;
  fulfilled: Record<FulfilmentMode, number> = Object.fromEntries(FULFILMENT_MODES.map((m) => [m, 0])) as Record<FulfilmentMode, number>;

  row(group: string, population: number, days: number): KpiRow {
    const lawsuits = this.returned + this.enforcement;
    const per10k = (lawsuits / population) * 10_000;
    const sorted = [...this.settleDays].sort((a, b) => a - b);
    return {
      group,
      referred: this.referred,
      settled: this.settled,
      returnedToCourt: this.returned,
      withdrawn: this.withdrawn,
      successRate: ratio(this.settled, this.settled + this.returned),
      attemptsEnded: this.attemptsEnded,
      attemptSuccessRate: ratio(this.attemptsSettled, this.attemptsEnded),
      courtConcluded: this.courtConcluded,
      preLitigationRate: ratio(this.courtMediated, this.courtConcluded),
      lawsuits,
      lawsuitsPer10k: per10k,
      lawsuitsPer10kAnnualised: days > 0 ? (per10k * 365) / days : 0,
      firstSessions: this.firstSessions,
      onTimeRate: ratio(this.firstOnTime, this.firstSessions),
      arrivals: this.arrivals,
      departmentsOnTimeRate: ratio(this.arrivalsOnTime, this.arrivals),
      daysToSettleMedian: nearestRank(sorted, 0.5),
      daysToSettleP90: nearestRank(sorted, 0.9),
      fulfilment: Object.fromEntries(
        FULFILMENT_MODES.map((m) => [m, { due: this.due[m], fulfilled: this.fulfilled[m], rate: ratio(this.fulfilled[m], this.due[m]) }]),
      ) as Record<FulfilmentMode, FulfilmentFigure>,
    };
  }
}

/** The centre's indicators over a period, from case files alone; see KPI_DEFINITIONS. */
export function computeKpis(input: KpiInput): KpiReport {
  const from = input.from.getTime();
  const to = input.to.getTime();
  const within = (iso: string | undefined): boolean => iso !== undefined && Date.parse(iso) >= from && Date.parse(iso) < to;
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
    const cg = tallyOf(caseGroups(f, input));
    const returnedAt = terminalAt(f, 'return_to_court');
    const withdrawnAt = terminalAt(f, 'withdraw');
    const settledAt = f.settlement?.at;
    const mediated = f.sessions.some((s) => s.status === 'held');
    for (const t of cg) {
      if (within(f.referredAt)) t.referred += 1;
      if (settledAt !== undefined && within(settledAt)) {
        t.settled += 1;
        t.settleDays.push((Date.parse(settledAt) - Date.parse(f.referredAt)) / DAY_MS);
      }
      if (within(returnedAt)) t.returned += 1;
      if (within(withdrawnAt)) t.withdrawn += 1;
      if (f.channel === 'court' && (within(settledAt) || within(returnedAt) || within(withdrawnAt))) {
        t.courtConcluded += 1;
        if (mediated) t.courtMediated += 1;
      }
      if (within(f.fulfilment?.enforcementAt)) t.enforcement += 1;
      const fu = f.fulfilment;
      if (fu) {
        const onTime = fu.fulfilledAt !== undefined && Date.parse(fu.fulfilledAt) <= Date.parse(fu.dueAt);
        const missedDue = within(fu.dueAt) && !onTime;
        if (within(fu.fulfilledAt) || within(fu.enforcementAt) || missedDue) {
          t.due[fu.mode] += 1;
          if (onTime && within(fu.fulfilledAt)) t.fulfilled[fu.mode] += 1;
        }
      }
    }
    for (const a of f.attempts) {
      // An attempt that ended with a mediation held: settled, failed, or sent back to court mid-way.
      const mediatedEnd = a.outcome === 'settled' || a.outcome === 'failed' || (a.outcome === 'returned_to_court' && a.firstSessionAt !== undefined);
      if (mediatedEnd && within(a.endedAt)) {
        for (const t of tallyOf(attemptGroups(f, a, input))) {
          t.attemptsEnded += 1;
          if (a.outcome === 'settled') t.attemptsSettled += 1;
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

  const days = (to - from) / DAY_MS;
  const population = input.population ?? 170_000;
  const popOf = (g: string) => (input.by === 'township' ? (input.townshipPopulation?.(g) ?? population) : population);
  const rows = [...tallies].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([g, t]) => t.row(g, popOf(g), days));
  return {
    from: input.from.toISOString(),
    to: input.to.toISOString(),
    days,
    by: input.by ?? null,
    population,
    total: total.row('total', population, days),
    rows,
    mediators: mediatorTable(input, within),
    definitions: KPI_DEFINITIONS,
  };
}

function mediatorTable(input: KpiInput, within: (iso: string | undefined) => boolean): MediatorKpi[] {
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
