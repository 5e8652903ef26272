import { referrals } from '../support/county-fixture';
import { startTestRedis, type TestRedis } from '../support/redis';
import { putFixtureMediators, startTestService, type TestService } from '../support/service';

/**
 * Issue 18 items 4 and 8: bull-board's API and /metrics show every county's jobs and counters, so
 * only an installation admin (county "*") reads them; intake is limited per API key.
 */
describe('scoping: installation-wide routes and intake limits', () => {
  let redis: TestRedis;
  let svc: TestService;

  beforeAll(async () => {
    redis = await startTestRedis();
    svc = await startTestService({ redisUrl: redis.url, worker: false, env: { INTAKE_RATE_LIMIT: '3' } });
    expect((await putFixtureMediators(svc)).status).toBe(200);
  });

  afterAll(async () => {
    await svc?.stop();
    await redis?.stop();
  });

  test("when another county's admin (or this county's admin or viewer) reads bull-board's API or /metrics, then 403", async () => {
    for (const key of [svc.keys.otherCounty, svc.keys.admin, svc.keys.viewer, svc.keys.dispatcher]) {
      for (const path of ['/admin/queues/api/queues', '/metrics']) {
        const res = await svc.call('GET', path, { key });
        expect({ path, status: res.status, code: res.body?.error?.code }).toEqual({ path, status: 403, code: 'forbidden' });
      }
    }
  });

  test('when the installation admin reads them, then 200 with the queues and the counters', async () => {
    const queues = await svc.call('GET', '/admin/queues/api/queues', { key: svc.keys.installation });
    expect(queues.status).toBe(200);
    expect(JSON.stringify(queues.body)).toContain('referrals');
    const metrics = await svc.call('GET', '/metrics', { key: svc.keys.installation });
    expect(metrics.status).toBe(200);
    expect(metrics.body).toMatch(/tiaojie_http_request_duration_seconds/);
  });

  test('when the installation admin calls a county route, then 403 (it has no county)', async () => {
    expect((await svc.call('GET', '/v1/cases', { key: svc.keys.installation })).status).toBe(403);
    expect((await svc.call('GET', '/v1/mediators', { key: svc.keys.installation })).status).toBe(403);
    const post = await svc.call('POST', '/v1/referrals', { key: svc.keys.installation, body: referrals(1, 'inst')[0] });
    expect(post.status).toBe(403);
  });

  test('when a key posts more referral requests than INTAKE_RATE_LIMIT a minute, then 429 with Retry-After; other keys go on', async () => {
    const batch = referrals(5, 'rate');
    for (let i = 0; i < 3; i++) {
      expect((await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: batch[i] })).status).toBeLessThan(300);
    }
    const limited = await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: batch[3] });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await svc.call('POST', '/v1/referrals', { key: svc.keys.admin, body: batch[4] })).status).toBeLessThan(300);
  });
});
