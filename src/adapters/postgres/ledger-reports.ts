import { sql } from 'kysely';
import type { CourtMonth } from '../../domain/court-figures';
import type { Mediator } from '../../domain/mediator';
import { SummonsSchema, type Summons } from '../../domain/summons/summons';
import type { KpiCase } from '../../use-cases/reports/case-tally';
import { PLAIN_COUNTS, type PlainCounts } from '../../use-cases/reports/counting-instants';
import type { CountyReportSource, LedgerReports, ProvinceReportSource, RosterEntry } from '../../use-cases/reports/report-source';
import type { LedgerDb } from './ledger-db';
import { FACT_COLUMNS } from './fact-columns';

/**
 * A county's report reads on the ledger: the `file` of the cases whose counting span (m0002)
 * meets the period — by the `cases_counting` index — the court's months, the roster and the
 * summonses required in the period (by `summonses_due`; Redis evicts them with their cases).
 */
class PostgresCountyReports implements CountyReportSource {
  constructor(
    private readonly db: LedgerDb,
    private readonly county: string,
  ) {}

  async casesCounting(from: Date, to: Date): Promise<readonly KpiCase[]> {
    const rows = await this.db
      .selectFrom('cases')
      .select('file')
      .where('county', '=', this.county)
      .where('counts_until', '>=', from)
      .where('counts_from', '<', to)
      .orderBy('referred_at')
      // Code-point order, as the Redis path sorts ids: the subsidy's float sums then add in the same order.
      .orderBy(sql`case_id collate "C"`)
      .execute();
    // The files are the projector's copies of what Redis held: read as written.
    return rows.map((r) => r.file as KpiCase);
  }

  async courtMonths(): Promise<readonly CourtMonth[]> {
    const rows = await this.db.selectFrom('court_figures').select('doc').where('county', '=', this.county).orderBy('month').execute();
    return rows.map((r) => r.doc as CourtMonth);
  }

  async mediators(): Promise<readonly RosterEntry[]> {
    const rows = await this.db
      .selectFrom('mediators')
      .select(['mediator_id', 'tier', 'organization'])
      .where('county', '=', this.county)
      .orderBy('mediator_id')
      .execute();
    return rows.map((r) => ({ id: r.mediator_id, tier: r.tier as Mediator['tier'], organization: r.organization }));
  }

  async summonsesDue(from: Date, to: Date): Promise<readonly Summons[]> {
    const rows = await this.db
      .selectFrom('summonses')
      .select('doc')
      .where('county', '=', this.county)
      .where('required_by', '>=', from)
      .where('required_by', '<', to)
      .orderBy('required_by')
      .orderBy(sql`summons_id collate "C"`)
      .execute();
    // As the Redis store reads: a record that no longer decodes is skipped, never counted half-read.
    return rows.flatMap((r) => {
      const parsed = SummonsSchema.safeParse(r.doc);
      return parsed.success ? [parsed.data] : [];
    });
  }
}

/** The province's plain counts per county: one SUM over `case_facts` in the period. */
class PostgresProvinceReports implements ProvinceReportSource {
  constructor(private readonly db: LedgerDb) {}

  async countyCounts(from: Date, to: Date): Promise<ReadonlyMap<string, PlainCounts>> {
    const sums = PLAIN_COUNTS.map((k) => sql<number>`coalesce(sum(${sql.ref(FACT_COLUMNS[k])}), 0)::bigint`.as(k));
    const rows = (await this.db
      .selectFrom('case_facts')
      .select('county')
      .select(sums)
      .where('at', '>=', from)
      .where('at', '<', to)
      .groupBy('county')
      .execute()) as unknown as ({ county: string } & PlainCounts)[];
    return new Map(rows.map(({ county, ...counts }) => [county, counts]));
  }
}

/** The reports' reads on the ledger's database (the API's `ledgerReports` when a ledger is configured). */
export function ledgerReportsFor(db: LedgerDb): LedgerReports {
  return { county: (county) => new PostgresCountyReports(db, county), province: new PostgresProvinceReports(db) };
}
