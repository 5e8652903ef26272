import { IntakeShare, slicePriorities } from '../../src/adapters/queue/intake-share';
import { connectRedis, type RedisClient } from '../../src/adapters/redis/redis-connection';
import { startTestRedis, uniqueCounty, type TestRedis } from '../support/redis';

describe('IntakeShare (counts in Redis)', () => {
  const t0 = 1_700_000_000_000;
  let redis: TestRedis;
  let client: RedisClient;
  const share = (slice: number, windowMs?: number): IntakeShare =>
    new IntakeShare(() => Promise.resolve(client), { slice, ...(windowMs ? { windowMs } : {}) });
  beforeAll(async () => {
    redis = await startTestRedis();
    client = connectRedis(redis.url);
  });
  afterAll(async () => {
    client?.disconnect();
    await redis?.stop();
  });

  test('when a county stays within its slice, then every job goes to the FIFO (priority 0)', async () => {
    const s = share(4);
    const a = uniqueCounty('a');
    expect([...(await s.take(a, 2, t0)), ...(await s.take(a, 2, t0 + 500))]).toEqual([0, 0, 0, 0]);
  });

  test('when a county exceeds its slice, then each further slice gets the next priority', async () => {
    const s = share(4);
    const a = uniqueCounty('a');
    expect(await s.take(a, 3, t0)).toEqual([0, 0, 0]);
    expect(await s.take(a, 7, t0 + 1000)).toEqual([0, 1, 1, 1, 1, 2, 2]);
  });

  test('when another county is busy, then a quiet county still gets priority 0', async () => {
    const s = share(4);
    await s.take(uniqueCounty('busy'), 100, t0);
    expect(await s.take(uniqueCounty('quiet'), 1, t0)).toEqual([0]);
  });

  test('when the window has passed, then the county starts again from the FIFO', async () => {
    const s = share(4, 10_000);
    const a = uniqueCounty('a');
    await s.take(a, 100, t0);
    expect(await s.take(a, 1, t0 + 9_000)).toEqual([25]);
    expect(await s.take(a, 1, t0 + 11_000)).toEqual([0]);
  });

  test('when two processes count the same county, then the second sees the first one’s referrals', async () => {
    const a = uniqueCounty('a');
    const [first, second] = [share(4), share(4)];
    expect(await first.take(a, 4, t0)).toEqual([0, 0, 0, 0]);
    expect(await second.take(a, 4, t0 + 2_000)).toEqual([1, 1, 1, 1]);
  });

  test('when many intakes of one county count at once, then every referral gets a distinct place', async () => {
    const a = uniqueCounty('a');
    const takes = await Promise.all(Array.from({ length: 20 }, () => share(5).take(a, 1, t0)));
    expect(takes.flat().sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => Math.floor(i / 5)));
  });

  test('when the slice is 0, then every job goes to the FIFO', async () => {
    expect(await share(0).take(uniqueCounty('a'), 3, t0)).toEqual([0, 0, 0]);
    expect(slicePriorities(130, 3, 64)).toEqual([2, 2, 2]);
  });
});
