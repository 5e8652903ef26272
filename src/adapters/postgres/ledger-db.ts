import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { LedgerTables } from './ledger-schema';

export type LedgerDb = Kysely<LedgerTables>;

export interface LedgerDbOptions {
  /** Connections in the pool (1 for PGlite, which serves one at a time). @defaultValue 4 */
  readonly maxConnections?: number;
}

// Read bigint counts as numbers: a county's counts stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** A pool on the ledger's PostgreSQL database. `destroy()` closes it. */
export function openLedgerDb(url: string, opts: LedgerDbOptions = {}): LedgerDb {
  const pool = new pg.Pool({ connectionString: url, max: opts.maxConnections ?? 4 });
  return new Kysely<LedgerTables>({ dialect: new PostgresDialect({ pool }) });
}
