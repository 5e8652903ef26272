import type { Referral } from '../../src/domain';
import { loadLifecycleConfig } from '../../src/domain/config/lifecycle-config';
import { omit } from '../../src/domain/omit';
import { addDays, DAY_MS } from '../../src/domain/time';
import { referrals } from '../support/county-fixture';
import { openSse } from '../support/sse';
import { startTestRedis, type TestRedis } from '../support/redis';
import { putFixtureMediators, startTestService, waitFor, type TestService } from '../support/service';

const lifecycle = loadLifecycleConfig();

/** A court referral of an ordinary family dispute, referred `daysAgo` days ago, with or without consent. */
function courtReferral(tag: string, consent: boolean, daysAgo = 0): Referral {
  const r = omit(referrals(1, tag, 13)[0]!, 'deadlineAt');
  return {
    ...r,
    channel: 'court',
    category: 'family',
    class: 'ordinary',
    consent,
    referredAt: new Date(Date.now() - daysAgo * DAY_MS).toISOString(),
    attempts: [],
  };
}

describe('consent: a court referral without consent is not mediated until consent is recorded (issue 16 item 3, real API and Redis)', () => {
  let redis: TestRedis;
  let svc: TestService;

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

  async function refer(r: Referral): Promise<string> {
    const posted = await post('/v1/referrals', r, svc.keys.court);
    expect(posted.status).toBe(202);
    return posted.body.cases[0].caseId as string;
  }

  const settledStatus = (caseId: string) =>
    waitFor(async () => {
      const got = await get(`/v1/cases/${caseId}`);
      return got.body.status === 'assigned' || got.body.status === 'unassigned' ? got.body : undefined;
    }, 30_000);

  test('when a court referral arrives with consent false, then it is accepted (202), awaits consent, and is never assigned, even after POST /v1/dispatch', async () => {
    const waiting = await refer(courtReferral('cons-wait', false));
    const c = await get(`/v1/cases/${waiting}`);
    expect(c.body.status).toBe('awaiting_consent');
    const h = await get(`/v1/cases/${waiting}/history`);
    expect(h.body).toMatchObject({
      status: 'awaiting_consent',
      termEndsAt: null,
      allowedActions: ['return_to_court', 'withdraw', 'record_consent'],
    });

    // A case with consent referred after it is dispatched, and so is every waiting case by POST /v1/dispatch.
    const control = await refer(courtReferral('cons-control', true));
    const controlCase = await settledStatus(control);
    const job = await post('/v1/dispatch', undefined);
    expect(job.status).toBe(202);
    await waitFor(async () => {
      const r = await get(`/v1/jobs/${job.body.jobId as string}`);
      return r.body?.state === 'completed' ? r.body : undefined;
    }, 30_000);
    expect((await get(`/v1/cases/${waiting}`)).body).toMatchObject({ status: 'awaiting_consent', assignment: null });
    // Nor can a pin take it past consent.
    const mediatorId = (controlCase.assignment?.mediatorIds[0] as string | undefined) ?? 'm-any';
    const pin = await post(`/v1/cases/${waiting}/assignment`, { mediatorIds: [mediatorId], force: true, reason: 'dispatcher wants it' });
    expect(pin.status).toBe(409);
    expect((await get(`/v1/cases/${waiting}`)).body.status).toBe('awaiting_consent');
    const list = await get('/v1/cases?status=awaiting_consent');
    expect(list.body.cases.map((x: { id: string }) => x.id)).toContain(waiting);
  }, 120_000);

  test('when consent is recorded five days after referral, then the case is dispatched and its term ends termDays after consent, not after referral', async () => {
    const caseId = await refer(courtReferral('cons-given', false, 5));
    const before = await get(`/v1/cases/${caseId}`);
    const sse = openSse(`${svc.url}/v1/events?types=consent.recorded`, svc.keys.viewer);
    await sse.ready;
    const answer = await post(`/v1/cases/${caseId}/consent`, { given: true, by: 'court', method: 'written' }, svc.keys.court);
    expect(answer.status).toBe(200);
    const event = await sse.next((e) => e.data.data.caseId === caseId, 15_000);
    sse.close();
    expect(event.event).toBe('consent.recorded');
    expect(event.data.data).toMatchObject({ given: true, consentBy: 'court', method: 'written' });
    const consentAt = answer.body.consent.at as string;
    expect(answer.body).toMatchObject({ status: 'referred', consent: { given: true, by: 'court', method: 'written' } });
    expect(answer.body.termEndsAt).toBe(addDays(consentAt, lifecycle.termDays));
    expect(answer.body.history.at(-1)).toMatchObject({ from: 'awaiting_consent', to: 'referred', action: 'record_consent' });

    const assigned = await settledStatus(caseId);
    expect(assigned.status).toBe('assigned');
    // The dispatch deadline moved by the five days waited.
    expect(Date.parse(assigned.deadlineAt as string) - Date.parse(before.body.deadlineAt as string)).toBeGreaterThanOrEqual(
      5 * DAY_MS - 60_000,
    );
    const h = await get(`/v1/cases/${caseId}/history`);
    expect(h.body.termEndsAt).toBe(addDays(consentAt, lifecycle.termDays));
    expect(h.body.attempts[0].startedAt).toBe(consentAt);

    const twice = await post(`/v1/cases/${caseId}/consent`, { given: true, by: 'court' }, svc.keys.court);
    expect(twice.status).toBe(409);
    expect(twice.body.error.details).toMatchObject({ current: 'assigned', action: 'record_consent' });
  }, 120_000);

  test('when consent is refused, then the case returns to court with the reason and is never dispatched', async () => {
    const caseId = await refer(courtReferral('cons-refused', false));
    const answer = await post(`/v1/cases/${caseId}/consent`, {
      given: false,
      by: 'dispatcher',
      reason: 'the respondent declines mediation',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'returned_to_court', consent: { given: false, by: 'dispatcher' } });
    expect(answer.body.history.at(-1)).toMatchObject({
      action: 'return_to_court',
      reason: 'consent_refused: the respondent declines mediation',
    });
    expect((await get(`/v1/cases/${caseId}`)).body).toMatchObject({ status: 'returned_to_court', assignment: null });
  }, 60_000);

  test('when nobody records consent within consentWaitDays, then the clock returns the case to court with consent_timeout (and leaves a younger one waiting)', async () => {
    const old = await refer(courtReferral('cons-old', false, lifecycle.consentWaitDays + 1));
    const young = await refer(courtReferral('cons-young', false, lifecycle.consentWaitDays - 1));
    const tick = await post('/v1/clock/tick', undefined);
    expect(tick.status).toBe(200);
    expect(tick.body.events['case.returned_to_court']).toBeGreaterThanOrEqual(1);
    const h = await get(`/v1/cases/${old}/history`);
    expect(h.body.status).toBe('returned_to_court');
    expect(h.body.history.at(-1)).toMatchObject({
      action: 'return_to_court',
      by: 'clock',
      reason: expect.stringMatching(/^consent_timeout/),
    });
    expect((await get(`/v1/cases/${old}`)).body.status).toBe('returned_to_court');
    expect((await get(`/v1/cases/${young}`)).body.status).toBe('awaiting_consent');
  }, 60_000);

  test('when a court referral comes with consent true, then it is dispatched at once and its term runs from referral, as before', async () => {
    const r = courtReferral('cons-true', true, 2);
    const caseId = await refer(r);
    expect((await settledStatus(caseId)).status).toBe('assigned');
    const h = await get(`/v1/cases/${caseId}/history`);
    expect(h.body.termEndsAt).toBe(addDays(new Date(r.referredAt).toISOString(), lifecycle.termDays));
    expect(h.body.consent).toBeUndefined();
  }, 60_000);

  test('when a petition referral says how consent was obtained, then it is stored and shown; an unknown method is a 400 naming the field', async () => {
    const r = { ...courtReferral('cons-petition', true), channel: 'petition' as const, consentMethod: 'oral_recorded' as const };
    const caseId = await refer(r);
    expect((await get(`/v1/cases/${caseId}`)).body.consentMethod).toBe('oral_recorded');
    const bad = await post('/v1/referrals', { ...r, externalId: 'cons-bad-method', consentMethod: 'telepathy' }, svc.keys.court);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('consentMethod');
  }, 60_000);

  test('when a viewer answers, then 403; an unknown case is 404; a bad answer is 400', async () => {
    const caseId = await refer(courtReferral('cons-roles', false));
    expect((await post(`/v1/cases/${caseId}/consent`, { given: true, by: 'court' }, svc.keys.viewer)).status).toBe(403);
    expect((await post('/v1/cases/no-such-case/consent', { given: true, by: 'court' })).status).toBe(404);
    expect((await post(`/v1/cases/${caseId}/consent`, { given: true, by: 'parties' })).status).toBe(400);
    expect((await post(`/v1/cases/${caseId}/consent`, { given: 'yes', by: 'court' })).status).toBe(400);
    expect((await get(`/v1/cases/${caseId}`)).body.status).toBe('awaiting_consent');
  }, 60_000);
});
