import { referrals } from '../support/county-fixture';
import { startTestRedis, type TestRedis } from '../support/redis';
import { putFixtureMediators, startTestService, type TestService } from '../support/service';

/** Issue 20: GET /v1/reservations, against the real API and a private Redis. */
describe('GET /v1/reservations', () => {
  let redis: TestRedis;
  let svc: TestService;

  beforeAll(async () => {
    redis = await startTestRedis();
    svc = await startTestService({ redisUrl: redis.url, worker: false });
    expect((await putFixtureMediators(svc)).status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await svc?.stop();
    await redis?.stop();
  });

  test('when the county has major referrals in its history, then gold and legal-expert seats are kept by the forecast, and viewers may read it', async () => {
    const now = Date.now();
    // One major case a day over the past 30 days: about 2 expected in the next 2 days.
    const history = referrals(30, 'kept', 20).map((r, i) => ({
      ...r,
      externalId: `kept-${i}`,
      class: 'major' as const,
      referredAt: new Date(now - (i + 1) * 86_400_000).toISOString(),
      consent: true,
    }));
    const intake = await svc.call('POST', '/v1/referrals?backfill=true', { key: svc.keys.admin, body: history });
    expect(intake.status).toBeLessThan(300);
    const r = await svc.call('GET', '/v1/reservations', { key: svc.keys.viewer });
    expect(r.status).toBe(200);
    const byPool = new Map<
      string,
      {
        forClass: string;
        kept: number;
        wanted: number;
        free: number;
        forecast: { expected: number; basis: { ofClass: number } };
        byMediator: { seats: number }[];
      }
    >(r.body.reservations.map((x: { pool: string }) => [x.pool, x]));
    expect([...byPool.keys()]).toEqual(['gold', 'industry_legal']);
    const gold = byPool.get('gold')!;
    expect(gold.forClass).toBe('major');
    expect(gold.forecast.basis.ofClass).toBe(30);
    expect(gold.forecast.expected).toBeGreaterThan(1);
    expect(gold.wanted).toBeGreaterThanOrEqual(2);
    expect(gold.kept).toBe(Math.min(gold.wanted, gold.free));
    expect(gold.byMediator.reduce((a, m) => a + m.seats, 0)).toBe(gold.kept);
    expect((await svc.call('GET', '/v1/reservations', { key: svc.keys.court })).status).toBe(403);
  });

  test('when the county keeps no seats in its settings, then the list is empty', async () => {
    const settings = await svc.call('GET', '/v1/settings/dispatch', { key: svc.keys.admin });
    const put = await svc.call('PUT', '/v1/settings/dispatch', { key: svc.keys.admin, body: { ...settings.body, reservations: [] } });
    expect(put.status).toBe(200);
    const r = await svc.call('GET', '/v1/reservations', { key: svc.keys.dispatcher });
    expect(r.body.reservations).toEqual([]);
  });
});
