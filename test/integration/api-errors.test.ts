import { mediators, referrals } from '../support/county-fixture';
import { startTestRedis, type TestRedis } from '../support/redis';
import { putFixtureMediators, startTestService, type TestReply, type TestService } from '../support/service';
import { omit } from '../../src/domain/omit';
import { createRedis } from '../../src/adapters/redis/redis-connection';
import { countyKeys } from '../../src/adapters/redis/keys';

/** The API's error contract, without a worker so referred cases stay waiting. */
describe('API errors', () => {
  let redis: TestRedis;
  let svc: TestService;
  let caseId: string;

  beforeAll(async () => {
    redis = await startTestRedis();
    svc = await startTestService({ redisUrl: redis.url, worker: false, env: { BODY_LIMIT: '512kb', REFERRALS_MAX_PER_REQUEST: '50' } });
    expect((await putFixtureMediators(svc)).status).toBe(200);
    const posted = await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: referrals(1, 'err')[0] });
    caseId = posted.body.cases[0].caseId;
  });

  afterAll(async () => {
    await svc?.stop();
    await redis?.stop();
  });

  const expectError = (res: TestReply, status: number, code: string): void => {
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(typeof res.body.error.message).toBe('string');
    expect(JSON.stringify(res.body)).not.toMatch(/\n\s+at |\.ts:\d+/); // no stack traces
  };

  test('when a body field is invalid, then 400 names the field', async () => {
    const noCategory = omit(referrals(1, 'bad')[0]!, 'category');
    const r1 = await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: noCategory });
    expectError(r1, 400, 'validation_failed');
    expect(r1.body.error.details.field).toBe('body.category');

    const r2 = await svc.call('POST', '/v1/referrals', {
      key: svc.keys.court,
      body: [referrals(1, 'ok')[0], { ...referrals(1, 'bad2')[0], village: 'nowhere' }],
    });
    expectError(r2, 400, 'validation_failed');
    expect(r2.body.error.details.field).toBe('body[1].village');

    const r3 = await svc.call('PATCH', `/v1/mediators/${mediators()[0]!.id}`, { key: svc.keys.dispatcher, body: { capacity: -1 } });
    expectError(r3, 400, 'validation_failed');
    expect(r3.body.error.details.field).toBe('body.capacity');

    const r4 = await svc.call('GET', '/v1/cases?status=bogus', { key: svc.keys.viewer });
    expect(r4.body.error.details.field).toBe('query.status');

    const r5 = await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: '{"externalId": ' });
    expectError(r5, 400, 'validation_failed');

    const r6 = await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: referrals(51, 'cap') });
    expectError(r6, 400, 'validation_failed');
    expect(r6.body.error.details.field).toBe('body');

    const r7 = await svc.call('POST', `/v1/cases/${caseId}/assignment`, {
      key: svc.keys.dispatcher,
      body: { mediatorIds: ['x'], force: true },
    });
    expect(r7.body.error.details.field).toBe('body.reason');
  });

  test('when the key is missing or unknown, then 401', async () => {
    expectError(await svc.call('GET', '/v1/cases'), 401, 'unauthorized');
    expectError(await svc.call('GET', '/v1/cases', { key: 'not-a-key-not-a-key' }), 401, 'unauthorized');
    expectError(await svc.call('GET', '/admin/queues'), 401, 'unauthorized');
    expect((await svc.call('GET', '/healthz')).status).toBe(200);
    expect((await svc.call('GET', '/readyz')).status).toBe(200);
  });

  test('when the role may not do it, then 403', async () => {
    expectError(await svc.call('GET', `/v1/cases/${caseId}`, { key: svc.keys.court }), 403, 'forbidden');
    expectError(await svc.call('POST', '/v1/dispatch', { key: svc.keys.viewer }), 403, 'forbidden');
    expectError(await svc.call('PUT', '/v1/mediators', { key: svc.keys.dispatcher, body: mediators().slice(0, 1) }), 403, 'forbidden');
    expectError(await svc.call('GET', '/admin/queues', { key: svc.keys.dispatcher }), 403, 'forbidden');
    expectError(await svc.call('GET', '/admin/queues', { key: svc.keys.admin }), 403, 'forbidden');
    expect((await svc.call('GET', '/admin/queues', { key: svc.keys.installation })).status).toBe(200);
    // Browsers reach the dashboard with HTTP Basic, the installation admin key as password.
    const basic = (key: string) => ({ authorization: `Basic ${Buffer.from(`admin:${key}`).toString('base64')}` });
    expect((await svc.call('GET', '/admin/queues', { headers: basic(svc.keys.installation) })).status).toBe(200);
    expect((await svc.call('GET', '/admin/queues', { headers: basic(svc.keys.viewer) })).status).toBe(403);
    const challenge = await svc.call('GET', '/admin/queues');
    expect(challenge.headers.get('www-authenticate')).toMatch(/^Basic/);
  });

  test('when the thing is missing or of another county, then 404', async () => {
    expectError(await svc.call('GET', `/v1/cases/${caseId}`, { key: svc.keys.otherCounty }), 404, 'not_found');
    expectError(await svc.call('GET', '/v1/cases/case_nothing', { key: svc.keys.viewer }), 404, 'not_found');
    expectError(await svc.call('GET', `/v1/jobs/${caseId}`, { key: svc.keys.otherCounty }), 404, 'not_found');
    expectError(await svc.call('GET', '/v1/mediators/nobody', { key: svc.keys.viewer }), 404, 'not_found');
    expectError(await svc.call('GET', '/v1/nowhere', { key: svc.keys.viewer }), 404, 'not_found');
    const other = await svc.call('GET', '/v1/mediators', { key: svc.keys.otherCounty });
    expect(other.body.mediators).toEqual([]);
  });

  test('when a pin breaks the rules or the case is taken, then 409; with force and a reason it is audited', async () => {
    const cand = await svc.call('POST', `/v1/cases/${caseId}/candidates`, { key: svc.keys.dispatcher, body: { k: 3 } });
    expect(cand.status).toBe(200);
    const seats = cand.body.seats as {
      role: string;
      candidates: { mediatorId: string; total: number; arcCost: number; loadCost: number }[];
    }[];
    expect(cand.body.excluded).toBeNull();
    expect(seats.length).toBeGreaterThan(0);
    for (const s of seats) {
      expect(s.candidates.length).toBeLessThanOrEqual(3);
      s.candidates.forEach((c, i) => {
        expect(c.total).toBeCloseTo(c.arcCost + c.loadCost, 9);
        if (i > 0) expect(c.total).toBeGreaterThanOrEqual(s.candidates[i - 1]!.total);
      });
    }
    const chosen = seats.map((s) => s.candidates[0]!.mediatorId);
    // One mediator too many or too few for the case's seats: refused even with force.
    const wrongCount = seats.length === 2 ? [chosen[0]!] : [chosen[0]!, seats[0]!.candidates[1]!.mediatorId];
    const refused = await svc.call('POST', `/v1/cases/${caseId}/assignment`, {
      key: svc.keys.dispatcher,
      body: { mediatorIds: wrongCount, force: true, reason: 'testing the seat count' },
    });
    expectError(refused, 409, 'conflict');

    const pinned = await svc.call('POST', `/v1/cases/${caseId}/assignment`, { key: svc.keys.dispatcher, body: { mediatorIds: chosen } });
    expect(pinned.status).toBe(200);
    expect(pinned.body.status).toBe('assigned');
    expect(pinned.body.assignment.by).toBe('dispatcher');

    expectError(
      await svc.call('POST', `/v1/cases/${caseId}/assignment`, { key: svc.keys.dispatcher, body: { mediatorIds: chosen } }),
      409,
      'conflict',
    );

    // A second case pinned by force onto a mediator the rules exclude: accepted with a reason, audited.
    const [r2] = referrals(1, 'force', 11);
    const c2 = (await svc.call('POST', '/v1/referrals', { key: svc.keys.dispatcher, body: r2 })).body.cases[0].caseId;
    const cand2 = (await svc.call('POST', `/v1/cases/${c2}/candidates`, { key: svc.keys.dispatcher, body: { k: 50 } })).body;
    expect(cand2.seats).toHaveLength(1); // the seed gives a one-seat case
    {
      const ok = new Set(cand2.seats[0].candidates.map((c: { mediatorId: string }) => c.mediatorId));
      const excluded = mediators().find((m) => !ok.has(m.id) && m.status === 'active' && m.capacity > 0)!;
      expectError(
        await svc.call('POST', `/v1/cases/${c2}/assignment`, { key: svc.keys.dispatcher, body: { mediatorIds: [excluded.id] } }),
        409,
        'conflict',
      );
      const forced = await svc.call('POST', `/v1/cases/${c2}/assignment`, {
        key: svc.keys.dispatcher,
        body: { mediatorIds: [excluded.id], force: true, reason: 'parties asked for this mediator' },
      });
      expect(forced.status).toBe(200);
      const client = createRedis(redis.url);
      const audit = await client.xrange(countyKeys(svc.county).audit, '-', '+');
      client.disconnect();
      const entries = audit.map(([, f]) => JSON.parse(f[f.indexOf('entry') + 1]!));
      expect(entries.find((e) => e.caseId === c2)).toMatchObject({
        force: true,
        reason: 'parties asked for this mediator',
        mediatorIds: [excluded.id],
      });
    }
  });

  test('when the body is over the limit, then 413', async () => {
    const big = { ...referrals(1, 'big')[0], parties: Array.from({ length: 20_000 }, (_, i) => ({ ref: `p-${i}-${'x'.repeat(20)}` })) };
    expectError(await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: big }), 413, 'payload_too_large');
  });

  test('when a dependency is missing (no rebalance worker), then 503', async () => {
    expectError(await svc.call('POST', '/v1/rebalance', { key: svc.keys.dispatcher, body: {} }), 503, 'unavailable');
  });

  test('when a route fails, then its code is one of the codes and its status the one the table gives', async () => {
    const { ERROR_STATUS } = await import('../../src/adapters/http/error-status');
    const seen = [
      await svc.call('GET', '/v1/cases/case_nothing', { key: svc.keys.viewer }),
      await svc.call('GET', '/v1/cases'),
      await svc.call('POST', '/v1/dispatch', { key: svc.keys.viewer }),
      await svc.call('GET', '/v1/cases?status=bogus', { key: svc.keys.viewer }),
    ];
    for (const res of seen) expect(res.status).toBe(ERROR_STATUS[res.body.error.code as keyof typeof ERROR_STATUS]);
  });

  test('when the OpenAPI document is read, then it is valid and covers every route', async () => {
    const res = await svc.call('GET', '/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toBe('3.1.0');
    const { collectRoutes, checkOpenApi } = await import('../support/openapi-check');
    expect(checkOpenApi(doc)).toEqual([]);
    const documented = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths as Record<string, object>)) {
      for (const method of Object.keys(ops)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    const served = await collectRoutes(redis.url);
    expect(served.length).toBeGreaterThan(15);
    expect(served.filter((r) => !documented.has(r))).toEqual([]);
  });
});
