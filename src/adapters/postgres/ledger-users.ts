import { INSTALLATION_SCOPE } from '../../domain/access';
import type { UserLedgerBatch, UserLedgerCursor, UserLedgerWriter } from '../../use-cases/ledger/county-records-port';
import type { LedgerApplyResult } from '../../use-cases/ledger/ledger-port';
import type { LedgerDb } from './ledger-db';
import { lockedCursor, moveCursor, START } from './ledger-writer';

/** The installation's accounts' cursor: `ledger_cursors` row (`*`, `users`), `*` being the installation's scope. */
const STREAM = 'users';

/** The installation's user accounts in the ledger: one row per account, replaced by its current state. */
export class PostgresUserLedger implements UserLedgerWriter {
  constructor(private readonly db: LedgerDb) {}

  async cursor(): Promise<UserLedgerCursor> {
    const row = await this.db
      .selectFrom('ledger_cursors')
      .select(['last_id', 'read_count'])
      .where('county', '=', INSTALLATION_SCOPE)
      .where('stream', '=', STREAM)
      .executeTakeFirst();
    return { outbox: row?.last_id ?? START, outboxRead: row?.read_count ?? 0, copied: row !== undefined };
  }

  async apply(batch: UserLedgerBatch): Promise<LedgerApplyResult> {
    return this.db.transaction().execute(async (tx) => {
      if ((await lockedCursor(tx, INSTALLATION_SCOPE, STREAM)) !== batch.fromId) return 'moved';
      const now = new Date().toISOString();
      if (batch.users.length > 0)
        await tx
          .insertInto('users')
          .values(
            batch.users.map((u) => ({
              username: u.username,
              county: u.county,
              role: u.role,
              disabled: u.disabled,
              created_at: u.createdAt,
              doc: u.doc,
              updated_at: now,
            })),
          )
          .onConflict((oc) =>
            oc.column('username').doUpdateSet((eb) => ({
              county: eb.ref('excluded.county'),
              role: eb.ref('excluded.role'),
              disabled: eb.ref('excluded.disabled'),
              doc: eb.ref('excluded.doc'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
          .execute();
      await moveCursor(tx, INSTALLATION_SCOPE, STREAM, batch.toId, batch.readCount);
      return 'applied';
    });
  }
}
