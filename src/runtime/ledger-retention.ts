import { PostgresLedgerCases } from '../adapters/postgres/ledger-cases';
import type { LedgerDb } from '../adapters/postgres/ledger-db';
import { RedisCaseEviction } from '../adapters/redis/case-eviction';
import { RedisLedgerOutbox } from '../adapters/redis/redis-ledger-outbox';
import type { TiaojieRedis } from '../adapters/redis/redis-connection';
import { ledgerEviction } from '../use-cases/ledger/evict-closed-cases';
import type { ClosedCaseRetention } from '../use-cases/lifecycle/archive-port';

/**
 * The retention policy of a county that keeps a ledger: closed cases past the period leave Redis
 * once the ledger holds them (the clock runner's `archiveFor` takes it; one per county and run).
 */
export function ledgerEvictionFor(redis: TiaojieRedis, db: LedgerDb, county: string): ClosedCaseRetention {
  return ledgerEviction({
    hot: new RedisCaseEviction(redis, county),
    ledger: new PostgresLedgerCases(db, county),
    outbox: new RedisLedgerOutbox(redis, county),
  });
}
