import { FULFILMENT_MODES, type FulfilmentMode } from '../../domain/fulfilment';
import { itemAt } from '../../domain/indexed-access';
import { DAY_MS } from '../../domain/time';
import { lawsuitsPer10kPerYear, type CourtPeriodFigures } from './court-period';

export interface FulfilmentFigure {
  readonly due: number;
  readonly fulfilled: number;
  readonly rate: number | null;
}

/** One row of the report: a group's figures (see KPI_DEFINITIONS for each). */
export interface KpiRow {
  readonly group: string;
  readonly referred: number;
  readonly settled: number;
  readonly returnedToCourt: number;
  readonly withdrawn: number;
  readonly withdrawnAfterMediation: number;
  /** Cases whose mediation concluded: settled + returned to court + withdrawn after mediation began. */
  readonly concluded: number;
  /** 调处成功率, case-level (the headline): settled ÷ concluded. */
  readonly successRate: number | null;
  readonly attemptsEnded: number;
  readonly attemptsSettled: number;
  readonly attemptSuccessRate: number | null;
  readonly courtConcluded: number;
  readonly courtSettled: number;
  /** Case-level success of court-referred cases (the county's "72%"). */
  readonly courtSuccessRate: number | null;
  readonly courtAttemptsEnded: number;
  readonly courtAttemptsSettled: number;
  readonly courtAttemptSuccessRate: number | null;
  /** Civil/commercial filings in the court (from its figures); null by township, class, … or without figures. */
  readonly lawsuits: number | null;
  readonly courtTransferred: number | null;
  readonly courtFiledDirectly: number | null;
  /** 诉前调解率 from the court's figures. */
  readonly preLitigationRate: number | null;
  /** 万人成讼率 over the period as it is, not annualised. */
  readonly lawsuitsPer10k: number | null;
  /** 万人成讼率 per year (the assessed figure). */
  readonly lawsuitsPer10kAnnualised: number | null;
  /** Disputes referred per 10,000 inhabitants a year (the township's population by township). */
  readonly referredPer10kAnnualised: number | null;
  readonly firstSessions: number;
  readonly onTimeRate: number | null;
  readonly arrivals: number;
  readonly arrivalsOnTime: number;
  /** Departments recorded as on time at sessions (until the summons figure replaces it as 按时到位率). */
  readonly departmentsOnTimeRate: number | null;
  /** Settlements of the period whose quality window has ended. */
  readonly qualityCounted: number;
  readonly qualityHigh: number;
  /** Settlements of the period whose window has not ended yet: not counted. */
  readonly qualityPending: number;
  readonly highQualityRate: number | null;
  readonly daysToSettleMedian: number | null;
  readonly daysToSettleP90: number | null;
  readonly fulfilment: Readonly<Record<FulfilmentMode, FulfilmentFigure>>;
}

/** Nearest-rank quantile of a sorted list. */
export function nearestRank(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return itemAt(sorted, Math.max(0, Math.ceil(q * sorted.length) - 1), 'sorted');
}

export const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

/** What a row is computed against besides its own counts. */
export interface RowContext {
  readonly from: Date;
  readonly to: Date;
  /** Inhabitants of the group (the county's for the total); undefined when unknown. */
  readonly population: number | undefined;
  /** The court's figures for the row (total and month rows); null where they do not apply (by township, class, …). */
  readonly court: CourtPeriodFigures | null;
}

const zeroByMode = (): Record<FulfilmentMode, number> => Object.fromEntries(FULFILMENT_MODES.map((m) => [m, 0])) as Record<FulfilmentMode, number>;

/** Accumulates raw counts for one group. */
export class Tally {
  referred = 0;
  settled = 0;
  returned = 0;
  withdrawn = 0;
  withdrawnMediated = 0;
  attemptsEnded = 0;
  attemptsSettled = 0;
  courtSettled = 0;
  courtConcluded = 0;
  courtAttemptsEnded = 0;
  courtAttemptsSettled = 0;
  firstSessions = 0;
  firstOnTime = 0;
  arrivals = 0;
  arrivalsOnTime = 0;
  qualityCounted = 0;
  qualityHigh = 0;
  qualityPending = 0;
  settleDays: number[] = [];
  due = zeroByMode();
  fulfilled = zeroByMode();

  /** Nothing counted (every counter as a new tally has it): a group whose cases count nowhere in the period gets no row. */
  isEmpty(): boolean {
    return JSON.stringify(this) === JSON.stringify(new Tally());
  }

  row(group: string, ctx: RowContext): KpiRow {
    const sorted = [...this.settleDays].sort((a, b) => a - b);
    const concluded = this.settled + this.returned + this.withdrawnMediated;
    const court = ctx.court?.status === 'ok' ? ctx.court : undefined;
    const perYear = (n: number): number | null => (ctx.population === undefined ? null : lawsuitsPer10kPerYear(n, ctx.population, ctx.from, ctx.to));
    const annualised = court ? perYear(court.filings) : null;
    const days = (ctx.to.getTime() - ctx.from.getTime()) / DAY_MS;
    return {
      group,
      referred: this.referred,
      settled: this.settled,
      returnedToCourt: this.returned,
      withdrawn: this.withdrawn,
      withdrawnAfterMediation: this.withdrawnMediated,
      concluded,
      successRate: ratio(this.settled, concluded),
      attemptsEnded: this.attemptsEnded,
      attemptsSettled: this.attemptsSettled,
      attemptSuccessRate: ratio(this.attemptsSettled, this.attemptsEnded),
      courtConcluded: this.courtConcluded,
      courtSettled: this.courtSettled,
      courtSuccessRate: ratio(this.courtSettled, this.courtConcluded),
      courtAttemptsEnded: this.courtAttemptsEnded,
      courtAttemptsSettled: this.courtAttemptsSettled,
      courtAttemptSuccessRate: ratio(this.courtAttemptsSettled, this.courtAttemptsEnded),
      lawsuits: court ? court.filings : null,
      courtTransferred: court ? court.transferred : null,
      courtFiledDirectly: court ? court.filedDirectly : null,
      preLitigationRate: court ? ratio(court.transferred, court.transferred + court.filedDirectly) : null,
      lawsuitsPer10k: annualised === null ? null : (annualised * days) / 365,
      lawsuitsPer10kAnnualised: annualised,
      referredPer10kAnnualised: perYear(this.referred),
      firstSessions: this.firstSessions,
      onTimeRate: ratio(this.firstOnTime, this.firstSessions),
      arrivals: this.arrivals,
      arrivalsOnTime: this.arrivalsOnTime,
      departmentsOnTimeRate: ratio(this.arrivalsOnTime, this.arrivals),
      qualityCounted: this.qualityCounted,
      qualityHigh: this.qualityHigh,
      qualityPending: this.qualityPending,
      highQualityRate: ratio(this.qualityHigh, this.qualityCounted),
      daysToSettleMedian: nearestRank(sorted, 0.5),
      daysToSettleP90: nearestRank(sorted, 0.9),
      fulfilment: Object.fromEntries(
        FULFILMENT_MODES.map((m) => [m, { due: this.due[m], fulfilled: this.fulfilled[m], rate: ratio(this.fulfilled[m], this.due[m]) }]),
      ) as Record<FulfilmentMode, FulfilmentFigure>,
    };
  }
}
