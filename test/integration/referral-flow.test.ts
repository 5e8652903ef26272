import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook } from '../../src/adapters/webhooks/webhook-signature';
import { LOCAL_RECEIVER_ENV, startReceiver } from '../support/webhook-receiver';
import { mediators, referrals } from '../support/county-fixture';
import { startTestRedis, type TestRedis } from '../support/redis';
import { putFixtureMediators, startTestService, waitFor, type TestService } from '../support/service';
import { openSse } from '../support/sse';

describe('referral → queue → worker → store → API', () => {
  let redis: TestRedis;
  let svc: TestService;

  beforeAll(async () => {
    redis = await startTestRedis();
    svc = await startTestService({ redisUrl: redis.url, env: LOCAL_RECEIVER_ENV });
    const put = await putFixtureMediators(svc);
    expect(put.status).toBe(200);
    expect(put.body.created).toBe(mediators().length);
  });

  afterAll(async () => {
    await svc?.stop();
    await redis?.stop();
  });

  test('when a court refers a dispute, then it is assigned and visible by GET, SSE and a signed webhook', async () => {
    const receiver = await startReceiver();
    const secret = 'a-webhook-secret-of-some-length';
    const hook = await svc.call('POST', '/v1/webhooks', {
      key: svc.keys.admin,
      body: { url: receiver.url, secret, events: ['case.assigned'] },
    });
    expect(hook.status).toBe(201);
    expect(hook.body.secret).toBeUndefined();

    const sse = openSse(`${svc.url}/v1/events?types=case.assigned`, svc.keys.viewer);
    await sse.ready;
    const [referral] = referrals(1, 'flow');
    const posted = await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: referral });
    expect(posted.status).toBe(202);
    const { caseId, outcome } = posted.body.cases[0];
    expect(outcome).toBe('created');

    const event = await sse.next((e) => e.data.data.caseId === caseId);
    expect(event.event).toBe('case.assigned');
    const got = await svc.call('GET', `/v1/cases/${caseId}`, { key: svc.keys.viewer });
    expect(got.status).toBe(200);
    expect(got.body.status).toBe('assigned');
    expect(got.body.externalId).toBe(referral!.externalId);
    expect(got.body.assignment.mediatorIds).toEqual(event.data.data.mediatorIds);
    expect(got.body.assignment.seats[0].explanation.text).toMatch(/chosen:/);

    const delivery = await waitFor(() => receiver.received.find((r) => JSON.parse(r.body).data.caseId === caseId));
    const ts = Number(delivery.headers['x-tiaojie-timestamp']);
    expect(verifyWebhook(secret, ts, delivery.body, String(delivery.headers['x-tiaojie-signature']))).toBe(true);
    expect(verifyWebhook('wrong-secret-wrong-secret', ts, delivery.body, String(delivery.headers['x-tiaojie-signature']))).toBe(false);
    expect(delivery.headers['x-tiaojie-event-id']).toBe(event.id);

    const job = await svc.call('GET', `/v1/jobs/${caseId}`, { key: svc.keys.viewer });
    expect(job.body).toMatchObject({ kind: 'referral', state: 'completed', result: { status: 'assigned', caseId } });

    const metrics = await svc.call('GET', '/metrics', { key: svc.keys.installation });
    expect(metrics.status).toBe(200);
    expect(metrics.body).toMatch(/tiaojie_assignment_latency_seconds_count\{outcome="assigned"\} [1-9]/);
    expect(metrics.body).toMatch(/tiaojie_dispatch_solve_seconds_count [1-9]/);
    expect(metrics.body).toMatch(/tiaojie_queue_jobs\{queue="referrals",state="completed"\} [1-9]/);
    expect((await svc.call('GET', '/metrics', { key: svc.keys.court })).status).toBe(403);
    expect((await svc.call('GET', '/metrics', { key: svc.keys.viewer })).status).toBe(403);
    sse.close();
    receiver.server.close();
  });

  test('when the same referral is sent twice, then it is one case assigned once', async () => {
    const [referral] = referrals(1, 'dup');
    const first = await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: referral });
    const second = await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: [referral, referral] });
    expect(second.status).toBe(202);
    const id = first.body.cases[0].caseId;
    expect(second.body.cases.map((c: { caseId: string }) => c.caseId)).toEqual([id, id]);
    expect(second.body.cases.map((c: { outcome: string }) => c.outcome)).toEqual(['duplicate', 'duplicate']);
    const assigned = await waitFor(async () => {
      const r = await svc.call('GET', `/v1/cases/${id}`, { key: svc.keys.viewer });
      return r.body.status === 'assigned' ? r.body : undefined;
    });
    const list = await svc.call('GET', `/v1/cases?channel=${referral!.channel}&limit=1000`, { key: svc.keys.viewer });
    expect(list.body.cases.filter((c: { externalId: string }) => c.externalId === referral!.externalId)).toHaveLength(1);
    const events = await svc.call('GET', `/v1/mediators/${assigned.assignment.mediatorIds[0]}`, { key: svc.keys.viewer });
    expect(events.body.load).toBeGreaterThanOrEqual(1);
  });

  test('when a case cannot be assigned, then it is unassigned with a reason and an event, not retried; POST /v1/dispatch retries it later', async () => {
    // The second county of the test keys has no mediators yet.
    const key = svc.keys.otherCounty;
    const sse = openSse(`${svc.url}/v1/events`, key);
    await sse.ready;
    const [referral] = referrals(1, 'lonely');
    const caseId = (await svc.call('POST', '/v1/referrals', { key, body: referral })).body.cases[0].caseId;
    const event = await sse.next((e) => e.event === 'case.unassigned' && e.data.data.caseId === caseId);
    expect(event.data.data.reason).toBe('no_eligible_mediator');
    const job = await waitFor(async () => {
      const j = await svc.call('GET', `/v1/jobs/${caseId}`, { key });
      return j.body.state === 'completed' ? j.body : undefined;
    });
    expect(job).toMatchObject({ attemptsMade: 1, result: { status: 'unassigned', reason: 'no_eligible_mediator' } });
    expect((await svc.call('GET', `/v1/cases/${caseId}`, { key })).body).toMatchObject({
      status: 'unassigned',
      unassignedReason: 'no_eligible_mediator',
    });

    expect((await svc.call('PUT', '/v1/mediators', { key, body: mediators() })).status).toBe(200);
    const dispatched = await svc.call('POST', '/v1/dispatch', { key });
    expect(dispatched.status).toBe(202);
    const done = await waitFor(async () => {
      const j = await svc.call('GET', `/v1/jobs/${dispatched.body.jobId}`, { key });
      return j.body.state === 'completed' ? j.body : undefined;
    });
    expect(done.result).toEqual({ status: 'dispatched', assigned: 1, unassigned: 0 });
    expect((await svc.call('GET', `/v1/cases/${caseId}`, { key })).body.status).toBe('assigned');
    sse.close();
  });

  test('when an SSE client reconnects with Last-Event-ID, then it gets exactly the events it missed', async () => {
    const first = openSse(`${svc.url}/v1/events?types=case.referred`, svc.keys.viewer);
    await first.ready;
    const batch = referrals(3, 'resume');
    const ids: string[] = (await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: batch })).body.cases.map(
      (c: { caseId: string }) => c.caseId,
    );
    const seen = await first.next((e) => e.data.data.caseId === ids[0]);
    first.close();
    const resumed = openSse(`${svc.url}/v1/events?types=case.referred`, svc.keys.viewer, { 'last-event-id': seen.id! });
    await resumed.next((e) => e.data.data.caseId === ids[2]);
    const replayed = resumed.events.map((e) => e.data.data.caseId);
    expect(replayed.slice(0, 2)).toEqual([ids[1], ids[2]]);
    resumed.close();
    const bad = await svc.call('GET', '/v1/events', { key: svc.keys.viewer, headers: { 'last-event-id': 'yesterday' } });
    expect(bad.status).toBe(400);
  });

  test('when a webhook receiver fails, then the delivery is retried until it succeeds', async () => {
    let calls = 0;
    const received: string[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        calls++;
        if (calls === 1) return void res.writeHead(500).end();
        received.push(body);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/flaky`;
    await svc.call('POST', '/v1/webhooks', {
      key: svc.keys.admin,
      body: { url, secret: 'another-secret-0123456789', events: ['case.referred'] },
    });
    const [referral] = referrals(1, 'flaky');
    const caseId = (await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: referral })).body.cases[0].caseId;
    await waitFor(() => (received.some((b) => JSON.parse(b).data.caseId === caseId) ? true : undefined), 20_000);
    expect(calls).toBeGreaterThanOrEqual(2);
    server.close();
  });
});
