import { randomUUID } from 'node:crypto';
import { Worker } from 'bullmq';
import { createQueues, enqueueReferrals, type ServiceQueues } from '../../src/adapters/queue/queues';
import { REFERRALS_QUEUE } from '../../src/adapters/queue/names';
import type { DispatchJob } from '../../src/adapters/queue/job-schemas';
import { bullConnection } from '../../src/adapters/redis/redis-connection';
import { startTestRedis, uniqueCounty, type TestRedis } from '../support/redis';

/** Takes every job of the queue one at a time and answers the county of each, in the order taken. */
async function takeOrder(url: string, prefix: string, total: number): Promise<string[]> {
  const order: string[] = [];
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  const worker = new Worker<DispatchJob>(
    REFERRALS_QUEUE,
    (job) => {
      order.push(job.data.county);
      if (order.length === total) done();
      return Promise.resolve(null);
    },
    { connection: bullConnection(url), prefix, concurrency: 1 },
  );
  await finished;
  await worker.close();
  return order;
}

describe('fair enqueue across counties', () => {
  let redis: TestRedis;
  let queues: ServiceQueues;
  let prefix: string;
  beforeAll(async () => {
    redis = await startTestRedis();
  });
  beforeEach(() => {
    prefix = `{fair-${randomUUID()}}`;
    queues = createQueues(bullConnection(redis.url), prefix);
  });
  afterEach(async () => {
    await queues.close();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  test('when one county posts 300 referrals in bulk and another one referral after it, then the other is taken within the first slice', async () => {
    const busy = uniqueCounty('busy');
    const quiet = uniqueCounty('quiet');
    await enqueueReferrals(
      queues.referrals,
      busy,
      Array.from({ length: 300 }, (_, i) => `case_b${i}`),
    );
    await enqueueReferrals(queues.referrals, quiet, ['case_q0']);
    const order = await takeOrder(redis.url, prefix, 301);
    expect(order.indexOf(quiet)).toBe(64);
    expect(order.filter((c) => c === busy)).toHaveLength(300);
  });

  test('when two counties post bulks one after the other, then their slices are taken in turn', async () => {
    const first = uniqueCounty('first');
    const second = uniqueCounty('second');
    const share = createQueues(bullConnection(redis.url), prefix, undefined, { slice: 10 });
    await enqueueReferrals(
      queues.referrals,
      first,
      Array.from({ length: 40 }, (_, i) => `case_f${i}`),
      share.intakeShare,
    );
    await enqueueReferrals(
      queues.referrals,
      second,
      Array.from({ length: 40 }, (_, i) => `case_s${i}`),
      share.intakeShare,
    );
    await share.close();
    const order = await takeOrder(redis.url, prefix, 80);
    // Both first slices (the FIFO), then one slice of each per priority level.
    const slices = Array.from({ length: 8 }, (_, k) => order.slice(k * 10, k * 10 + 10));
    expect(slices.map((s) => (new Set(s).size === 1 ? s[0] : 'mixed'))).toEqual([
      first,
      second,
      first,
      second,
      first,
      second,
      first,
      second,
    ]);
  });

  test('when one county sends many small requests, then a referral of another county sent after them passes the excess', async () => {
    const busy = uniqueCounty('busy');
    const quiet = uniqueCounty('quiet');
    for (let r = 0; r < 10; r++)
      await enqueueReferrals(
        queues.referrals,
        busy,
        Array.from({ length: 10 }, (_, i) => `case_b${r}_${i}`),
        queues.intakeShare,
      );
    await enqueueReferrals(queues.referrals, quiet, ['case_q0'], queues.intakeShare);
    const order = await takeOrder(redis.url, prefix, 101);
    expect(order.indexOf(quiet)).toBe(64);
  });

  test('when one county sends small requests to two API processes in turn, then another county passes its excess as with one process', async () => {
    const busy = uniqueCounty('busy');
    const quiet = uniqueCounty('quiet');
    // A second process's queues: same Redis, same queue, its own IntakeShare and client.
    const other = createQueues(bullConnection(redis.url), prefix);
    try {
      for (let r = 0; r < 10; r++)
        await enqueueReferrals(
          (r % 2 ? other : queues).referrals,
          busy,
          Array.from({ length: 10 }, (_, i) => `case_b${r}_${i}`),
          (r % 2 ? other : queues).intakeShare,
        );
      await enqueueReferrals(other.referrals, quiet, ['case_q0'], other.intakeShare);
    } finally {
      await other.close();
    }
    const order = await takeOrder(redis.url, prefix, 101);
    // Per process each would have granted 64: the quiet county would come 101st, after all of them.
    expect(order.indexOf(quiet)).toBe(64);
  });

  test('when a request holds no more than one slice, then its jobs stay in the FIFO in order', async () => {
    const county = uniqueCounty('small');
    await enqueueReferrals(queues.referrals, county, ['case_a', 'case_b', 'case_c']);
    expect(await queues.referrals.getJobCounts('waiting', 'prioritized')).toEqual({ waiting: 3, prioritized: 0 });
  });
});
