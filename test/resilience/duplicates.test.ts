/**
 * Concurrent duplicates (issue 18, "The suite"): a court's system that retries, or two of them
 * sending the same referral at once, must make one case — one record, one event, one job.
 */
import { countyKeys } from '../../src/adapters/redis/keys';
import { createRedis } from '../../src/adapters/redis/redis-connection';
import { flatPairs } from '../../src/adapters/redis/replies';
import { referrals } from '../support/county-fixture';
import { startTestRedis, type TestRedis } from '../support/redis';
import { putFixtureMediators, startTestService, type TestService } from '../support/service';
import { dispatchQueueCounts, report } from './support/checker';

/** Rounds of the race, each with a new externalId, so one lucky ordering cannot pass the test. */
const ROUNDS = 20;
const CONCURRENT = 10;

describe('concurrent duplicates', () => {
  let redis: TestRedis;
  let svc: TestService;

  beforeAll(async () => {
    redis = await startTestRedis();
    // No worker: the cases stay `referred`, so the queue still holds every job that was enqueued.
    svc = await startTestService({ redisUrl: redis.url, worker: false });
    expect((await putFixtureMediators(svc)).status).toBe(200);
  });
  afterAll(async () => {
    await svc?.stop();
    await redis?.stop();
  });

  test(`when ${CONCURRENT} POSTs of the same externalId arrive at once, then exactly one case, one event and one job exist`, async () => {
    const sent = referrals(ROUNDS, 'dup');
    let created = 0;
    let serverErrors = 0;
    for (const referral of sent) {
      const replies = await Promise.all(
        Array.from({ length: CONCURRENT }, () => svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: referral })),
      );
      serverErrors += replies.filter((r) => r.status >= 500).length;
      expect(replies.map((r) => r.status)).toEqual(Array<number>(CONCURRENT).fill(202));
      const caseIds = new Set(replies.map((r) => r.body.cases[0].caseId as string));
      expect(caseIds.size).toBe(1);
      const outcomes = replies.map((r) => r.body.cases[0].outcome as string);
      expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
      created += outcomes.filter((o) => o === 'created').length;
    }

    const client = createRedis(redis.url);
    try {
      const keys = countyKeys(svc.county);
      const cases = await client.zcard(keys.cases);
      const referredEvents = (await client.xrange(keys.events, '-', '+')).filter(
        ([, fields]) => Object.fromEntries(flatPairs(fields)).type === 'case.referred',
      ).length;
      const counts = await dispatchQueueCounts(redis.url, svc.service.config.QUEUE_PREFIX);
      const jobs = Object.values(counts).reduce((a, b) => a + b, 0);
      report('duplicates', { requests: ROUNDS * CONCURRENT, externalIds: ROUNDS, created, cases, referredEvents, jobs, serverErrors });
      expect(cases).toBe(ROUNDS);
      expect(referredEvents).toBe(ROUNDS);
      expect(jobs).toBe(ROUNDS);
      expect(serverErrors).toBe(0);
    } finally {
      client.disconnect();
    }
  });
});
