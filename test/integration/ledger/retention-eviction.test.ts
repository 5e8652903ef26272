import { CaseRepo } from '../../../src/adapters/redis/case-repo';
import { countyKeys } from '../../../src/adapters/redis/keys';
import { lifecycleKeys } from '../../../src/adapters/redis/lifecycle-keys';
import { RedisLifecycleStore } from '../../../src/adapters/redis/lifecycle-redis-store';
import { MediatorRepo } from '../../../src/adapters/redis/mediator-repo';
import { outboxEntry } from '../../../src/adapters/redis/ledger-outbox';
import type { TiaojieRedis } from '../../../src/adapters/redis/redis-connection';
import { RedisSummonsStore } from '../../../src/adapters/redis/summons-store';
import { summonsKeys } from '../../../src/adapters/redis/summons-keys';
import { PostgresLedgerCases } from '../../../src/adapters/postgres/ledger-cases';
import type { LedgerDb } from '../../../src/adapters/postgres/ledger-db';
import { loadLifecycleConfig } from '../../../src/domain/config/lifecycle-config';
import { issuedSummons, type Summons } from '../../../src/domain/summons/summons';
import { caseFiles } from '../../../src/use-cases/lifecycle/case-files';
import { applyCommand } from '../../../src/use-cases/lifecycle/lifecycle-commands';
import { archiveClosedCases } from '../../../src/use-cases/lifecycle/archive-closed-cases';
import { projectOutbox } from '../../../src/use-cases/ledger/project-outbox';
import { ledgerProjectionFor } from '../../../src/runtime/ledger-projection';
import { ledgerEvictionFor } from '../../../src/runtime/ledger-retention';
import { mediator, waitingCase } from '../../unit/domain/fixtures';
import type { TestDatabase } from '../../support/pg-database';
import { uniqueCounty, type TestRedis } from '../../support/redis';
import { closeLedgerWorld, openLedgerWorld } from '../../support/ledger-world';

const lifecycle = loadLifecycleConfig();
const REFERRED = '2026-03-02T02:00:00.000Z';
const WITHDRAWN = new Date('2026-03-04T02:00:00.000Z');
const LATER = new Date('2027-04-10T02:00:00.000Z');
const POLICY = { retentionDays: 365, maxPerRun: 100 };

describe('retention with a ledger: closed cases leave Redis entirely (private redis-server, a database of its own)', () => {
  let server: TestRedis;
  let redis: TiaojieRedis;
  let database: TestDatabase;
  let db: LedgerDb;

  beforeAll(async () => void ({ server, redis, database, db } = await openLedgerWorld()), 60_000);
  afterAll(() => closeLedgerWorld({ server, redis, database, db }));

  /** A county with c1 open and c2 withdrawn, with a summons answered (closed) on c2. */
  async function county() {
    const name = uniqueCounty('evict');
    await new MediatorRepo(redis, name).upsert([mediator({ id: 'm1' })]);
    const repo = new CaseRepo(redis, name, 1000);
    await repo.intake([
      waitingCase({ id: 'c1', county: name, referredAt: REFERRED }),
      waitingCase({ id: 'c2', county: name, referredAt: REFERRED }),
    ]);
    const files = caseFiles(new RedisLifecycleStore(redis, name, 1000), lifecycle);
    const withdraw = await applyCommand(
      files,
      'c2',
      { action: 'withdraw', reason: 'settled privately' },
      { by: 'dispatcher', now: WITHDRAWN, config: lifecycle },
    );
    expect(withdraw.status).toBe('ok');
    const summons = issuedSummons({
      id: 'sm2',
      caseId: 'c2',
      department: 'health',
      reason: 'r',
      requiredBy: '2026-03-03T01:00:00.000Z',
      issuedBy: 'd',
      issuedAt: REFERRED,
    });
    const store = new RedisSummonsStore(redis, name, 1000);
    await store.create([summons], []);
    const answered: Summons = { ...summons, status: 'cancelled', version: summons.version + 1 };
    expect(await store.commit(summons.version, answered, [])).toBe('ok');
    return {
      name,
      repo,
      files,
      projection: ledgerProjectionFor({ redis, db, lifecycle }, name),
      ledger: new PostgresLedgerCases(db, name),
    };
  }

  const keysOf = async (name: string) => (await redis.keys(`tj:{${name}}:*`)).sort();

  test('when the ledger holds a closed case past the period, then every key of it leaves Redis, no archive entry is written, and the ledger marks it evicted', async () => {
    const { name, files, projection, ledger } = await county();
    await projectOutbox(projection);
    const run = await archiveClosedCases(files, ledgerEvictionFor(redis, db, name), LATER, POLICY);
    expect(run).toEqual({ archived: 1, examined: 2 });
    // Match after the county tag: a random county name may itself contain "c2".
    const left = (await keysOf(name)).filter((k) => /\b(c2|sm2)\b/.test(k.split('}')[1] ?? ''));
    expect(left).toEqual([]);
    const k = countyKeys(name);
    expect(await redis.zrange(k.cases, '0', '-1')).toEqual(['c1']);
    expect(await redis.sismember(k.byStatus('withdrawn'), 'c2')).toBe(0);
    expect(await redis.exists(lifecycleKeys(name).archive)).toBe(0);
    expect(await redis.hexists(summonsKeys(name).docs, 'sm2')).toBe(0);
    const row = await db
      .selectFrom('cases')
      .select(['evicted_at', 'status'])
      .where('county', '=', name)
      .where('case_id', '=', 'c2')
      .executeTakeFirstOrThrow();
    expect(row.evicted_at?.toISOString()).toBe(LATER.toISOString());
    expect((await ledger.get('c2'))?.status).toBe('withdrawn');
    expect(await files.getFile('c1')).not.toBeNull();
  });

  test('when an evicted case is referred again with the same id, then intake does not create it (the ledger knows it)', async () => {
    const { name, repo, files, projection, ledger } = await county();
    await projectOutbox(projection);
    await archiveClosedCases(files, ledgerEvictionFor(redis, db, name), LATER, POLICY);
    const again = waitingCase({ id: 'c2', county: name, referredAt: REFERRED });
    const known = await ledger.heldIds(['c2', 'c3']);
    expect([...known]).toEqual(['c2']);
    const results = await repo.intake([again, waitingCase({ id: 'c3', county: name, referredAt: REFERRED })], known);
    expect(results).toEqual([
      { caseId: 'c2', created: false },
      { caseId: 'c3', created: true },
    ]);
    expect(await repo.get('c2')).toBeNull();
  });

  test('when the ledger does not hold the case yet, or holds an older version, then it stays in Redis', async () => {
    const { name, files, projection } = await county();
    expect((await archiveClosedCases(files, ledgerEvictionFor(redis, db, name), LATER, POLICY)).archived).toBe(0);
    await projectOutbox(projection);
    // A change after the projection (a re-opened summons would do the same): the ledger is behind.
    await redis.hset(lifecycleKeys(name).file('c2'), 'version', '99');
    expect((await archiveClosedCases(files, ledgerEvictionFor(redis, db, name), LATER, POLICY)).archived).toBe(0);
    expect(await new CaseRepo(redis, name, 1000).get('c2')).not.toBeNull();
  });

  test('when the outbox still holds an entry naming the case, then it stays in Redis until the projector copied it', async () => {
    const { name, files, projection } = await county();
    await projectOutbox(projection);
    await redis.xadd(countyKeys(name).ledgerOutbox, ...outboxEntry('case.changed', { caseId: 'c2' }).map(String));
    expect((await archiveClosedCases(files, ledgerEvictionFor(redis, db, name), LATER, POLICY)).archived).toBe(0);
    await projectOutbox(projection);
    expect((await archiveClosedCases(files, ledgerEvictionFor(redis, db, name), LATER, POLICY)).archived).toBe(1);
  });
});
