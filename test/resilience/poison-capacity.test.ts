import { countyKeys } from '../../src/adapters/redis/keys';
import { createRedis, type TiaojieRedis } from '../../src/adapters/redis/redis-connection';
import { mediators, referrals } from '../support/county-fixture';
import { startTestRedis, type TestRedis } from '../support/redis';
import { putFixtureMediators, startTestService, waitFor, type TestService } from '../support/service';

/** The figure of issue 18: PATCHed in, then one referral killed the shared dispatch worker for every county. */
const POISON = 169_220_804;

async function settledStatuses(client: TiaojieRedis, county: string, ids: readonly string[]): Promise<(string | null)[] | undefined> {
  const st = await Promise.all(ids.map((id) => client.hget(countyKeys(county).case(id), 'status')));
  // Major cases are proposed (the default dispatch mode for them): decided by the optimizer too.
  return st.every((s) => s === 'assigned' || s === 'unassigned' || s === 'proposed') ? st : undefined;
}

describe('resilience: the poison capacity (issue 18, defect 1)', () => {
  let redis: TestRedis;
  let client: TiaojieRedis;
  let svc: TestService;
  let other: string;

  beforeAll(async () => {
    redis = await startTestRedis();
    client = createRedis(redis.url);
    // The default: dispatch solves on a solve thread, where the fatal "invalid size" error struck.
    svc = await startTestService({ redisUrl: redis.url, env: { REBALANCE_NIGHTLY: 'false', SOLVE_THREADS: '1' } });
    other = `${svc.county}-other`;
    expect((await putFixtureMediators(svc)).status).toBe(200);
    expect((await svc.call('PUT', '/v1/mediators', { key: svc.keys.otherCounty, body: mediators() })).status).toBe(200);
  });

  afterAll(async () => {
    await svc?.stop();
    client?.disconnect();
    await redis?.stop();
  });

  test('when a dispatcher PATCHes capacity 169220804, then it is a 400 naming body.capacity, the record is unchanged, and a referral is still dispatched', async () => {
    const target = mediators()[0]!;
    const patch = await svc.call('PATCH', `/v1/mediators/${target.id}`, { key: svc.keys.dispatcher, body: { capacity: POISON } });
    expect(patch.status).toBe(400);
    expect(patch.body.error.code).toBe('validation_failed');
    expect(patch.body.error.details.field).toBe('body.capacity');
    const put = await svc.call('PUT', '/v1/mediators', { key: svc.keys.admin, body: [{ ...target, capacity: POISON }] });
    expect(put.status).toBe(400);
    expect(put.body.error.details.field).toBe('body[0].capacity');
    const stored = await svc.call('GET', `/v1/mediators/${target.id}`, { key: svc.keys.viewer });
    expect(stored.body.capacity).toBe(target.capacity);

    const post = await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: referrals(1, 'after-patch', 31) });
    expect(post.status).toBe(202);
    const st = await waitFor(() => settledStatuses(client, svc.county, [post.body.cases[0].caseId]), 20_000);
    expect(st).toEqual(['assigned']);
  });

  test('when the poison capacity is written straight into county A’s Redis, then the worker survives, quarantines it, and both counties keep dispatching', async () => {
    // The API now refuses it, so it comes the way a bad restore or another writer would bring it.
    const k = countyKeys(svc.county);
    const victim = mediators()[1]!;
    await client
      .multi()
      .hset(k.mediators, victim.id, JSON.stringify({ ...victim, capacity: POISON }))
      .hset(k.capacity, victim.id, String(POISON))
      .incr(k.mediatorsVersion)
      .exec();

    const started = Date.now();
    const postA = await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: referrals(30, 'poison-a', 32) });
    const postB = await svc.call('POST', '/v1/referrals', { key: svc.keys.otherCounty, body: referrals(30, 'poison-b', 33) });
    expect([postA.status, postB.status]).toEqual([202, 202]);
    const idsA: string[] = postA.body.cases.map((c: { caseId: string }) => c.caseId);
    const idsB: string[] = postB.body.cases.map((c: { caseId: string }) => c.caseId);
    const [stA, stB] = await Promise.all([
      waitFor(() => settledStatuses(client, svc.county, idsA), 30_000),
      waitFor(() => settledStatuses(client, other, idsB), 30_000),
    ]);
    const seconds = (Date.now() - started) / 1000;
    const assignedA = stA.filter((s) => s === 'assigned').length;
    const assignedB = stB.filter((s) => s === 'assigned').length;
    console.log(`poison-capacity: A ${assignedA}/30 and B ${assignedB}/30 assigned in ${seconds.toFixed(2)} s with the poison record in A`);
    expect(assignedA).toBeGreaterThan(20);
    expect(assignedB).toBeGreaterThan(20);
    const seats = (await Promise.all(idsA.map((id) => client.hget(k.case(id), 'assignment')))).flatMap((a) =>
      a ? (JSON.parse(a) as { mediatorIds: string[] }).mediatorIds : [],
    );
    expect(seats).not.toContain(victim.id);
    // Quarantined and reported: counted for A (never for B); the log line carries county, id and reason.
    const counter = (await svc.service.metrics.registry.getSingleMetric('tiaojie_records_quarantined_total')!.get()).values;
    expect(counter.filter((v) => v.labels.county === svc.county && v.labels.kind === 'mediator').length).toBe(1);
    expect(counter.filter((v) => v.labels.county === other)).toEqual([]);
    // The worker is alive and the API answers.
    expect((await svc.call('GET', '/healthz')).status).toBe(200);
    expect(svc.service.dispatch?.worker.isRunning()).toBe(true);
  });
});
