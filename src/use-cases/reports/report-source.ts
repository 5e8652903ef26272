import type { CourtMonth } from '../../domain/court-figures';
import type { Mediator } from '../../domain/mediator';
import type { Summons } from '../../domain/summons/summons';
import type { KpiCase } from './case-tally';
import { PLAIN_COUNTS, plainFigures, type PlainCounts, type PlainFigures } from './counting-instants';

/** What a county's report reads besides its settings: the cases, the court's months, the roster, the summonses. */
export interface CountyReportSource {
  /**
   * The county's case files and archived records that can count in [from, to) — every one that
   * can (others may come too) — in referral order, ties by case id.
   */
  casesCounting(from: Date, to: Date): Promise<readonly KpiCase[]>;
  courtMonths(): Promise<readonly CourtMonth[]>;
  mediators(): Promise<readonly RosterEntry[]>;
  /** The summonses required in [from, to), for 按时到位率 — kept with the cases, so evicted ones count too. */
  summonsesDue(from: Date, to: Date): Promise<readonly Summons[]>;
}

/** What a report reads of a mediator. */
export type RosterEntry = Pick<Mediator, 'id' | 'tier' | 'organization'>;

/** The plain counts of every county over [from, to), summed where the cases are kept. */
export interface ProvinceReportSource {
  countyCounts(from: Date, to: Date): Promise<ReadonlyMap<string, PlainCounts>>;
}

/** The reports' reads from the ledger (issue 19 part 3). */
export interface LedgerReports {
  county(county: string): CountyReportSource;
  readonly province: ProvinceReportSource;
}

export interface ProvinceSummary {
  readonly from: string;
  readonly to: string;
  /** Per county (in name order), the figures plain counts decide. */
  readonly counties: readonly ({ readonly county: string } & PlainFigures)[];
  readonly total: PlainFigures;
}

/** The province's figures over [from, to) that are plain sums of per-case counts, by county and in all. */
export async function provinceSummary(source: ProvinceReportSource, from: Date, to: Date): Promise<ProvinceSummary> {
  const byCounty = await source.countyCounts(from, to);
  const sum = Object.fromEntries(PLAIN_COUNTS.map((k) => [k, 0])) as Record<keyof PlainCounts, number>;
  for (const c of byCounty.values()) for (const k of PLAIN_COUNTS) sum[k] += c[k];
  const period = { from, to };
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    counties: [...byCounty]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([county, c]) => ({ county, ...plainFigures(c, period) })),
    total: plainFigures(sum, period),
  };
}
