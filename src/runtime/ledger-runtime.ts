import type { TiaojieRedis } from '../adapters/redis/redis-connection';
import { openLedgerDb, type LedgerDb } from '../adapters/postgres/ledger-db';
import { migrateLedger } from '../adapters/postgres/migrate';
import { loadLifecycleConfig } from '../domain/config/lifecycle-config';
import { startLedgerProjector } from '../use-cases/ledger/projector-runner';
import { projectUsers } from '../use-cases/ledger/project-users';
import type { Config } from './env';
import { ledgerProjectionFor, userProjectionFor } from './ledger-projection';
import type { Logger } from './logger';
import { resolveLedgerDatabase, type LedgerDatabase } from './postgres-launcher';

/** The ledger a process opened: its database (server, private cluster or PGlite) and a pool on it. */
export interface OpenLedger {
  readonly db: LedgerDb;
  readonly database: LedgerDatabase;
  /** Closes the pool, then stops the embedded database this process started. */
  close(): Promise<void>;
}

/** Finds or starts the ledger's database, opens a pool and brings the schema up to date. */
export async function openLedger(config: Config, log: Logger): Promise<OpenLedger> {
  const database = await resolveLedgerDatabase({
    ...(config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : {}),
    dataDir: config.DATA_DIR,
    embedded: config.DATABASE_EMBEDDED,
    logger: log,
  });
  const db = openLedgerDb(database.url, database.maxConnections === undefined ? {} : { maxConnections: database.maxConnections });
  try {
    const applied = await migrateLedger(db);
    if (applied.length > 0) log.info({ migrations: applied }, 'ledger schema migrated');
  } catch (err) {
    await db.destroy().catch(() => undefined);
    await database.stop().catch(() => undefined);
    throw err;
  }
  return {
    db,
    database,
    close: async () => {
      await db.destroy();
      await database.stop();
    },
  };
}

/** Copies every served county's outbox into the ledger until stopped (docs/ledger.md). */
export function startLedgerProjection(opts: {
  readonly counties: readonly string[];
  readonly redis: TiaojieRedis;
  readonly db: LedgerDb;
  readonly eventsMaxLen: number;
  readonly log: Logger;
}): () => Promise<void> {
  const wiring = { redis: opts.redis, db: opts.db, lifecycle: loadLifecycleConfig(), eventsMaxLen: opts.eventsMaxLen };
  return startLedgerProjector({
    counties: () => opts.counties,
    depsFor: (county) => ledgerProjectionFor(wiring, county),
    installation: () => projectUsers(userProjectionFor(wiring)),
    onProjected: (county, s) =>
      opts.log.debug({ county, entries: s.entries, cases: s.cases, recopied: s.recopied }, 'ledger: outbox copied'),
    onError: (err, county) =>
      opts.log.warn({ county, err: err instanceof Error ? err.message : String(err) }, 'ledger projection failed; retried'),
  });
}
