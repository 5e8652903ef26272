import type { Case } from '../../domain/case';
import type { LedgerCaseLookup, LedgerCaseState, LedgerRetentionRecords } from '../../use-cases/ledger/eviction-port';
import type { LedgerCursors } from '../../use-cases/ledger/ledger-port';
import type { LedgerDb } from './ledger-db';
import { PostgresLedgerWriter } from './ledger-writer';

/** One county's case rows in the ledger, as retention, GET of a case and intake read them. */
export class PostgresLedgerCases implements LedgerRetentionRecords, LedgerCaseLookup {
  constructor(
    private readonly db: LedgerDb,
    private readonly county: string,
  ) {}

  cursors(): Promise<LedgerCursors> {
    return new PostgresLedgerWriter(this.db, this.county).cursors();
  }

  async caseState(caseId: string): Promise<LedgerCaseState | null> {
    const row = await this.db
      .selectFrom('cases')
      .select(['file_version', 'status'])
      .where('county', '=', this.county)
      .where('case_id', '=', caseId)
      .executeTakeFirst();
    if (!row) return null;
    const summonses = await this.db
      .selectFrom('summonses')
      .select(['summons_id', 'version'])
      .where('county', '=', this.county)
      .where('case_id', '=', caseId)
      .execute();
    return {
      fileVersion: row.file_version,
      status: row.status,
      summonsVersions: Object.fromEntries(summonses.map((s) => [s.summons_id, s.version])),
    };
  }

  async markEvicted(caseId: string, at: Date): Promise<void> {
    await this.db
      .updateTable('cases')
      .set({ evicted_at: at.toISOString() })
      .where('county', '=', this.county)
      .where('case_id', '=', caseId)
      .execute();
  }

  async get(caseId: string): Promise<Case | null> {
    const row = await this.db
      .selectFrom('cases')
      .select('case_doc')
      .where('county', '=', this.county)
      .where('case_id', '=', caseId)
      .executeTakeFirst();
    // The ledger copies the record the service wrote; it is read back as it was written.
    return row ? (row.case_doc as Case) : null;
  }

  async heldIds(caseIds: readonly string[]): Promise<ReadonlySet<string>> {
    if (caseIds.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('cases')
      .select('case_id')
      .where('county', '=', this.county)
      .where('case_id', 'in', [...caseIds])
      .execute();
    return new Set(rows.map((r) => r.case_id));
  }
}
