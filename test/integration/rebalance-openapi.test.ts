import { countyKeys } from '../../src/adapters/redis/keys';
import { acquireRebalanceLock, releaseRebalanceLock } from '../../src/adapters/redis/rebalance-lock';
import { createRedis, type TiaojieRedis } from '../../src/adapters/redis/redis-connection';
import { referrals } from '../support/county-fixture';
import { conformance, replyProblems } from '../support/openapi-check';
import { startTestRedis, type TestRedis } from '../support/redis';
import { putFixtureMediators, startTestService, waitFor, type TestReply, type TestService } from '../support/service';

/** Every real answer of POST /v1/rebalance, checked against what GET /openapi.json says of it. */
describe('POST /v1/rebalance answers as its OpenAPI entry documents (real Redis)', () => {
  let redis: TestRedis;
  let client: TiaojieRedis;
  let svc: TestService;
  let doc: TestReply['body'];

  const post = (s: TestService, body: object) => s.call('POST', '/v1/rebalance', { key: s.keys.dispatcher, body });

  beforeAll(async () => {
    redis = await startTestRedis();
    client = createRedis(redis.url);
    svc = await startTestService({ redisUrl: redis.url, env: { REBALANCE_NIGHTLY: 'false' } });
    expect((await putFixtureMediators(svc)).status).toBe(200);
    const ids: string[] = (await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: referrals(20, 'doc') })).body.cases.map(
      (c: { caseId: string }) => c.caseId,
    );
    await waitFor(async () => {
      const st = await Promise.all(ids.map((id) => client.hget(countyKeys(svc.county).case(id), 'status')));
      return st.every((x) => x !== 'referred') ? true : undefined;
    }, 60_000);
    doc = (await svc.call('GET', '/openapi.json')).body;
  });

  afterAll(async () => {
    await svc?.stop();
    client?.disconnect();
    await redis?.stop();
  });

  test('the entry documents exactly the statuses the route answers, each success with its own body', () => {
    const op = doc.paths['/v1/rebalance'].post;
    expect(Object.keys(op.responses).sort()).toEqual(['200', '202', '400', '401', '403', '409', '413', '429', '500', '503']);
    expect(op.responses['202'].headers).toHaveProperty('Location');
    expect(op.responses['503'].description).toMatch(/no rebalance worker/i);
    expect(op.responses['503'].description).toMatch(/nothing is queued/);
    // The 200 body is the plan only: a queued-run body does not pass for it.
    const queued = { jobId: 'j', state: 'waiting', statusUrl: '/v1/rebalance/jobs/j' };
    expect(conformance(doc, op.responses['200'].content['application/json'].schema, queued)).not.toEqual([]);
    expect(conformance(doc, op.responses['202'].content['application/json'].schema, queued)).toEqual([]);
  });

  test('when a dry run finishes in time, then 200 with the plan as documented', async () => {
    const r = await post(svc, {});
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('planned');
    expect(replyProblems(doc, 'POST', '/v1/rebalance', r)).toEqual([]);
  });

  test('when a dry run is not waited for, or a run is to be applied, then 202 with the job and Location as documented', async () => {
    const dry = await post(svc, { waitSeconds: 0 });
    expect(dry.status).toBe(202);
    expect(replyProblems(doc, 'POST', '/v1/rebalance', dry)).toEqual([]);
    const apply = await post(svc, { dryRun: false });
    expect(apply.status).toBe(202);
    expect(replyProblems(doc, 'POST', '/v1/rebalance', apply)).toEqual([]);
    for (const url of [dry.body.statusUrl, apply.body.statusUrl]) {
      await waitFor(
        async () => ((await svc.call('GET', url, { key: svc.keys.viewer })).body.state === 'completed' ? true : undefined),
        60_000,
      );
    }
  });

  test('when an applying run holds the county lock, then 409 with the documented conflict body', async () => {
    const token = await acquireRebalanceLock(client, svc.county, 10_000);
    try {
      const r = await post(svc, {});
      expect(r.status).toBe(409);
      expect(replyProblems(doc, 'POST', '/v1/rebalance', r)).toEqual([]);
    } finally {
      await releaseRebalanceLock(client, svc.county, token!);
    }
  });

  test('when no rebalance worker runs, then 503 with the documented unavailable body', async () => {
    const bare = await startTestService({ redisUrl: redis.url, worker: false, env: { REBALANCE_NIGHTLY: 'false' } });
    try {
      const r = await post(bare, { dryRun: false });
      expect(r.status).toBe(503);
      expect(replyProblems(doc, 'POST', '/v1/rebalance', r)).toEqual([]);
      // A wrong code would be caught: the documented 503 body pins it.
      expect(replyProblems(doc, 'POST', '/v1/rebalance', { ...r, body: { error: { code: 'conflict', message: 'x' } } })).not.toEqual([]);
    } finally {
      await bare.stop();
    }
  });
});
