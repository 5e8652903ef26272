import { Redis } from 'ioredis';
import type { Mediator, Referral } from '../../src/domain';
import { countyKeys } from '../../src/adapters/redis/keys';
import { omit } from '../../src/domain/omit';
import { mediators, referrals } from '../support/county-fixture';
import { startTestRedis, type TestRedis } from '../support/redis';
import { startTestService, waitFor, type TestService } from '../support/service';

/**
 * Issue 20: the dispatch worker keeps seats for expected major cases, forecast from the county's
 * arrival index in Redis (counted at intake), and GET /v1/reservations shows the same seats.
 */
describe('kept seats in the dispatch worker', () => {
  let redis: TestRedis;
  let svc: TestService;
  let gold: Mediator;
  const all = mediators();

  /** A referral of the fixture county, dated now, of the given class and category. */
  function referral(tag: string, over: Partial<Referral>): Referral {
    const rest = omit(referrals(1, tag, 11)[0]!, 'deadlineAt');
    return { ...rest, externalId: tag, channel: 'walk_in', consent: true, referredAt: new Date().toISOString(), ...over };
  }

  async function settled(caseId: string): Promise<{ status: string; unassignedReason?: string; proposal?: { mediatorIds: string[] } }> {
    return waitFor(async () => {
      const r = await svc.call('GET', `/v1/cases/${caseId}`, { key: svc.keys.viewer });
      return r.body.status === 'referred' ? undefined : r.body;
    });
  }

  beforeAll(async () => {
    redis = await startTestRedis();
    svc = await startTestService({ redisUrl: redis.url });
    // One gold-medal mediator with one free seat, the industry experts, and no village mediator:
    // an ordinary case's only option is the gold seat (overflow).
    gold = { ...all.find((m) => m.tier === 'gold')!, capacity: 1 };
    const roster = [gold, ...all.filter((m) => m.tier === 'industry')];
    expect((await svc.call('PUT', '/v1/mediators', { key: svc.keys.admin, body: roster })).status).toBe(200);
    // History: one major case a day over the past 30 days (held, so never dispatched): about 2 expected in 2 days.
    const now = Date.now();
    const history = Array.from({ length: 30 }, (_, i) =>
      referral(`hist-${i}`, { class: 'major', hold: true, referredAt: new Date(now - (i + 1) * 86_400_000).toISOString() }),
    );
    expect((await svc.call('POST', '/v1/referrals?backfill=true', { key: svc.keys.admin, body: history })).status).toBeLessThan(300);
  }, 120_000);

  afterAll(async () => {
    await svc?.stop();
    await redis?.stop();
  });

  test('when the history was admitted, then the arrival index counts it per day and class, and re-posting counts nothing twice', async () => {
    const client = new Redis(redis.url);
    try {
      const index = await client.hgetall(countyKeys(svc.county).arrivals);
      expect(Object.values(index).reduce((a, v) => a + Number(v), 0)).toBe(30);
      expect(Object.keys(index).every((f) => /^\d+:major$/.test(f))).toBe(true);
      const again = referral('hist-0', { class: 'major', hold: true, referredAt: new Date(Date.now() - 86_400_000).toISOString() });
      await svc.call('POST', '/v1/referrals?backfill=true', { key: svc.keys.admin, body: [again] });
      const after = await client.hgetall(countyKeys(svc.county).arrivals);
      expect(Object.values(after).reduce((a, v) => a + Number(v), 0)).toBe(30);
    } finally {
      client.disconnect();
    }
  });

  test('when days fall out of the longest history, then the next intake trims them, and a referral older than that is not counted', async () => {
    const client = new Redis(redis.url);
    const keys = countyKeys(svc.county);
    try {
      await client.hset(keys.arrivals, '1:major', '5');
      await client.del(keys.arrivalsTrimmed);
      const ancient = referral('hist-old', {
        class: 'major',
        hold: true,
        referredAt: new Date(Date.now() - 900 * 86_400_000).toISOString(),
      });
      expect((await svc.call('POST', '/v1/referrals?backfill=true', { key: svc.keys.admin, body: [ancient] })).status).toBeLessThan(300);
      const index = await client.hgetall(keys.arrivals);
      expect(index['1:major']).toBeUndefined();
      expect(Object.values(index).reduce((a, v) => a + Number(v), 0)).toBe(30);
    } finally {
      client.disconnect();
    }
  });

  test('when an ordinary case could take the last free gold seat, then the worker keeps it, and the major case arriving later gets the gold lead', async () => {
    const kept = await svc.call('GET', '/v1/reservations', { key: svc.keys.dispatcher });
    const goldRule = kept.body.reservations.find((r: { pool: string }) => r.pool === 'gold');
    expect(goldRule.forecast.basis.ofClass).toBe(30);
    expect(goldRule.kept).toBe(1);
    expect(goldRule.byMediator).toEqual([{ mediatorId: gold.id, seats: 1 }]);

    const ordinary = await svc.call('POST', '/v1/referrals', {
      key: svc.keys.court,
      body: referral('ord-1', { class: 'ordinary', category: 'family' }),
    });
    expect(ordinary.status).toBe(202);
    const o = await settled(ordinary.body.cases[0].caseId);
    expect(o.status).toBe('unassigned');
    expect(o.unassignedReason).toBe('capacity');

    const major = await svc.call('POST', '/v1/referrals', {
      key: svc.keys.court,
      body: referral('maj-1', { class: 'major', category: 'land' }),
    });
    expect(major.status).toBe(202);
    // A major case is proposed to a dispatcher by default (dispatch modes, issue 16): the proposal names the lead.
    const m = await settled(major.body.cases[0].caseId);
    expect(m.status).toBe('proposed');
    expect(m.proposal!.mediatorIds[0]).toBe(gold.id);
  });
});
