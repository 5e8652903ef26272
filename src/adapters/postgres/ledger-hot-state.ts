import { sql } from 'kysely';
import type { Case } from '../../domain/case';
import type { CaseFile } from '../../domain/lifecycle-file';
import { MediatorSchema } from '../../domain/mediator';
import type { Summons } from '../../domain/summons/summons';
import { StoredUserSchema, type StoredUser } from '../../domain/user';
import { COUNTY_SETTINGS_KINDS, type HeldCountyRecords } from '../../use-cases/ledger/county-records-port';
import type { HotStateSource, LedgerHotState } from '../../use-cases/ledger/hot-state-port';
import { RECORDS_STREAM } from './ledger-county-records';
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
    const [records, users] = await Promise.all([this.records(), this.users()]);
    return {
      records,
      users,
      roster: roster.map((r) => MediatorSchema.parse(r.doc)),
      courtMonths: months.map((m) => ({ month: m.month, doc: m.doc })),
      cases: cases.map((c) => ({ record: c.case_doc as Case, file: c.file as CaseFile, copiedAt: c.updated_at.toISOString() })),
      summonses: summonses.map((s) => s.doc as Summons),
      attemptHistory: attempts.map((a) => ({ category: a.category as CaseFile['category'], attempts: a.attempts })),
    };
  }

  /** The profile and settings; null when the ledger never copied them (no `records` cursor: older than m0003, not projected since). */
  private async records(): Promise<HeldCountyRecords | null> {
    const county = this.county;
    const [copied, profile, settings] = await Promise.all([
      this.db
        .selectFrom('ledger_cursors')
        .select('county')
        .where('county', '=', county)
        .where('stream', '=', RECORDS_STREAM)
        .executeTakeFirst(),
      this.db.selectFrom('counties').select(['profile', 'status', 'version', 'changed_at']).where('county', '=', county).executeTakeFirst(),
      this.db.selectFrom('county_settings').select(['kind', 'doc']).where('county', '=', county).orderBy('kind').execute(),
    ]);
    if (!copied) return null;
    return {
      county: profile
        ? { profile: profile.profile, status: profile.status, version: profile.version, updatedAt: profile.changed_at?.toISOString() ?? '' }
        : null,
      settings: settings.flatMap((s) => {
        const kind = COUNTY_SETTINGS_KINDS.find((k) => k === s.kind);
        return kind ? [{ kind, doc: s.doc }] : [];
      }),
    };
  }

  /** The county's accounts, validated as the user store validates them on every read. */
  private async users(): Promise<StoredUser[]> {
    const rows = await this.db.selectFrom('users').select('doc').where('county', '=', this.county).orderBy('username').execute();
    return rows.map((r) => StoredUserSchema.parse(r.doc));
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
