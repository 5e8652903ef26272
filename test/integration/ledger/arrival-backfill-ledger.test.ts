import type { LedgerDb } from '../../../src/adapters/postgres/ledger-db';
import { countyKeys } from '../../../src/adapters/redis/keys';
import { RedisLifecycleStore } from '../../../src/adapters/redis/lifecycle-redis-store';
import type { TiaojieRedis } from '../../../src/adapters/redis/redis-connection';
import { runBackfillArrivalsCommand } from '../../../src/cli/backfill-arrivals-command';
import { loadLifecycleConfig } from '../../../src/domain/config/lifecycle-config';
import { DAY_MS } from '../../../src/domain/time';
import { ledgerProjectionFor } from '../../../src/runtime/ledger-projection';
import { ledgerEvictionFor } from '../../../src/runtime/ledger-retention';
import { projectOutbox } from '../../../src/use-cases/ledger/project-outbox';
import { archiveClosedCases } from '../../../src/use-cases/lifecycle/archive-closed-cases';
import { caseFiles } from '../../../src/use-cases/lifecycle/case-files';
import { closeLedgerWorld, openLedgerWorld } from '../../support/ledger-world';
import { moveCounty, seedCounty } from '../../support/ledger-county';
import type { TestDatabase } from '../../support/pg-database';
import { uniqueCounty, type TestRedis } from '../../support/redis';

/** The referral time of the cases seedCounty and moveCounty make. */
const AT = '2026-03-02T02:00:00.000Z';
const FIELD = `${Math.floor(Date.parse(AT) / DAY_MS)}:ordinary`;
const lifecycle = loadLifecycleConfig();

/**
 * `tiaojie backfill-arrivals`: the ledger keeps the cases retention evicted from Redis, so with a
 * ledger the backfill counts them too (private redis-server, a database of its own).
 */
describe('backfill-arrivals with the ledger', () => {
  let server: TestRedis;
  let redis: TiaojieRedis;
  let database: TestDatabase;
  let db: LedgerDb;

  beforeAll(async () => void ({ server, redis, database, db } = await openLedgerWorld()), 60_000);
  afterAll(() => closeLedgerWorld({ server, redis, database, db }));

  /** c2 withdrawn, copied to the ledger and evicted from Redis; c1 and c3 still held; the index as before it existed. */
  async function countyWithEvictedCases(): Promise<string> {
    const county = uniqueCounty('arrivals-ledger');
    await seedCounty(redis, county);
    await moveCounty(redis, county);
    const files = caseFiles(new RedisLifecycleStore(redis, county, 1000), lifecycle);
    await projectOutbox(ledgerProjectionFor({ redis, db, lifecycle }, county));
    const policy = { retentionDays: 365, maxPerRun: 100 };
    const evicted = await archiveClosedCases(files, ledgerEvictionFor(redis, db, county), new Date('2027-04-10T02:00:00.000Z'), policy);
    expect(evicted.archived).toBe(1);
    const k = countyKeys(county);
    await redis.del(k.arrivals, k.arrivalsTrimmed);
    return county;
  }

  test('when cases were evicted to the ledger, then Redis alone counts the two it holds, and with the ledger all three, once', async () => {
    const county = await countyWithEvictedCases();
    const out: string[] = [];
    const run = (env: NodeJS.ProcessEnv) => runBackfillArrivalsCommand(['--county', county], { env, out: (t) => out.push(t) });
    expect(await run({ REDIS_URL: server.url, DATABASE_EMBEDDED: 'off' })).toBe(0);
    expect(out.pop()).toMatch(/\(no ledger\): 2 referrals on 1 day-class counts, 1 raised/);
    expect(await redis.hgetall(countyKeys(county).arrivals)).toEqual({ [FIELD]: '2' });
    expect(await run({ REDIS_URL: server.url, DATABASE_URL: database.url })).toBe(0);
    expect(out.pop()).toMatch(/and the ledger: 3 referrals on 1 day-class counts, 1 raised/);
    expect(await redis.hgetall(countyKeys(county).arrivals)).toEqual({ [FIELD]: '3' });
    expect(await run({ REDIS_URL: server.url, DATABASE_URL: database.url })).toBe(0);
    expect(out.pop()).toMatch(/3 referrals on 1 day-class counts, 0 raised/);
    expect(await redis.hgetall(countyKeys(county).arrivals)).toEqual({ [FIELD]: '3' });
  });

  test('when the command line is wrong, then it says what is missing', async () => {
    const { main } = await import('../../../src/cli/main');
    const std = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await main(['backfill-arrivals', '--help'])).toBe(0);
    } finally {
      std.mockRestore();
    }
    await expect(runBackfillArrivalsCommand([], { env: { REDIS_URL: server.url } })).rejects.toThrow(/--county: name the county/);
  });
});
