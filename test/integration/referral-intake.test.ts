/**
 * Issue 16 item 4, "intake that cannot be fooled", against the real API and a private Redis: the
 * referral window, the admin's backfill of history and its legal clock, re-posted externalIds and
 * every bounded field.
 */
import type { Referral } from '../../src/domain';
import { referrals } from '../support/county-fixture';
import { startTestRedis, type TestRedis } from '../support/redis';
import { startTestService, type TestService } from '../support/service';

const MIN = 60_000;
const DAY = 86_400_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

describe('intake that cannot be fooled (issue 16, item 4)', () => {
  let redis: TestRedis;
  let svc: TestService;
  let n = 0;
  /** A fresh referral (unique externalId) dated an hour ago. */
  const fresh = (over: Partial<Referral> = {}): Referral => ({
    ...referrals(1, 'intake', 16)[0]!,
    externalId: `intake-${n++}`,
    referredAt: ago(60 * MIN),
    ...over,
  });
  const post = (body: unknown, key = svc.keys.court, query = '') => svc.call('POST', `/v1/referrals${query}`, { key, body });

  beforeAll(async () => {
    redis = await startTestRedis();
    // No worker: the cases stay waiting, so the legal clock alone decides what happens to them.
    svc = await startTestService({ redisUrl: redis.url, worker: false, env: { REFERRAL_MAX_AGE_DAYS: '30', REBALANCE_NIGHTLY: 'false' } });
  });

  afterAll(async () => {
    await svc?.stop();
    await redis?.stop();
  });

  describe('the referral window', () => {
    test.each<[string, () => string]>([
      ['in 2030', () => '2030-01-01T00:00:00Z'],
      ['6 minutes in the future', () => ago(-6 * MIN)],
      ['31 days old', () => ago(31 * DAY)],
    ])('when a referral is dated %s, then it is a 400 naming body.referredAt', async (_, referredAt) => {
      const res = await post(fresh({ referredAt: referredAt() }));
      expect(res.status).toBe(400);
      expect(res.body.error.details.field).toBe('body.referredAt');
    });

    test.each<[string, () => string]>([
      ['4 minutes in the future (clock skew)', () => ago(-4 * MIN)],
      ['29 days old', () => ago(29 * DAY)],
    ])('when a referral is dated %s, then it is accepted', async (_, referredAt) => {
      const res = await post(fresh({ referredAt: referredAt() }));
      expect(res.status).toBe(202);
      expect(res.body.cases[0].outcome).toBe('created');
    });

    test('when the second item of a batch is too old, then the 400 names body[1].referredAt and nothing is stored', async () => {
      const batch = [fresh(), fresh({ referredAt: ago(40 * DAY) })];
      const res = await post(batch);
      expect(res.status).toBe(400);
      expect(res.body.error.details.field).toBe('body[1].referredAt');
      expect((await post(batch[0])).body.cases[0].outcome).toBe('created');
    });
  });

  describe('backfill of history', () => {
    test('when an admin imports a 31-day-old referral with backfill, then it is accepted and marked', async () => {
      const res = await post(fresh({ referredAt: ago(31 * DAY) }), svc.keys.admin, '?backfill=true');
      expect(res.status).toBe(202);
      const c = await svc.call('GET', `/v1/cases/${res.body.cases[0].caseId}`, { key: svc.keys.dispatcher });
      expect(c.body.backfill).toEqual({ importedAt: expect.any(String), overdueAtImport: true });
    });

    test.each<[string, 'court' | 'dispatcher']>([
      ['a court key', 'court'],
      ['a dispatcher key', 'dispatcher'],
    ])('when %s asks for backfill, then it is a 403 and nothing is stored', async (_, role) => {
      const r = fresh({ referredAt: ago(31 * DAY) });
      expect((await post(r, svc.keys[role], '?backfill=true')).status).toBe(403);
      expect((await post(r, svc.keys.admin, '?backfill=true')).body.cases[0].outcome).toBe('created');
    });

    test('when the sender retries an old referral that is already a case, then it is a duplicate, not a 400 for its age', async () => {
      const old = fresh({ referredAt: ago(31 * DAY) });
      expect((await post(old, svc.keys.admin, '?backfill=true')).body.cases[0].outcome).toBe('created');
      const retry = await post(old);
      expect(retry.status).toBe(202);
      expect(retry.body.cases[0].outcome).toBe('duplicate');
      const changed = await post({ ...old, category: old.category === 'land' ? 'family' : 'land' });
      expect(changed.status).toBe(409);
      expect((await post(fresh({ referredAt: ago(31 * DAY) }))).status).toBe(400);
    });

    test('when even an admin sends a 2030 referral with backfill, then it is a 400 naming body.referredAt', async () => {
      const res = await post(fresh({ referredAt: '2030-01-01T00:00:00Z' }), svc.keys.admin, '?backfill=true');
      expect(res.status).toBe(400);
      expect(res.body.error.details.field).toBe('body.referredAt');
    });

    test('when a 2024 import of court cases whose terms have run out is followed by a legal-clock run, then nothing returns to court and the cases are flagged', async () => {
      // A first run settles the clocks of the other tests' cases, so the second counts only the import's.
      expect((await svc.call('POST', '/v1/clock/tick', { key: svc.keys.dispatcher })).status).toBe(200);
      const history = referrals(20, 'history-2024', 24).map((r, i) => ({ ...r, externalId: `history-${i}`, channel: 'court' as const }));
      const imported = await post(history, svc.keys.admin, '?backfill=true');
      expect(imported.status).toBe(202);
      const ids: string[] = imported.body.cases.map((c: { caseId: string }) => c.caseId);

      const tick = await svc.call('POST', '/v1/clock/tick', { key: svc.keys.dispatcher });
      expect(tick.status).toBe(200);
      expect(tick.body.events['case.returned_to_court'] ?? 0).toBe(0);
      expect(tick.body.events['case.deadline_overdue'] ?? 0).toBe(0);

      for (const id of ids.slice(0, 3)) {
        const c = await svc.call('GET', `/v1/cases/${id}`, { key: svc.keys.dispatcher });
        expect(c.body).toMatchObject({ status: 'referred', backfill: { overdueAtImport: true } });
        const file = await svc.call('GET', `/v1/cases/${id}/history`, { key: svc.keys.dispatcher });
        expect(file.body.status).toBe('referred');
      }
      const flagged = await svc.call('GET', '/v1/cases?flag=overdue_at_import&limit=100', { key: svc.keys.dispatcher });
      expect(flagged.status).toBe(200);
      expect(flagged.body.cases.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining(ids));
      const live = await post(fresh());
      const backfilled = await svc.call('GET', '/v1/cases?flag=backfilled&limit=200', { key: svc.keys.dispatcher });
      expect(backfilled.body.cases.map((c: { id: string }) => c.id)).not.toContain(live.body.cases[0].caseId);
    });
  });

  describe('a re-posted externalId', () => {
    test('when it comes again with the same content, then it is a duplicate', async () => {
      const r = fresh();
      expect((await post(r)).body.cases[0].outcome).toBe('created');
      const again = await post(r);
      expect(again.status).toBe(202);
      expect(again.body.cases[0].outcome).toBe('duplicate');
    });

    test('when it comes again with another category, then it is a 409 conflict naming the field (not its value) and the case is unchanged', async () => {
      const r = fresh({ category: 'family' });
      const first = await post(r);
      const res = await post({ ...r, category: 'land' });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('conflict');
      expect(res.body.error.details.fields).toEqual(['category']);
      expect(JSON.stringify(res.body)).not.toContain('land');
      const c = await svc.call('GET', `/v1/cases/${first.body.cases[0].caseId}`, { key: svc.keys.dispatcher });
      expect(c.body.category).toBe('family');
    });

    test('when a batch re-posts one externalId with other parties, then that item is a conflict naming parties and the others are taken in', async () => {
      const known = fresh();
      await post(known);
      const res = await post([fresh(), { ...known, parties: [{ ref: 'someone-else' }] }]);
      expect(res.status).toBe(202);
      expect(res.body.cases.map((c: { outcome: string }) => c.outcome)).toEqual(['created', 'conflict']);
      expect(res.body.cases[1].fields).toEqual(['parties']);
    });
  });

  describe('every bounded field', () => {
    const long = (n: number) => 'x'.repeat(n);
    test.each<[string, string, (r: Referral) => unknown]>([
      ['51 parties', 'body.parties', (r) => ({ ...r, parties: Array.from({ length: 51 }, (_, i) => ({ ref: `p${i}` })) })],
      ['21 attempts', 'body.attempts', (r) => ({ ...r, attempts: Array.from({ length: 21 }, (_, i) => `m${i}`) })],
      ['a 129-character externalId', 'body.externalId', (r) => ({ ...r, externalId: long(129) })],
      ['an externalId with a space', 'body.externalId', (r) => ({ ...r, externalId: 'court 2024 1' })],
      ['a 129-character party ref', 'body.parties[0].ref', (r) => ({ ...r, parties: [{ ref: long(129) }] })],
      ['a 129-character party village', 'body.parties[0].village', (r) => ({ ...r, parties: [{ ref: 'p1', village: long(129) }] })],
      ['a 129-character attempt id', 'body.attempts[0]', (r) => ({ ...r, attempts: [long(129)] })],
      ['a 129-character township', 'body.township', (r) => ({ ...r, township: long(129) })],
      ['a 129-character village', 'body.village', (r) => ({ ...r, village: long(129) })],
      ['no parties', 'body.parties', (r) => ({ ...r, parties: [] })],
      ['an unknown field', 'body', (r) => ({ ...r, notes: long(10) })],
    ])('when a referral has %s, then it is a 400 naming %s', async (_, field, make) => {
      const res = await post(make(fresh()));
      expect(res.status).toBe(400);
      expect(res.body.error.details.field).toBe(field);
    });
  });
});
