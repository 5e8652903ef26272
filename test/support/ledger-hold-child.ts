/**
 * A projector that stops right before its COMMIT, for the test that SIGKILLs a process in the middle
 * of the ledger's transaction (ledger-crash-windows.test.ts). Projects COUNTY from REDIS_URL into
 * DATABASE_URL; once the batch is written inside the open transaction it tells the parent
 * `{ backendPid }` (the PostgreSQL session holding it) and waits forever — the parent kills it.
 */
import type { Transaction } from 'kysely';
import { openLedgerDb, type LedgerDb } from '../../src/adapters/postgres/ledger-db';
import type { LedgerTables } from '../../src/adapters/postgres/ledger-schema';
import { createRedis } from '../../src/adapters/redis/redis-connection';
import { loadLifecycleConfig } from '../../src/domain/config/lifecycle-config';
import { ledgerProjectionFor } from '../../src/runtime/ledger-projection';
import { projectOutbox } from '../../src/use-cases/ledger/project-outbox';
import { sql } from 'kysely';

type Work<T> = (tx: Transaction<LedgerTables>) => Promise<T>;

/** `db` whose transactions run their work, then report and hang instead of committing. */
function holdingBeforeCommit(db: LedgerDb): LedgerDb {
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'transaction') {
        return () => ({
          execute: <T>(work: Work<T>) =>
            target.transaction().execute(async (tx) => {
              const result = await work(tx);
              const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(tx);
              process.send?.({ backendPid: rows[0]?.pid });
              await new Promise(() => undefined);
              return result;
            }),
        });
      }
      // Kysely keeps its state in private fields: its methods must run on the real instance.
      const value: unknown = Reflect.get(target, prop);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const redis = createRedis(process.env.REDIS_URL!);
const db = holdingBeforeCommit(openLedgerDb(process.env.DATABASE_URL!));
void projectOutbox(ledgerProjectionFor({ redis, db, lifecycle: loadLifecycleConfig() }, process.env.COUNTY!)).then(
  () => process.send?.({ error: 'the projection finished: it was to hang before its commit' }),
  (err: Error) => process.send?.({ error: err.message }),
);
