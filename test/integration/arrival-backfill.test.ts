import { runCountyDispatch } from '../../src/adapters/queue/county-dispatch';
import { RedisArrivalBackfill, RedisReferralSource } from '../../src/adapters/redis/arrival-backfill';
import { RedisCaseArchive } from '../../src/adapters/redis/case-archive';
import { RedisCountyRegistry } from '../../src/adapters/redis/county-registry';
import { countyKeys } from '../../src/adapters/redis/keys';
import { lifecycleKeys } from '../../src/adapters/redis/lifecycle-keys';
import { RedisLifecycleStore } from '../../src/adapters/redis/lifecycle-redis-store';
import { createRedis, type TiaojieRedis } from '../../src/adapters/redis/redis-connection';
import { loadLifecycleConfig } from '../../src/domain/config/lifecycle-config';
import { loadDispatchConfig } from '../../src/domain/config/load';
import { DAY_MS } from '../../src/domain/time';
import { CountyConfigs } from '../../src/use-cases/counties/county-configs';
import { backfillArrivals } from '../../src/use-cases/dispatch/arrival-backfill';
import { archiveClosedCases } from '../../src/use-cases/lifecycle/archive-closed-cases';
import { caseFiles } from '../../src/use-cases/lifecycle/case-files';
import { moveCounty, seedCounty } from '../support/ledger-county';
import { startTestRedis, uniqueCounty, type TestRedis } from '../support/redis';

/** The referral time of the cases seedCounty and moveCounty make. */
const AT = '2026-03-02T02:00:00.000Z';
const FIELD = `${Math.floor(Date.parse(AT) / DAY_MS)}:ordinary`;
const lifecycle = loadLifecycleConfig();

/**
 * Issue 20's leftover: a county admitted before the arrival index existed has cases but an empty
 * index. The backfill counts its held and archived cases into it, atomically raising each day's
 * count (tests on a private redis-server, or a unique county on TEST_REDIS_URL).
 */
describe('arrival-index backfill from Redis', () => {
  let server: TestRedis;
  let redis: TiaojieRedis;

  beforeAll(async () => {
    server = await startTestRedis();
    redis = createRedis(server.url);
  }, 60_000);

  afterAll(async () => {
    redis?.disconnect();
    await server?.stop();
  });

  /** c1 (open), c2 (withdrawn, archived), c3 (waiting), all referred at AT; then the index as before it existed. */
  async function countyBeforeTheIndex(): Promise<string> {
    const county = uniqueCounty('arrivals');
    await seedCounty(redis, county);
    await moveCounty(redis, county);
    const files = caseFiles(new RedisLifecycleStore(redis, county, 1000), lifecycle);
    const archived = await archiveClosedCases(files, new RedisCaseArchive(redis, county), new Date('2027-04-10T02:00:00.000Z'), {
      retentionDays: 365,
      maxPerRun: 100,
    });
    expect(archived.archived).toBe(1);
    const k = countyKeys(county);
    await redis.del(k.arrivals, k.arrivalsTrimmed);
    return county;
  }

  const backfill = (county: string, now?: Date) =>
    backfillArrivals({ sources: [new RedisReferralSource(redis, county)], index: new RedisArrivalBackfill(redis, county) }, now);

  test('when a county’s cases predate the index, then the backfill counts held and archived cases per day and class, and a second run changes nothing', async () => {
    const county = await countyBeforeTheIndex();
    expect(await backfill(county)).toEqual({ cases: 3, counts: 1, raised: 1 });
    expect(await redis.hgetall(countyKeys(county).arrivals)).toEqual({ [FIELD]: '3' });
    expect(await backfill(county)).toEqual({ cases: 3, counts: 1, raised: 0 });
    expect(await redis.hgetall(countyKeys(county).arrivals)).toEqual({ [FIELD]: '3' });
    expect(await new RedisArrivalBackfill(redis, county).backfilled()).toBe(true);
  });

  test('when the intake counted more than the records still show, then the backfill keeps the higher count; days beyond the index’s history are not counted', async () => {
    const county = await countyBeforeTheIndex();
    await redis.hset(countyKeys(county).arrivals, FIELD, '7');
    expect((await backfill(county)).raised).toBe(0);
    expect(await redis.hget(countyKeys(county).arrivals, FIELD)).toBe('7');
    // 801 days after the referrals, they are older than the longest history a rule may read.
    const later = new Date(Date.parse(AT) + 801 * DAY_MS);
    await redis.del(countyKeys(county).arrivals);
    expect(await backfill(county, later)).toEqual({ cases: 0, counts: 0, raised: 0 });
  });

  test('when a stored record is unreadable, then the backfill skips it and counts the rest', async () => {
    const county = await countyBeforeTheIndex();
    await redis.hset(lifecycleKeys(county).archive, 'broken', '{not json');
    await redis.hset(countyKeys(county).case('c3'), 'doc', JSON.stringify({ referredAt: AT, class: 'no-such-class' }));
    expect(await backfill(county)).toEqual({ cases: 2, counts: 1, raised: 1 });
    expect(await redis.hgetall(countyKeys(county).arrivals)).toEqual({ [FIELD]: '2' });
  });

  test('when the dispatch worker first runs for a county never backfilled, then it backfills the index from Redis, once', async () => {
    const county = await countyBeforeTheIndex();
    const configs = new CountyConfigs(new RedisCountyRegistry(redis), loadDispatchConfig());
    const dispatchAll = () => runCountyDispatch(redis, { county, caseIds: [], all: true }, configs, 1000);
    await dispatchAll();
    expect(await redis.hgetall(countyKeys(county).arrivals)).toEqual({ [FIELD]: '3' });
    // Marked: a later dispatch reads the index as it is (the intake keeps it from here on).
    await redis.hset(countyKeys(county).arrivals, FIELD, '1');
    await dispatchAll();
    expect(await redis.hget(countyKeys(county).arrivals, FIELD)).toBe('1');
  });
});
