import type { IndicatorSettings } from '../../domain/config/indicator-settings';
import type { SubsidyConfig } from '../../domain/config/subsidy-config';
import type { KpiCase } from './case-tally';
import type { KpiReport } from './kpis';
import { reportKpis, type ReportGrouping } from './monthly-kpis';
import type { CountyReportSource, RosterEntry } from './report-source';
import { summonsArrivalSlot } from './summons-arrival';

/** Where one county's KPI report reads: the cases, roster, court months and summonses, and the indicator settings. */
export interface CountyKpiReads {
  readonly source: CountyReportSource;
  /** The county's indicator settings (its own, else the defaults of its registered or embedded profile). */
  readonly settings: () => Promise<IndicatorSettings>;
  readonly subsidy: SubsidyConfig;
}

export interface CountyKpiQuery {
  readonly from: Date;
  readonly to: Date;
  /** @defaultValue the total only */
  readonly by?: ReportGrouping;
  /** The instant quality windows are judged at. */
  readonly asOf: Date;
}

export interface CountyKpiReport {
  readonly report: KpiReport;
  /** The case files read (every one that can count in the period). */
  readonly files: readonly KpiCase[];
  /** The roster by mediator id, as the report read it. */
  readonly mediators: ReadonlyMap<string, RosterEntry>;
}

/**
 * A county's KPI report, assembled the same way for `GET /v1/reports/kpis` and `tiaojie report
 * --county`: the cases that can count, the roster and court months, the county's populations and
 * quality window, and the summonses required in the period.
 */
export async function countyKpiReport(reads: CountyKpiReads, q: CountyKpiQuery): Promise<CountyKpiReport> {
  const [files, roster, courtMonths, settings, summonses] = await Promise.all([
    reads.source.casesCounting(q.from, q.to),
    reads.source.mediators(),
    reads.source.courtMonths(),
    reads.settings(),
    reads.source.summonsesDue(q.from, q.to),
  ]);
  const mediators = new Map(roster.map((m) => [m.id, m]));
  const report = reportKpis({
    files,
    from: q.from,
    to: q.to,
    ...(q.by ? { by: q.by } : {}),
    mediator: (id) => mediators.get(id),
    population: settings.population.county.population,
    townshipPopulation: (t) => settings.population.townships[t]?.population,
    subsidy: reads.subsidy,
    courtMonths,
    qualityWindowDays: settings.qualityWindowDays,
    asOf: q.asOf,
    summonsArrival: summonsArrivalSlot(summonses, q.asOf),
  });
  return { report, files, mediators };
}
