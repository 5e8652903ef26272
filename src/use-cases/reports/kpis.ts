import type { CourtMonth } from '../../domain/court-figures';
import type { Tier } from '../../domain/taxonomy';
import type { SubsidyConfig } from '../../domain/config/subsidy-config';
import { DEFAULT_QUALITY_WINDOW_DAYS } from '../../domain/config/indicator-settings';
import { KPI_DEFINITIONS } from './definitions';
import { DAY_MS } from '../../domain/time';
import { courtFiguresOver, type CourtPeriodFigures } from './court-period';
import { Tally, type KpiRow } from './tally';
import type { SummonsArrivalFigure } from './arrival-slot';
import {
  tallyCase,
  tallyMediators,
  type CaseTallyContext,
  type KpiCase,
  type KpiGrouping,
  type MediatorTally,
  type Within,
} from './case-tally';

export type { KpiRow } from './tally';

export { KPI_GROUPINGS, type KpiCase, type KpiGrouping } from './case-tally';

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

  const ctx: CaseTallyContext = { grouping: input, within, windowDays, asOf, tallyOf };
  for (const f of input.files) tallyCase(f, ctx);

  const population = input.population ?? 170_000;
  const court = courtFiguresOver(input.courtMonths ?? [], input.from, input.to);
  const period = { from: input.from, to: input.to };
  const popOf = (g: string) => (input.by === 'township' ? input.townshipPopulation?.(g) : population);
  const rows = [...tallies]
    // Rows for groups with something counted only: which groups have a row must not depend on the
    // cases held that count nowhere in the period (a ledger reads only those that can count).
    .filter(([, t]) => !t.isEmpty())
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
  const tally: MediatorTally = { seats: new Map(), subsidy: new Map() };
  for (const f of input.files) tallyMediators(f, within, input.subsidy, tally);
  const ids = [...new Set([...tally.seats.keys(), ...tally.subsidy.keys()])].sort();
  return ids.map((id) => {
    const m = input.mediator(id);
    return {
      mediatorId: id,
      tier: m?.tier ?? 'unknown',
      organization: m?.organization ?? 'unknown',
      seats: tally.seats.get(id) ?? 0,
      subsidyYuan: tally.subsidy.get(id) ?? 0,
    };
  });
}
