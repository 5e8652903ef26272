import { openLedgerDb, type LedgerDb } from '../../src/adapters/postgres/ledger-db';
import { migrateLedger } from '../../src/adapters/postgres/migrate';
import { createRedis, type TiaojieRedis } from '../../src/adapters/redis/redis-connection';
import { freshDatabase, type TestDatabase } from './pg-database';
import { startTestRedis, type TestRedis } from './redis';

/** What a ledger test file works on: a private redis-server and a database of its own, migrated. */
export interface LedgerWorld {
  readonly server: TestRedis;
  readonly redis: TiaojieRedis;
  readonly database: TestDatabase;
  readonly db: LedgerDb;
}

export async function openLedgerWorld(): Promise<LedgerWorld> {
  const server = await startTestRedis();
  const database = await freshDatabase();
  const db = openLedgerDb(database.url);
  await migrateLedger(db);
  return { server, redis: createRedis(server.url), database, db };
}

/** Closes what `openLedgerWorld` opened; any part may be missing (a failed start). */
export async function closeLedgerWorld(w: Partial<LedgerWorld>): Promise<void> {
  await w.db?.destroy();
  await w.database?.drop();
  w.redis?.disconnect();
  await w.server?.stop();
}
