import type { Referral } from '../../src/domain';
import { omit } from '../../src/domain/omit';
import { localMonth } from '../../src/domain/lifecycle/subsidy';
import { referrals } from '../support/county-fixture';
import { createRedis } from '../../src/adapters/redis/redis-connection';
import { countyKeys } from '../../src/adapters/redis/keys';
import { startTestRedis, type TestRedis } from '../support/redis';
import { putFixtureMediators, startTestService, waitFor, type TestService } from '../support/service';

/** How calendar apps ask for a subscribed feed: a plain GET, no Authorization header. */
const CALENDAR_CLIENT = { 'user-agent': 'iOS/17.4 (21E219) dataaccessd/1.0', accept: 'text/calendar, */*' };
/** Unknown feed URLs one address may try per minute in this test service. */
const FEED_GUESSES = 5;

function courtReferral(tag: string): Referral {
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

describe('issue 16 small things, against the real API and a private Redis', () => {
  let redis: TestRedis;
  let svc: TestService;

  beforeAll(async () => {
    redis = await startTestRedis();
    svc = await startTestService({ redisUrl: redis.url, env: { AUTH_FAIL_LIMIT: String(FEED_GUESSES) } });
    expect((await putFixtureMediators(svc)).status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await svc?.stop();
    await redis?.stop();
  });

  const feed = (url: string) => fetch(svc.url + url, { headers: CALENDAR_CLIENT });
  const raw = (method: string, path: string, headers: Record<string, string>, body?: string) =>
    fetch(svc.url + path, {
      method,
      headers: { authorization: `Bearer ${svc.keys.admin}`, ...headers },
      ...(body === undefined ? {} : { body }),
    });

  /** A referred, accepted and scheduled case: its mediator has a session on the calendar. */
  async function scheduledSession(): Promise<{ mediatorId: string; uid: string }> {
    const posted = await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: courtReferral('feed') });
    expect(posted.status).toBe(202);
    const caseId = posted.body.cases[0].caseId as string;
    const assigned = await waitFor(async () => {
      const got = await svc.call('GET', `/v1/cases/${caseId}`, { key: svc.keys.viewer });
      return got.body.status === 'assigned' ? got.body : undefined;
    }, 30_000);
    expect(
      (await svc.call('POST', `/v1/cases/${caseId}/transitions`, { key: svc.keys.dispatcher, body: { action: 'accept' } })).status,
    ).toBe(200);
    const plan = await svc.call('POST', '/v1/sessions/plan', { key: svc.keys.dispatcher });
    const booking = plan.body.booked.find((b: { caseId: string }) => b.caseId === caseId);
    expect(booking).toBeDefined();
    return { mediatorId: assigned.assignment.mediatorIds[0], uid: `UID:${caseId}.${booking.sessionId}@tiaojie` };
  }

  test('when a calendar app GETs the secret feed URL with no Authorization header, then 200 text/calendar with the sessions; after revoke, 404', async () => {
    const { mediatorId, uid } = await scheduledSession();
    const path = `/v1/calendars/mediators/${mediatorId}/feed-token`;
    expect((await svc.call('POST', path, { key: svc.keys.viewer })).status).toBe(403);
    expect((await svc.call('POST', '/v1/calendars/mediators/nobody/feed-token', { key: svc.keys.dispatcher })).status).toBe(404);

    const issued = await svc.call('POST', path, { key: svc.keys.dispatcher });
    expect(issued.status).toBe(201);
    expect(issued.body.url).toMatch(/^\/v1\/calendar-feeds\/[a-z0-9_-]+\.[A-Za-z0-9_-]{43}\.ics$/);
    const ok = await feed(issued.body.url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/calendar/);
    const ics = await ok.text();
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain(uid);

    // Only a hash is stored: the token itself appears nowhere in Redis.
    const token = (issued.body.url as string)
      .split('/')
      .pop()!
      .replace(/\.ics$/, '');
    const client = createRedis(redis.url);
    const stored = await client.hkeys(countyKeys(svc.county).feedTokens);
    client.disconnect();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain(token);

    // A new token replaces the old one.
    const again = await svc.call('POST', path, { key: svc.keys.admin });
    expect(again.status).toBe(201);
    expect((await feed(issued.body.url)).status).toBe(404);
    expect((await feed(again.body.url)).status).toBe(200);

    expect((await svc.call('DELETE', path, { key: svc.keys.dispatcher })).status).toBe(204);
    const revoked = await feed(again.body.url);
    expect(revoked.status).toBe(404);
    expect(((await revoked.json()) as { error: { code: string } }).error.code).toBe('not_found');
    expect((await svc.call('DELETE', path, { key: svc.keys.dispatcher })).status).toBe(404);
  }, 60_000);

  test('when a POST, PUT or PATCH body is not declared application/json, then 415 unsupported_media_type says what to send', async () => {
    const body = JSON.stringify(courtReferral('415'));
    for (const [method, path, headers] of [
      ['POST', '/v1/referrals', { 'content-type': 'text/plain' }],
      ['POST', '/v1/referrals', {}],
      ['PUT', '/v1/mediators', { 'content-type': 'application/x-www-form-urlencoded' }],
      ['PATCH', '/v1/mediators/m1', { 'content-type': 'text/plain' }],
    ] as const) {
      const res = await raw(method, path, headers, body);
      expect([method, path, res.status]).toEqual([method, path, 415]);
      const got = (await res.json()) as { error: { code: string; message: string } };
      expect(got.error.code).toBe('unsupported_media_type');
      expect(got.error.message).toMatch(/Content-Type: application\/json/);
    }
    // Declared JSON (with a charset) passes, and so does a POST with no body at all.
    expect((await raw('POST', '/v1/referrals', { 'content-type': 'application/json; charset=utf-8' }, body)).status).toBe(202);
    expect((await raw('POST', '/v1/sessions/plan', {})).status).toBe(200);
  });

  test('when KPIs are asked for month=2026-03 or for no period, then the period is the local month (+08:00)', async () => {
    const march = await svc.call('GET', '/v1/reports/kpis?month=2026-03', { key: svc.keys.viewer });
    expect(march.status).toBe(200);
    expect([march.body.from, march.body.to]).toEqual(['2026-02-28T16:00:00.000Z', '2026-03-31T16:00:00.000Z']);

    const current = await svc.call('GET', '/v1/reports/kpis', { key: svc.keys.viewer });
    expect(current.status).toBe(200);
    expect(localMonth(current.body.from)).toBe(localMonth(new Date().toISOString()));
    expect(new Date(current.body.from).toISOString()).toMatch(/T16:00:00\.000Z$/);

    const byMonth = await svc.call('GET', '/v1/reports/kpis?from=2026-02-01&to=2026-04-01&by=month', { key: svc.keys.viewer });
    expect(byMonth.body.from).toBe('2026-01-31T16:00:00.000Z');
    expect(byMonth.body.rows.map((r: { group: string }) => r.group)).toEqual(['2026-02', '2026-03']);

    const subsidy = await svc.call('GET', '/v1/reports/subsidy', { key: svc.keys.viewer });
    expect(subsidy.status).toBe(200);
    expect(subsidy.body.month).toBe(localMonth(new Date().toISOString()));
    const both = await svc.call('GET', '/v1/reports/kpis?month=2026-03&from=2026-03-01', { key: svc.keys.viewer });
    expect([both.status, both.body.error.details.field]).toEqual([400, 'query.month']);
  });

  // Last: it spends this address's allowance of wrong feed URLs.
  test('when an address guesses feed URLs, then each wrong one is 404 and past AUTH_FAIL_LIMIT a minute it gets 429 with Retry-After', async () => {
    // The first test already spent two (the replaced and the revoked URL): at most FEED_GUESSES 404s in all.
    const statuses: number[] = [];
    for (let i = 0; i < FEED_GUESSES + 2; i++)
      statuses.push((await feed(`/v1/calendar-feeds/${svc.county}.${'A'.repeat(42)}${i}.ics`)).status);
    expect(statuses).toEqual([...Array<number>(FEED_GUESSES - 2).fill(404), 429, 429, 429, 429]);
    const limited = await feed('/v1/calendar-feeds/whatever.ics');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
