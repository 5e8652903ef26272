import type { Referral } from '../../src/domain';
import { referrals } from '../support/county-fixture';
import { omit } from '../../src/domain/omit';
import { startTestRedis, type TestRedis } from '../support/redis';
import { putFixtureMediators, startTestService, waitFor, type TestService } from '../support/service';
import { syncLedger } from '../support/ledger-sync';

/** A fresh court referral of an ordinary family dispute, referred now (so the legal term is running). */
function courtReferral(tag: string): Referral {
  // Without the sender's deadline.
  const r = omit(referrals(1, tag, 11)[0]!, 'deadlineAt');
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

describe('case lifecycle through the service (real Redis)', () => {
  let redis: TestRedis;
  let svc: TestService;

  beforeAll(async () => {
    redis = await startTestRedis();
    svc = await startTestService({ redisUrl: redis.url });
    const put = await putFixtureMediators(svc);
    expect(put.status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await svc?.stop();
    await redis?.stop();
  });

  const post = (path: string, body: unknown, key = svc.keys.dispatcher) => svc.call('POST', path, { key, body });
  const get = (path: string, key = svc.keys.viewer) => svc.call('GET', path, { key });

  async function referAndWait(tag: string): Promise<{ caseId: string; mediatorIds: string[] }> {
    const posted = await post('/v1/referrals', courtReferral(tag), svc.keys.court);
    expect(posted.status).toBe(202);
    const caseId = posted.body.cases[0].caseId as string;
    const c = await waitFor(async () => {
      const got = await get(`/v1/cases/${caseId}`);
      return got.body.status === 'assigned' ? got.body : undefined;
    }, 30_000);
    return { caseId, mediatorIds: c.assignment.mediatorIds };
  }

  test('when a case is accepted, scheduled, fails once and settles, then every step is recorded, re-dispatch excludes the first mediator, and loads are released', async () => {
    const { caseId, mediatorIds: first } = await referAndWait('life-1');
    const load0 = (await get(`/v1/mediators/${first[0]}`)).body.load as number;

    const h0 = await get(`/v1/cases/${caseId}/history`);
    expect(h0.status).toBe(200);
    expect(h0.body).toMatchObject({ status: 'assigned', allowedActions: expect.arrayContaining(['accept', 'decline']) });
    expect(h0.body.history[0]).toMatchObject({ action: 'assign', by: 'optimizer', mediatorIds: first });
    expect(h0.body.termEndsAt).not.toBeNull();

    const illegal = await post(`/v1/cases/${caseId}/transitions`, {
      action: 'settle',
      amountYuan: 1,
      termsRef: 'x',
      fulfilmentMode: 'voluntary',
    });
    expect(illegal.status).toBe(409);
    expect(illegal.body.error.details).toEqual({
      current: 'assigned',
      action: 'settle',
      allowed: ['accept', 'decline', 'return_to_court', 'withdraw', 'extend_term'],
    });

    expect((await post(`/v1/cases/${caseId}/transitions`, { action: 'accept' })).status).toBe(200);
    const plan = await post('/v1/sessions/plan', undefined);
    expect(plan.status).toBe(200);
    const booking = plan.body.booked.find((b: { caseId: string }) => b.caseId === caseId);
    expect(booking).toBeDefined();
    const h1 = await get(`/v1/cases/${caseId}/history`);
    expect(h1.body.status).toBe('session_scheduled');

    const cal = await get(
      `/v1/calendars/mediators/${first[0]}?from=${encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString())}`,
    );
    expect(cal.status).toBe(200);
    expect(cal.body.sessions.map((s: { id: string }) => s.id)).toContain(booking.sessionId);
    const room = await get(`/v1/calendars/rooms/${booking.roomId}`);
    expect(room.body.sessions.map((s: { id: string }) => s.id)).toContain(booking.sessionId);
    const ics = await get(`/v1/calendars/mediators/${first[0]}/sessions.ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(ics.body).toContain('BEGIN:VCALENDAR');
    expect(ics.body).toContain(`UID:${caseId}.${booking.sessionId}@tiaojie`);

    expect(
      (await post(`/v1/cases/${caseId}/transitions`, { action: 'start_mediation', arrivals: [{ ref: 'dept-court', onTime: true }] }))
        .status,
    ).toBe(200);
    const failed = await post(`/v1/cases/${caseId}/transitions`, { action: 'fail_attempt', reason: 'no agreement' });
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({ status: 'referred', class: 'professional', excludedMediatorIds: first });
    expect((await get(`/v1/mediators/${first[0]}`)).body.load).toBe(load0 - 1);
    const room2 = await get(`/v1/calendars/rooms/${booking.roomId}`);
    expect(room2.body.sessions.find((s: { id: string }) => s.id === booking.sessionId)?.status).toBe('held');

    // The failure re-dispatched the case one tier up, without the first mediator.
    const again = await waitFor(async () => {
      const got = await get(`/v1/cases/${caseId}`);
      return got.body.status === 'assigned' ? got.body : undefined;
    }, 30_000);
    expect(again.class).toBe('professional');
    expect(again.assignment.mediatorIds).not.toContain(first[0]);
    const second = again.assignment.mediatorIds as string[];

    for (const body of [
      { action: 'accept' },
      {
        action: 'schedule_session',
        sessionId: 's-manual',
        roomId: 'centre-1',
        slot: { date: '2030-01-07', half: 'am' },
        start: '2030-01-07T01:00:00.000Z',
        end: '2030-01-07T04:00:00.000Z',
      },
      { action: 'start_mediation' },
    ]) {
      const r = await post(`/v1/cases/${caseId}/transitions`, body);
      expect(r.status).toBe(200);
    }
    const load1 = (await get(`/v1/mediators/${second[0]}`)).body.load as number;
    const settled = await post(`/v1/cases/${caseId}/transitions`, {
      action: 'settle',
      amountYuan: 3000,
      termsRef: 'agr-1',
      fulfilmentMode: 'voluntary',
    });
    expect(settled.status).toBe(200);
    expect(settled.body).toMatchObject({ status: 'settled', allowedActions: [], fulfilment: { mode: 'voluntary', status: 'pending' } });
    expect((await get(`/v1/mediators/${second[0]}`)).body.load).toBe(load1 - 1);
    expect((await get(`/v1/cases/${caseId}`)).body.status).toBe('settled');
    expect(settled.body.history.map((h: { action: string }) => h.action)).toEqual([
      'assign',
      'accept',
      'schedule_session',
      'start_mediation',
      'fail_attempt',
      'escalate',
      'assign',
      'accept',
      'schedule_session',
      'start_mediation',
      'settle',
    ]);

    const fulfilled = await post(`/v1/cases/${caseId}/fulfilment`, { kind: 'fulfilled' });
    expect(fulfilled.status).toBe(200);
    expect(fulfilled.body.fulfilment.status).toBe('fulfilled');
    expect((await post(`/v1/cases/${caseId}/fulfilment`, { kind: 'reneged' })).status).toBe(409);

    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 3_600_000).toISOString();
    // The reports read the ledger (issue 19): the worker's projector copies within a pass; here, at once.
    await syncLedger(svc);
    const kpis = await get(`/v1/reports/kpis?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&by=tier`);
    expect(kpis.status).toBe(200);
    expect(kpis.body.total).toMatchObject({
      settled: 1,
      returnedToCourt: 0,
      successRate: 1,
      firstSessions: 2,
      arrivals: 1,
      departmentsOnTimeRate: 1,
    });
    expect(kpis.body.definitions.successRate).toMatch(/case-level.*settled in the period ÷ cases whose mediation concluded/);
    const csv = await get(`/v1/reports/kpis?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&format=csv`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(
      String(csv.body)
        .split('\r\n')
        .find((l) => l.startsWith('total,')),
    ).toMatch(/^total,\d+,1,0,/);

    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const ledger = await get(`/v1/reports/subsidy?month=${month}`);
    expect(ledger.status).toBe(200);
    expect(ledger.body.byMediator[first[0]!]).toBe(200); // ordinary, failed after a held session
    expect(
      ledger.body.entries
        .filter((e: { caseId: string }) => e.caseId === caseId)
        .map((e: { class: string; outcome: string; yuan: number }) => [e.class, e.outcome, e.yuan]),
    ).toEqual([
      ['ordinary', 'failed', 200],
      ['professional', 'settled', 400],
    ]);
    expect((await get('/v1/reports/subsidy?month=2026-13')).status).toBe(400);
  }, 120_000);

  test('when a mediator declines, then the case goes straight back to dispatch and is assigned to someone else', async () => {
    const { caseId, mediatorIds } = await referAndWait('life-2');
    const declined = await post(`/v1/cases/${caseId}/transitions`, { action: 'decline', reason: 'knows the family' });
    expect(declined.status).toBe(200);
    expect(declined.body.history.map((h: { action: string }) => h.action)).toEqual(['assign', 'decline', 'redispatch']);
    const again = await waitFor(async () => {
      const got = await get(`/v1/cases/${caseId}`);
      return got.body.status === 'assigned' ? got.body : undefined;
    }, 30_000);
    expect(again.assignment.mediatorIds).not.toContain(mediatorIds[0]);
    const h = await get(`/v1/cases/${caseId}/history`);
    expect(h.body.history.map((x: { action: string }) => x.action)).toEqual(['assign', 'decline', 'redispatch', 'assign']);
  }, 120_000);

  test('when a request is wrong, then the statuses say so: 400, 403, 404, 409', async () => {
    const { caseId } = await referAndWait('life-3');
    expect((await post(`/v1/cases/${caseId}/transitions`, { action: 'fly' })).status).toBe(400);
    expect((await post(`/v1/cases/${caseId}/transitions`, { action: 'assign', mediatorIds: ['x'] })).status).toBe(400);
    expect((await post(`/v1/cases/${caseId}/transitions`, { action: 'accept' }, svc.keys.viewer)).status).toBe(403);
    expect((await post(`/v1/cases/nope/transitions`, { action: 'accept' })).status).toBe(404);
    expect((await get(`/v1/cases/${caseId}/history`, svc.keys.otherCounty)).status).toBe(404);
    const ext = await post(`/v1/cases/${caseId}/transitions`, { action: 'extend_term', days: 10, consentingPartyRefs: ['someone-else'] });
    expect(ext.status).toBe(409);
    expect(ext.body.error.details.reason).toBe('consent_missing');
    expect((await get('/v1/calendars/rooms/no-such-room')).status).toBe(404);
    expect((await get('/v1/reports/kpis?from=2026-01-01&to=2025-01-01')).status).toBe(400);
    const withdrawn = await post(`/v1/cases/${caseId}/transitions`, { action: 'withdraw', reason: 'parties reconciled' });
    expect(withdrawn.body.status).toBe('withdrawn');
    const again = await post(`/v1/cases/${caseId}/transitions`, { action: 'accept' });
    expect(again.status).toBe(409);
    expect(again.body.error.details).toMatchObject({ current: 'withdrawn', allowed: [] });
  }, 120_000);

  test('when the clock runs, then a term about to end raises a warning and an expired one returns the case to court, releasing the load', async () => {
    const day = 86_400_000;
    const refer = async (tag: string, daysAgo: number) => {
      const body = { ...courtReferral(tag), referredAt: new Date(Date.now() - daysAgo * day).toISOString() };
      const posted = await post('/v1/referrals', body, svc.keys.court);
      const caseId = posted.body.cases[0].caseId as string;
      return waitFor(async () => {
        const got = await get(`/v1/cases/${caseId}`);
        return got.body.status === 'assigned' || got.body.status === 'unassigned' ? got.body : undefined;
      }, 30_000);
    };
    const soon = await refer('clock-soon', 29.5);
    const late = await refer('clock-late', 31);
    const lateMediator = late.assignment?.mediatorIds[0] as string | undefined;
    const loadBefore = lateMediator ? ((await get(`/v1/mediators/${lateMediator}`)).body.load as number) : 0;
    const tick = await post('/v1/clock/tick', undefined);
    expect(tick.status).toBe(200);
    expect(tick.body.events['case.returned_to_court']).toBeGreaterThanOrEqual(1);
    expect(tick.body.events['case.deadline_warning']).toBeGreaterThanOrEqual(1);
    const h = await get(`/v1/cases/${late.id}/history`);
    expect(h.body.status).toBe('returned_to_court');
    expect(h.body.history.at(-1)).toMatchObject({ action: 'return_to_court', by: 'clock', reason: expect.stringMatching(/^term_expired/) });
    expect((await get(`/v1/cases/${late.id}`)).body.status).toBe('returned_to_court');
    if (lateMediator) expect((await get(`/v1/mediators/${lateMediator}`)).body.load).toBe(loadBefore - 1);
    expect((await get(`/v1/cases/${soon.id}/history`)).body.status).toBe(soon.status);
    const again = await post('/v1/clock/tick', undefined);
    expect(again.body.events['case.returned_to_court'] ?? 0).toBe(0);
  }, 120_000);
});
