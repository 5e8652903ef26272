import type { LedgerDb } from '../../../src/adapters/postgres/ledger-db';
import { PostgresLedgerWriter } from '../../../src/adapters/postgres/ledger-writer';
import { RedisLedgerOutbox } from '../../../src/adapters/redis/redis-ledger-outbox';
import type { TiaojieRedis } from '../../../src/adapters/redis/redis-connection';
import { ledgerAgreement, type Agreement } from '../../support/ledger-agreement';

/**
 * Waits until the county's outbox is drained (empty, the ledger's cursor at its newest entry), then
 * compares the two stores case by case. A running service may change a case meanwhile (the legal
 * clock); every such change adds an outbox entry, so a comparison during which none was added read
 * one state of both stores, and any other is taken again. Undefined when never at rest in time.
 */
export async function agreementAtRest(
  redis: TiaojieRedis,
  db: LedgerDb,
  county: string,
  timeoutMs: number,
): Promise<{ readonly agreement: Agreement; /** When it was first seen drained (epoch ms). */ readonly drainedAt: number } | undefined> {
  const outbox = new RedisLedgerOutbox(redis, county);
  const ledger = new PostgresLedgerWriter(db, county);
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    const before = await outbox.counts();
    if (before.length === 0 && (await ledger.cursors()).outbox === before.lastId) {
      const drainedAt = Date.now();
      const agreement = await ledgerAgreement(redis, db, county);
      if ((await outbox.counts()).added === before.added) return { agreement, drainedAt };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return undefined;
}
