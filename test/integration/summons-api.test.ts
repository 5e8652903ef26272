import { readEventsAfter } from '../../src/adapters/redis/events';
import { defaultSummonsSettings, DEFAULT_DEPARTMENT_IDS } from '../../src/domain/config/departments-config';
import { referrals } from '../support/county-fixture';
import { startTestRedis, type TestRedis } from '../support/redis';
import { startTestService, waitFor, type TestService } from '../support/service';
import { openSse } from '../support/sse';
import { LOCAL_RECEIVER_ENV, startReceiver } from '../support/webhook-receiver';

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

describe('summons API: 中心吹哨、部门报到 (issue 17, real HTTP and Redis)', () => {
  let redis: TestRedis;
  let svc: TestService;
  let caseId: string;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    redis = await startTestRedis();
    // The worker runs the webhook relay; its legal clock runs every 5 minutes, so the test's ticks are the only ones.
    svc = await startTestService({ redisUrl: redis.url, env: LOCAL_RECEIVER_ENV });
    receiver = await startReceiver();
    const hook = await svc.call('POST', '/v1/webhooks', {
      key: svc.keys.admin,
      body: { url: receiver.url, secret: 'a-webhook-secret-of-some-length', events: ['summons.escalated'] },
    });
    expect(hook.status).toBe(201);
    const posted = await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: referrals(1, 'summons', 21)[0] });
    expect(posted.status).toBe(202);
    caseId = posted.body.cases[0].caseId as string;
  }, 120_000);

  afterAll(async () => {
    receiver?.server.close();
    await svc?.stop();
    await redis?.stop();
  });

  const post = (path: string, body?: unknown, key = svc.keys.dispatcher) => svc.call('POST', path, { key, body });
  const get = (path: string, key = svc.keys.viewer) => svc.call('GET', path, { key });
  const issue = (body: unknown) => post(`/v1/cases/${caseId}/summonses`, body);

  test.each([
    ['no department', 'body.departments', { departments: [], reason: 'r', requiredBy: inHours(3) }],
    [
      'a department not on the roster',
      'body.departments[1]',
      { departments: ['court', 'ministry_of_magic'], reason: 'r', requiredBy: inHours(3) },
    ],
    ['a malformed department id', 'body.departments[0]', { departments: ['Court!'], reason: 'r', requiredBy: inHours(3) }],
    ['requiredBy not a date', 'body.requiredBy', { departments: ['court'], reason: 'r', requiredBy: 'tomorrow' }],
    ['requiredBy in the past', 'body.requiredBy', { departments: ['court'], reason: 'r', requiredBy: inHours(-1) }],
    ['no reason', 'body.reason', { departments: ['court'], requiredBy: inHours(3) }],
    ['a reason over 500 characters', 'body.reason', { departments: ['court'], reason: 'x'.repeat(501), requiredBy: inHours(3) }],
    ['an unknown field', 'body', { departments: ['court'], reason: 'r', requiredBy: inHours(3), urgent: true }],
  ])('when a summons request has %s, then 400 names %s', async (_what, field, body) => {
    const res = await issue(body);
    expect(res.status).toBe(400);
    expect(res.body.error.details.field).toBe(field);
  });

  test('when a dispatcher summons departments, a department acknowledges and checks in, then cancelling afterwards is a 409 with the allowed actions', async () => {
    const made = await issue({ departments: ['natural_resources', 'agriculture_rural'], reason: 'land boundary', requiredBy: inHours(3) });
    expect(made.status).toBe(201);
    expect(made.body.created).toBe(2);
    const [first] = made.body.items as { id: string; status: string; allowedActions: string[] }[];
    expect(first).toMatchObject({ status: 'issued', allowedActions: ['acknowledge', 'check_in', 'cancel'] });
    const id = first!.id;

    expect((await post(`/v1/summonses/${id}/acknowledge`, undefined, svc.keys.viewer)).status).toBe(403);
    expect((await post(`/v1/summonses/${id}/acknowledge`, undefined, svc.keys.court)).body).toMatchObject({ status: 'acknowledged' });
    const checked = await post(`/v1/summonses/${id}/check-in`, {}, svc.keys.court);
    expect(checked.status).toBe(200);
    expect(checked.body).toMatchObject({ status: 'checked_in', onTime: true, allowedActions: [] });
    const cancel = await post(`/v1/summonses/${id}/cancel`, { reason: 'too late to cancel' });
    expect(cancel.status).toBe(409);
    expect(cancel.body.error.details).toEqual({ current: 'checked_in', action: 'cancel', allowed: [] });

    expect((await get(`/v1/cases/${caseId}/summonses`)).body.items).toHaveLength(2);
    const byDept = await get('/v1/summonses?department=natural_resources&status=checked_in');
    expect(byDept.body).toMatchObject({ total: 1, nextOffset: null });
    expect((await get('/v1/summonses?status=late')).body.error.details.field).toBe('query.status');
    expect((await get('/v1/cases/case_nope/summonses')).status).toBe(404);
    expect((await post('/v1/summonses/sm_nope/acknowledge', undefined, svc.keys.court)).status).toBe(404);
  });

  test('when a summons passes its required time and grace without a check-in, then the clock marks it missed and escalates it to the director, once', async () => {
    const put = await svc.call('PUT', '/v1/settings/summons', {
      key: svc.keys.admin,
      body: { ...defaultSummonsSettings(), missGraceMinutes: 0 },
    });
    expect(put.status).toBe(200);
    const made = await issue({ departments: ['health'], reason: 'medical dispute', requiredBy: new Date(Date.now() + 1500).toISOString() });
    expect(made.status).toBe(201);
    const id = made.body.items[0].id as string;
    const sse = openSse(`${svc.url}/v1/events?types=summons.escalated`, svc.keys.viewer);
    await sse.ready;
    await new Promise((r) => setTimeout(r, 1600));
    const ticked = await waitFor(async () => {
      const r = await post('/v1/clock/tick');
      return r.body.events['summons.missed'] === 1 ? r.body : undefined;
    });
    expect(ticked.events['summons.escalated']).toBe(1);
    expect((await post('/v1/clock/tick')).body.events['summons.missed']).toBeUndefined();
    expect((await get(`/v1/summonses/${id}`)).body).toMatchObject({ status: 'missed', escalation: { to: 'director' } });
    const events = await readEventsAfter(svc.service.redis, svc.county, '0-0', 1000);
    const mine = events.filter((e) => e.data.summonsId === id).map((e) => e.type);
    expect(mine).toEqual(['summons.issued', 'summons.missed', 'summons.escalated']);
    expect(events.find((e) => e.type === 'summons.escalated')?.data.escalatedTo).toBe('director');
    // The same event on SSE and delivered to the webhook subscribed to it.
    const streamed = await sse.next((e) => e.data.data.summonsId === id);
    expect(streamed.event).toBe('summons.escalated');
    sse.close();
    const delivery = await waitFor(() => receiver.received.find((r) => JSON.parse(r.body).data.summonsId === id), 20_000);
    expect(JSON.parse(delivery.body)).toMatchObject({ type: 'summons.escalated', data: { escalatedTo: 'director', department: 'health' } });

    const report = await get(`/v1/reports/summons-arrival?from=${new Date(Date.now() - 86_400_000).toISOString()}&to=${inHours(24)}`);
    expect(report.status).toBe(200);
    expect(report.body.total).toMatchObject({ due: 1, missed: 1, onTime: 0, rate: 0 });
    expect(report.body.definition.numerator.zh).toBeTruthy();
  });

  test('when a dispatcher withdraws a case, then its open summonses are cancelled at once (case_closed) and its checked-in ones stay', async () => {
    const posted = await post('/v1/referrals', referrals(1, 'summons-withdrawn', 22)[0], svc.keys.court);
    expect(posted.status).toBe(202);
    const other = posted.body.cases[0].caseId as string;
    const made = await post(`/v1/cases/${other}/summonses`, {
      departments: ['court', 'health'],
      reason: 'joint session',
      requiredBy: inHours(5),
    });
    expect(made.status).toBe(201);
    const [court, health] = made.body.items as { id: string }[];
    expect((await post(`/v1/summonses/${court!.id}/check-in`, {}, svc.keys.court)).status).toBe(200);
    const withdrawn = await post(`/v1/cases/${other}/transitions`, { action: 'withdraw', reason: 'parties settled privately' });
    expect(withdrawn.status).toBe(200);
    expect((await get(`/v1/summonses/${health!.id}`)).body).toMatchObject({ status: 'cancelled', cancelReason: 'case_closed' });
    expect((await get(`/v1/summonses/${court!.id}`)).body).toMatchObject({ status: 'checked_in' });
    const events = await readEventsAfter(svc.service.redis, svc.county, '0-0', 1000);
    const cancelled = events.filter((e) => e.type === 'summons.cancelled' && e.data.caseId === other).map((e) => e.data);
    expect(cancelled).toEqual([expect.objectContaining({ summonsId: health!.id, cause: 'case_closed' })]);
  });

  test('when a client reads the roster and the labels, then every department has zh and en names', async () => {
    const roster = await get('/v1/departments');
    expect(roster.body.items.map((d: { id: string }) => d.id)).toEqual([...DEFAULT_DEPARTMENT_IDS]);
    const labels = await get('/v1/labels');
    expect(labels.body.departments.health).toEqual({ zh: '县卫生健康局', en: 'County Health Commission' });
    expect(labels.body.summonsStatuses.missed.zh).toBe('未到位');
  });
});
