import type { Referral } from '../../src/domain';
import { omit } from '../../src/domain/omit';
import { DAY_MS } from '../../src/domain/time';
import { referrals } from '../support/county-fixture';
import { openSse } from '../support/sse';
import { startTestRedis, type TestRedis } from '../support/redis';
import { putFixtureMediators, startTestService, waitFor, type TestService } from '../support/service';

/** A fresh court referral of an ordinary family dispute with consent. */
function courtReferral(tag: string, seed: number): Referral {
  const r = omit(referrals(1, tag, seed)[0]!, 'deadlineAt');
  return {
    ...r,
    channel: 'court',
    category: 'family',
    class: 'ordinary',
    consent: true,
    referredAt: new Date().toISOString(),
    attempts: [],
  };
}

describe('after the agreement through the service (issue 17 part 3, real API and Redis)', () => {
  let redis: TestRedis;
  let svc: TestService;
  let day = 0;

  beforeAll(async () => {
    redis = await startTestRedis();
    svc = await startTestService({ redisUrl: redis.url });
    expect((await putFixtureMediators(svc)).status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await svc?.stop();
    await redis?.stop();
  });

  const post = (path: string, body: unknown, key = svc.keys.dispatcher) => svc.call('POST', path, { key, body });
  const get = (path: string, key = svc.keys.viewer) => svc.call('GET', path, { key });

  /** Refers a case and drives it to a settlement with `mode` (each case its own session day, so rooms never clash). */
  async function settled(tag: string, mode: string): Promise<string> {
    const posted = await post('/v1/referrals', courtReferral(tag, 20 + day), svc.keys.court);
    expect(posted.status).toBe(202);
    const caseId = posted.body.cases[0].caseId as string;
    await waitFor(async () => ((await get(`/v1/cases/${caseId}`)).body.status === 'assigned' ? true : undefined), 30_000);
    const date = `2030-02-${String(10 + day++).padStart(2, '0')}`;
    for (const body of [
      { action: 'accept' },
      {
        action: 'schedule_session',
        sessionId: `s-${tag}`,
        roomId: 'centre-1',
        slot: { date, half: 'am' },
        start: `${date}T01:00:00.000Z`,
        end: `${date}T04:00:00.000Z`,
      },
      { action: 'start_mediation' },
      { action: 'settle', amountYuan: 6000, termsRef: `agr-${tag}`, fulfilmentMode: mode },
    ]) {
      const r = await post(`/v1/cases/${caseId}/transitions`, body);
      expect([r.status, body.action]).toEqual([200, body.action]);
    }
    return caseId;
  }

  test('when an agreement is confirmed and a party reneges, then it goes to enforcement, and every step is an event on SSE', async () => {
    const caseId = await settled('aa-confirmed', 'voluntary');
    const sse = openSse(
      `${svc.url}/v1/events?types=agreement.applied,agreement.accepted,agreement.confirmed,fulfilment.enforcement`,
      svc.keys.viewer,
    );
    await sse.ready;

    const applied = await post(`/v1/cases/${caseId}/agreement`, { action: 'apply', route: 'judicial_confirmation' }, svc.keys.court);
    expect(applied.status).toBe(200);
    expect(applied.body.settlement.routes).toEqual([
      expect.objectContaining({ kind: 'judicial_confirmation', status: 'applied', acceptanceDueAt: expect.any(String) }),
    ]);
    expect(applied.body.agreementActions).toEqual(['accept', 'not_accept']);

    const early = await post(`/v1/cases/${caseId}/agreement`, { action: 'confirm' }, svc.keys.court);
    expect(early.status).toBe(409);
    expect(early.body.error.details).toEqual({
      current: 'judicial_confirmation:applied',
      action: 'confirm',
      allowed: ['accept', 'not_accept'],
    });
    const pending = await post(`/v1/cases/${caseId}/fulfilment/renege`, { notice: { channel: 'phone' } });
    expect(pending.status).toBe(409);
    expect(pending.body.error.details).toEqual({ reason: 'route_pending' });

    expect((await post(`/v1/cases/${caseId}/agreement`, { action: 'accept' }, svc.keys.court)).status).toBe(200);
    const confirmed = await post(`/v1/cases/${caseId}/agreement`, { action: 'confirm' }, svc.keys.court);
    expect(confirmed.body.settlement.routes[0]).toMatchObject({ status: 'confirmed', decidedAt: expect.any(String) });
    expect(confirmed.body.agreementActions).toEqual([]);

    const reneged = await post(`/v1/cases/${caseId}/fulfilment/renege`, { enforce: true });
    expect(reneged.status).toBe(200);
    expect(reneged.body.fulfilment).toMatchObject({ status: 'enforcement', enforcementBasis: 'judicial_confirmation' });

    await sse.next((e) => e.data.data.caseId === caseId && e.event === 'fulfilment.enforcement', 15_000);
    sse.close();
    const seen = sse.events.filter((e) => e.data.data.caseId === caseId);
    expect(seen.map((e) => e.event)).toEqual(['agreement.applied', 'agreement.accepted', 'agreement.confirmed', 'fulfilment.enforcement']);
    expect(seen[2]?.data.data).toMatchObject({ route: 'judicial_confirmation', routeStatus: 'confirmed' });
    expect(seen[3]?.data.data).toMatchObject({ basis: 'judicial_confirmation' });
    const history = await get(`/v1/cases/${caseId}/history`);
    expect(history.body.fulfilment.status).toBe('enforcement');
  }, 120_000);

  test('when a rejected confirmation then enforcement is refused (409 with the reason); the renege goes to litigation with the notice recorded', async () => {
    const caseId = await settled('aa-rejected', 'voluntary');
    for (const body of [{ action: 'apply', route: 'judicial_confirmation' }, { action: 'accept' }, { action: 'reject' }]) {
      expect((await post(`/v1/cases/${caseId}/agreement`, body, svc.keys.court)).status).toBe(200);
    }
    const refused = await post(`/v1/cases/${caseId}/fulfilment/renege`, { enforce: true, notice: { channel: 'letter' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toEqual({ reason: 'not_enforceable' });
    expect(refused.body.error.message).toMatch(/judicial confirmation ended rejected/);

    const noNotice = await post(`/v1/cases/${caseId}/fulfilment/renege`, {});
    expect(noNotice.status).toBe(400);
    expect(noNotice.body.error.details).toMatchObject({ field: 'body.notice' });
    const badChannel = await post(`/v1/cases/${caseId}/fulfilment/renege`, { notice: { channel: 'pigeon' } });
    expect(badChannel.status).toBe(400);
    expect(badChannel.body.error.details.field).toMatch(/^body\.notice\.channel/);

    const sse = openSse(`${svc.url}/v1/events?types=fulfilment.litigation`, svc.keys.viewer);
    await sse.ready;
    const litigation = await post(`/v1/cases/${caseId}/fulfilment/renege`, { notice: { channel: 'letter' } });
    expect(litigation.status).toBe(200);
    expect(litigation.body.fulfilment).toMatchObject({
      status: 'litigation',
      notice: { channel: 'letter' },
      litigationAt: expect.any(String),
    });
    const event = await sse.next((e) => e.data.data.caseId === caseId, 15_000);
    sse.close();
    expect(event.data.data).toMatchObject({ noticeChannel: 'letter' });
    // Closed: nothing more is recorded.
    expect((await post(`/v1/cases/${caseId}/fulfilment`, { kind: 'fulfilled' })).status).toBe(409);
  }, 120_000);

  test('when a supervised fulfilment is extended and a follow-up is missed, then both are on the case file; bad values are 400 naming the field', async () => {
    const caseId = await settled('aa-supervised', 'supervised');
    const h = await get(`/v1/cases/${caseId}/history`);
    const due = Date.parse(h.body.fulfilment.dueAt as string);

    const early = await post(`/v1/cases/${caseId}/fulfilment/extension`, {
      dueAt: new Date(due - DAY_MS).toISOString(),
      assistance: 'instalments',
      by: 'org-justice-bureau',
    });
    expect(early.status).toBe(400);
    expect(early.body.error.details).toMatchObject({ field: 'body.dueAt' });
    const noHelp = await post(`/v1/cases/${caseId}/fulfilment/extension`, { dueAt: new Date(due + 60 * DAY_MS).toISOString(), by: 'x' });
    expect(noHelp.status).toBe(400);
    expect(noHelp.body.error.details.field).toBe('body.assistance');

    const extended = await post(`/v1/cases/${caseId}/fulfilment/extension`, {
      dueAt: new Date(due + 60 * DAY_MS).toISOString(),
      assistance: 'employment_help',
      by: 'org-human-resources',
    });
    expect(extended.status).toBe(200);
    expect(extended.body.fulfilment.extensions).toEqual([
      expect.objectContaining({ assistance: 'employment_help', by: 'org-human-resources', previousDueAt: h.body.fulfilment.dueAt }),
    ]);

    const missed = await post(`/v1/cases/${caseId}/fulfilment/follow-ups/1`, { outcome: 'missed' });
    expect(missed.status).toBe(200);
    expect(missed.body.fulfilment.followUps[0]).toMatchObject({ done: false, missed: true });
    const again = await post(`/v1/cases/${caseId}/fulfilment/follow-ups/1`, { outcome: 'done' });
    expect(again.status).toBe(409);
    expect(again.body.error.details).toEqual({ reason: 'follow_up_recorded' });
    const none = await post(`/v1/cases/${caseId}/fulfilment/follow-ups/99`, { outcome: 'done' });
    expect(none.status).toBe(400);
    expect(none.body.error.details).toMatchObject({ field: 'params.n' });
    expect((await post(`/v1/cases/${caseId}/fulfilment/follow-ups/0`, { outcome: 'done' })).status).toBe(400);
  }, 120_000);

  test('when a settlement names enforcement as its mode, or a viewer records a decision, or the case is unknown, then 400 / 403 / 404', async () => {
    const caseId = await settled('aa-errors', 'voluntary');
    const bad = await post(`/v1/cases/${caseId}/agreement`, { action: 'apply', route: 'mediation' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toMatch(/^body\.route/);
    const before = await post(`/v1/cases/${caseId}/agreement`, { action: 'apply', route: 'arbitration', at: '2020-01-01T00:00:00.000Z' });
    expect(before.status).toBe(400);
    expect(before.body.error.details).toMatchObject({ field: 'body.at' });
    const future = await post(`/v1/cases/${caseId}/agreement`, {
      action: 'apply',
      route: 'judicial_confirmation',
      at: new Date(Date.now() + 40 * DAY_MS).toISOString(),
    });
    expect(future.status).toBe(400);
    expect(future.body.error.details).toMatchObject({ field: 'body.at', reason: 'must not be in the future' });
    expect((await post(`/v1/cases/${caseId}/agreement`, { action: 'apply', route: 'arbitration' }, svc.keys.viewer)).status).toBe(403);
    expect((await post('/v1/cases/no-such-case/agreement', { action: 'apply', route: 'arbitration' })).status).toBe(404);

    const labels = await get('/v1/labels');
    expect(labels.body.agreementRoutes.judicial_confirmation).toEqual({ zh: '司法确认', en: 'judicial confirmation' });
    expect(labels.body.fulfilmentStatuses.litigation.zh).toBe('告知另行起诉');
  }, 120_000);
});
