import type { Counter } from 'prom-client';
import { countyKeys } from '../../src/adapters/redis/keys';
import { CaseRepo } from '../../src/adapters/redis/case-repo';
import { createRedis, type TiaojieRedis } from '../../src/adapters/redis/redis-connection';
import type { Case } from '../../src/domain';
import { caseIdFor } from '../../src/use-cases/intake/case-id';
import { mediators, referrals } from '../support/county-fixture';
import { startTestRedis, type TestRedis } from '../support/redis';
import { putFixtureMediators, startTestService, waitFor, type TestService } from '../support/service';

const POISON_ID = 'poison-capacity';
const BROKEN_ID = 'broken-json';

/** Writes mediator records straight into Redis, around the API, as a bad writer or a corrupt restore would. */
async function injectBadMediators(client: TiaojieRedis, county: string): Promise<void> {
  const k = countyKeys(county);
  const template = mediators()[0]!;
  const poison = { ...template, id: POISON_ID, capacity: 169_220_804 };
  await client
    .multi()
    .hset(k.mediators, POISON_ID, JSON.stringify(poison))
    .hset(k.capacity, POISON_ID, String(poison.capacity))
    .hset(k.mediatorStatus, POISON_ID, 'active')
    .hset(k.mediators, BROKEN_ID, '{"id": "broken-json", "capacity": ')
    .incr(k.mediatorsVersion)
    .exec();
}

async function statusOf(client: TiaojieRedis, county: string, ids: readonly string[]): Promise<(string | null)[]> {
  return Promise.all(ids.map((id) => client.hget(countyKeys(county).case(id), 'status')));
}

const settled = (st: readonly (string | null)[]) => (st.every((s) => s === 'assigned' || s === 'unassigned') ? true : undefined);

describe('a poison record in one county’s Redis is quarantined; that county and the others keep dispatching (real Redis)', () => {
  let redis: TestRedis;
  let client: TiaojieRedis;
  let svc: TestService;
  let other: string;

  beforeAll(async () => {
    redis = await startTestRedis();
    client = createRedis(redis.url);
    svc = await startTestService({ redisUrl: redis.url, env: { REBALANCE_NIGHTLY: 'false' } });
    other = `${svc.county}-other`;
    expect((await putFixtureMediators(svc)).status).toBe(200);
    expect((await svc.call('PUT', '/v1/mediators', { key: svc.keys.otherCounty, body: mediators() })).status).toBe(200);
    await injectBadMediators(client, svc.county);
  });

  afterAll(async () => {
    await svc?.stop();
    client?.disconnect();
    await redis?.stop();
  });

  test('when county A holds a mediator with capacity 169,220,804 and one that is not JSON, then A’s referrals go to its other mediators and B’s are dispatched too', async () => {
    const started = Date.now();
    const postA = await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: referrals(20, 'poison-a', 11) });
    const postB = await svc.call('POST', '/v1/referrals', { key: svc.keys.otherCounty, body: referrals(20, 'poison-b', 12) });
    expect([postA.status, postB.status]).toEqual([202, 202]);
    const idsA: string[] = postA.body.cases.map((c: { caseId: string }) => c.caseId);
    const idsB: string[] = postB.body.cases.map((c: { caseId: string }) => c.caseId);
    await waitFor(async () => settled(await statusOf(client, svc.county, idsA)), 30_000);
    await waitFor(async () => settled(await statusOf(client, other, idsB)), 30_000);
    console.log(`poison-record: 40 referrals of two counties settled in ${Date.now() - started} ms`);

    for (const [county, ids] of [
      [svc.county, idsA],
      [other, idsB],
    ] as const) {
      const assignments = await Promise.all(ids.map((id) => client.hget(countyKeys(county).case(id), 'assignment')));
      const seats = assignments.flatMap((a) => (a ? (JSON.parse(a) as { mediatorIds: string[] }).mediatorIds : []));
      expect(assignments.filter((a) => a !== null).length).toBeGreaterThan(ids.length / 2);
      expect(seats).not.toContain(POISON_ID);
      expect(seats).not.toContain(BROKEN_ID);
    }
    // Reported: counted per county and kind (the log line carries county, id and reason).
    const counter = svc.service.metrics.registry.getSingleMetric('tiaojie_records_quarantined_total') as Counter;
    const values = (await counter.get()).values;
    const forA = values.filter((v) => v.labels.county === svc.county && v.labels.kind === 'mediator');
    expect(forA.reduce((n, v) => n + v.value, 0)).toBeGreaterThan(0);
    expect(values.filter((v) => v.labels.county === other)).toEqual([]);
    // The API still answers for the bad record's county, and the bad records are not listed.
    const list = await svc.call('GET', '/v1/mediators', { key: svc.keys.viewer });
    expect(list.status).toBe(200);
    expect(list.body.mediators.map((m: { id: string }) => m.id)).not.toContain(POISON_ID);
  });

  test('when a stored case fails validation, then dispatch marks it unassigned (invalid_record, with an event) and assigns the rest', async () => {
    const repo = new CaseRepo(client, svc.county, 100_000);
    const [good] = referrals(1, 'case-ok', 21);
    const goodPost = await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: good });
    expect(goodPost.status).toBe(202);
    const badId = caseIdFor(svc.county, 'case-bad');
    // Written around the API: an amount no schema admits.
    const bad = {
      ...referrals(1, 'case-bad', 22)[0]!,
      id: badId,
      county: svc.county,
      class: 'ordinary',
      classSource: 'given',
      location: { lat: 30, lng: 110 },
      deadlineAt: '2026-12-31T00:00:00Z',
      amountYuan: 1e15,
      status: 'referred',
      assignment: null,
    } as Case;
    expect(await repo.intake([bad])).toEqual([{ caseId: badId, created: true }]);
    const job = await svc.call('POST', '/v1/dispatch', { key: svc.keys.dispatcher });
    expect(job.status).toBe(202);
    await waitFor(
      async () => ((await client.hget(countyKeys(svc.county).case(badId), 'status')) === 'unassigned' ? true : undefined),
      30_000,
    );
    expect(await client.hget(countyKeys(svc.county).case(badId), 'reason')).toBe('invalid_record');
    const goodId: string = goodPost.body.cases[0].caseId;
    await waitFor(async () => settled(await statusOf(client, svc.county, [goodId])), 30_000);
    expect(await client.hget(countyKeys(svc.county).case(goodId), 'status')).toBe('assigned');
    const events = (await client.xrange(countyKeys(svc.county).events, '-', '+')) as [string, string[]][];
    const unassigned = events
      .filter(([, f]) => f[1] === 'case.unassigned')
      .map(([, f]) => JSON.parse(f[3]!) as { caseId: string; reason: string });
    expect(unassigned).toContainEqual(expect.objectContaining({ caseId: badId, reason: 'invalid_record' }));
    const jobView = await waitFor(async () => {
      const r = await svc.call('GET', `/v1/jobs/${job.body.jobId}`, { key: svc.keys.dispatcher });
      return r.body?.state === 'completed' ? r.body : undefined;
    }, 30_000);
    expect(jobView.failedReason).toBeNull();
  });
});
