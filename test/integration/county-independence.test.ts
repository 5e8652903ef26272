import { Queue } from 'bullmq';
import { REFERRALS_QUEUE } from '../../src/adapters/queue/names';
import { countyKeys } from '../../src/adapters/redis/keys';
import { acquireRebalanceLock, releaseRebalanceLock } from '../../src/adapters/redis/rebalance-lock';
import { createRedis, type TiaojieRedis } from '../../src/adapters/redis/redis-connection';
import { mediators, referrals } from '../support/county-fixture';
import { startTestRedis, type TestRedis } from '../support/redis';
import { putFixtureMediators, startTestService, waitFor, type TestService } from '../support/service';

/** case id → how many case.assigned events name it. */
async function assignedEvents(client: TiaojieRedis, county: string): Promise<Map<string, number>> {
  const events = (await client.xrange(countyKeys(county).events, '-', '+')) as [string, string[]][];
  const count = new Map<string, number>();
  for (const [, f] of events) {
    if (f[1] !== 'case.assigned') continue;
    const id = (JSON.parse(f[3]!) as { caseId: string }).caseId;
    count.set(id, (count.get(id) ?? 0) + 1);
  }
  return count;
}

/** Loads equal to the open assignments: nothing counted twice or lost. */
async function expectLoadsMatchAssignments(client: TiaojieRedis, county: string, ids: readonly string[]): Promise<void> {
  const k = countyKeys(county);
  const held = new Map<string, number>();
  for (const id of ids) {
    const raw = await client.hget(k.case(id), 'assignment');
    for (const m of raw ? (JSON.parse(raw) as { mediatorIds: string[] }).mediatorIds : []) held.set(m, (held.get(m) ?? 0) + 1);
  }
  for (const [m, n] of Object.entries(await client.hgetall(k.loads))) expect(Number(n)).toBe(held.get(m) ?? 0);
}

describe('dispatch of one county does not wait for another county’s rebalance (real Redis)', () => {
  let redis: TestRedis;
  let client: TiaojieRedis;
  let svc: TestService;
  let other: string;

  beforeAll(async () => {
    redis = await startTestRedis();
    client = createRedis(redis.url);
    // Small batches: the worker holds at most 2 × 2 jobs at once, fewer than the locked county's referrals.
    svc = await startTestService({ redisUrl: redis.url, env: { REBALANCE_NIGHTLY: 'false', DISPATCH_BATCH_SIZE: '2' } });
    other = `${svc.county}-other`;
    expect((await putFixtureMediators(svc)).status).toBe(200);
    expect((await svc.call('PUT', '/v1/mediators', { key: svc.keys.otherCounty, body: mediators() })).status).toBe(200);
  });

  afterAll(async () => {
    await svc?.stop();
    client?.disconnect();
    await redis?.stop();
  });

  test('when county B is being rebalanced, then county A’s referrals are dispatched meanwhile, B’s wait without using up attempts, and afterwards each is assigned once', async () => {
    const token = await acquireRebalanceLock(client, other, 60_000);
    expect(token).not.toBeNull();
    let released = false;
    try {
      const postedB = await svc.call('POST', '/v1/referrals', { key: svc.keys.otherCounty, body: referrals(10, 'locked-b', 5) });
      expect(postedB.status).toBe(202);
      const idsB: string[] = postedB.body.cases.map((c: { caseId: string }) => c.caseId);
      // B's jobs reach the worker (and find the lock) before A's arrive.
      await new Promise((r) => setTimeout(r, 500));
      const postedA = await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: referrals(3, 'free-a', 6) });
      const idsA: string[] = postedA.body.cases.map((c: { caseId: string }) => c.caseId);
      await waitFor(async () => {
        const st = await Promise.all(idsA.map((id) => client.hget(countyKeys(svc.county).case(id), 'status')));
        return st.every((x) => x !== 'referred') ? true : undefined;
      }, 15_000);
      // …while B still holds its lock and none of its cases was touched or failed.
      const statusesB = await Promise.all(idsB.map((id) => client.hget(countyKeys(other).case(id), 'status')));
      expect(statusesB.every((st) => st === 'referred')).toBe(true);
      const queue = new Queue(REFERRALS_QUEUE, { connection: { url: redis.url }, prefix: svc.service.config.QUEUE_PREFIX });
      try {
        for (const id of idsB) {
          const job = await queue.getJob(id);
          expect(['delayed', 'waiting', 'active', 'prioritized']).toContain(await job!.getState());
          expect(job!.attemptsMade).toBe(0);
        }
      } finally {
        await queue.close();
      }

      await releaseRebalanceLock(client, other, token!);
      released = true;
      await waitFor(async () => {
        const st = await Promise.all(idsB.map((id) => client.hget(countyKeys(other).case(id), 'status')));
        return st.every((x) => x !== 'referred') ? true : undefined;
      }, 30_000);
      for (const [county, ids] of [
        [svc.county, idsA],
        [other, idsB],
      ] as const) {
        const events = await assignedEvents(client, county);
        for (const id of ids) {
          expect(['assigned', 'unassigned']).toContain(await client.hget(countyKeys(county).case(id), 'status'));
          expect(events.get(id) ?? 0).toBeLessThanOrEqual(1);
        }
        expect(ids.filter((id) => events.get(id) === 1).length).toBeGreaterThan(0);
        await expectLoadsMatchAssignments(client, county, ids);
      }
    } finally {
      if (!released) await releaseRebalanceLock(client, other, token!);
    }
  });
});
