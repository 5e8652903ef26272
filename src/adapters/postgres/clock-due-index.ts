import { sql } from 'kysely';
import type { ClockRecheck } from '../../use-cases/lifecycle/clock-due-port';
import type { LedgerClockIndex } from '../../use-cases/ledger/ledger-port';
import type { LedgerDb } from './ledger-db';

/** Rows per UPDATE (4 parameters a row, far below PostgreSQL's 65,535). */
const CHUNK = 1000;

/** One county's `cases.clock_due_at` on PostgreSQL, read through the (county, clock_due_at) index. */
export class PostgresClockDueIndex implements LedgerClockIndex {
  constructor(
    private readonly db: LedgerDb,
    private readonly county: string,
  ) {}

  async dueCaseIds(until: Date): Promise<readonly string[]> {
    const rows = await this.db
      .selectFrom('cases')
      .select('case_id')
      .where('county', '=', this.county)
      .where('clock_due_at', 'is not', null)
      .where('clock_due_at', '<=', until)
      .execute();
    return rows.map((r) => r.case_id);
  }

  async recheck(cases: readonly ClockRecheck[], readAt: Date): Promise<void> {
    for (let i = 0; i < cases.length; i += CHUNK) {
      const values = cases
        .slice(i, i + CHUNK)
        .map((c) => sql`(${c.caseId}::text, ${c.fileVersion}::integer, ${c.dueAt?.toISOString() ?? null}::timestamptz)`);
      // Only rows still as the clock found them: due by readAt, at the version it read.
      await sql`
        update cases as c set clock_due_at = v.due_at
        from (values ${sql.join(values)}) as v(case_id, file_version, due_at)
        where c.county = ${this.county} and c.case_id = v.case_id
          and c.clock_due_at <= ${readAt.toISOString()}::timestamptz
          and (v.file_version is null or c.file_version = v.file_version)`.execute(this.db);
    }
  }
}
