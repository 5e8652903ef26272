import type { Referral } from '../../src/domain';
import { referrals } from '../support/county-fixture';
import { startTestRedis, type TestRedis } from '../support/redis';
import { putFixtureMediators, startTestService, type TestService } from '../support/service';

/** Defect 5 of issue 18 re-run the way it was found: each body once produced a 500 or was accepted. */
describe('resilience: dates and sizes through the API (issue 18, defect 5)', () => {
  let redis: TestRedis;
  let svc: TestService;
  const base = (): Referral => referrals(1, 'bounds', 51)[0]!;
  const many = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

  beforeAll(async () => {
    redis = await startTestRedis();
    svc = await startTestService({ redisUrl: redis.url, env: { REBALANCE_NIGHTLY: 'false' } });
    expect((await putFixtureMediators(svc)).status).toBe(200);
  });

  afterAll(async () => {
    await svc?.stop();
    await redis?.stop();
  });

  test.each<[string, string, (r: Referral) => unknown]>([
    ['referredAt in year +275760 (was a 500 RangeError)', 'body.referredAt', (r) => ({ ...r, referredAt: '+275760-09-13T00:00:00Z' })],
    ['referredAt "1"', 'body.referredAt', (r) => ({ ...r, referredAt: '1' })],
    ['referredAt "Tuesday 5 March"', 'body.referredAt', (r) => ({ ...r, referredAt: 'Tuesday 5 March' })],
    ['referredAt 2026-02-30', 'body.referredAt', (r) => ({ ...r, referredAt: '2026-02-30T10:00:00Z' })],
    ['deadlineAt in year 9999', 'body.deadlineAt', (r) => ({ ...r, deadlineAt: '9999-12-31T00:00:00Z' })],
    ['60,000 parties', 'body.parties', (r) => ({ ...r, parties: many(60_000, (i) => ({ ref: i.toString(36) })) })],
    ['80,000 attempts', 'body.attempts', (r) => ({ ...r, attempts: many(80_000, (i) => i.toString(36)) })],
    ['a 900 KB externalId', 'body.externalId', (r) => ({ ...r, externalId: 'x'.repeat(900_000) })],
    ['an amount of 1e300 yuan', 'body.amountYuan', (r) => ({ ...r, amountYuan: 1e300 })],
    ['10,000 prior petitions', 'body.priorPetitions', (r) => ({ ...r, priorPetitions: 10_000 })],
  ])('when a referral has %s, then it is a 400 naming %s', async (_, field, make) => {
    const started = Date.now();
    const res = await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: make(base()) });
    expect(res.status).toBe(400);
    expect(res.body.error.details.field).toBe(field);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  test.each<[string, string, unknown]>([
    ['capacity 169220804', 'body.capacity', { capacity: 169_220_804 }],
    ['leave until 2026-02-30', 'body.leave[0].until', { leave: [{ from: '2026-02-01', until: '2026-02-30' }] }],
    ['10,000 leave periods', 'body.leave', { leave: many(10_000, () => ({ from: '2026-03-01', until: '2026-03-02' })) }],
  ])('when a mediator PATCH has %s, then it is a 400 naming %s', async (_, field, body) => {
    const res = await svc.call('PATCH', '/v1/mediators/x1', { key: svc.keys.dispatcher, body });
    expect(res.status).toBe(400);
    expect(res.body.error.details.field).toBe(field);
  });
});
