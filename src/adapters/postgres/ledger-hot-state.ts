import { sql } from 'kysely';
import type { Case } from '../../domain/case';
import type { CaseFile } from '../../domain/lifecycle-file';
import { MediatorSchema } from '../../domain/mediator';
import type { Summons } from '../../domain/summons/summons';
import type { HotStateSource, LedgerHotState } from '../../use-cases/ledger/hot-state-port';
import type { LedgerDb } from './ledger-db';

/**
 * One county's ledger as a rebuild of Redis reads it. The JSON columns hold what the service wrote
 * (the projector copies its records as they are), so they are read back without re-validation —
 * except the roster, which Redis's writers validate on every write and which is small.
 */
export class PostgresHotStateSource implements HotStateSource {
  constructor(
    private readonly db: LedgerDb,
    private readonly county: string,
  ) {}

  async read(): Promise<LedgerHotState> {
    const county = this.county;
    const [roster, months, cases, summonses, attempts] = await Promise.all([
      this.db.selectFrom('mediators').select('doc').where('county', '=', county).orderBy('mediator_id').execute(),
      this.db.selectFrom('court_figures').select(['month', 'doc']).where('county', '=', county).orderBy('month').execute(),
      this.db
        .selectFrom('cases')
        .select(['case_doc', 'file', 'updated_at'])
        .where('county', '=', county)
        .where('evicted_at', 'is', null)
        .orderBy('referred_at')
        .orderBy('case_id')
        .execute(),
      this.db
        .selectFrom('summonses as s')
        .innerJoin('cases as c', (j) => j.onRef('c.county', '=', 's.county').onRef('c.case_id', '=', 's.case_id'))
        .select('s.doc')
        .where('s.county', '=', county)
        .where('c.evicted_at', 'is', null)
        .orderBy('s.summons_id')
        .execute(),
      this.db
        .selectFrom('cases')
        .select(['category', sql<CaseFile['attempts']>`file -> 'attempts'`.as('attempts')])
        .where('county', '=', county)
        .execute(),
    ]);
    return {
      roster: roster.map((r) => MediatorSchema.parse(r.doc)),
      courtMonths: months.map((m) => ({ month: m.month, doc: m.doc })),
      cases: cases.map((c) => ({ record: c.case_doc as Case, file: c.file as CaseFile, copiedAt: c.updated_at.toISOString() })),
      summonses: summonses.map((s) => s.doc as Summons),
      attemptHistory: attempts.map((a) => ({ category: a.category as CaseFile['category'], attempts: a.attempts })),
    };
  }

  async resetOutboxCursor(): Promise<void> {
    await this.db
      .updateTable('ledger_cursors')
      .set({ last_id: '0-0', read_count: 0, updated_at: sql`now()` })
      .where('county', '=', this.county)
      .where('stream', '=', 'outbox')
      .execute();
  }
}
