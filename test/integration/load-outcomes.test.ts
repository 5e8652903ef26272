import type { Referral } from '../../src/domain';
import { omit } from '../../src/domain/omit';
import { createRedis, type TiaojieRedis } from '../../src/adapters/redis/redis-connection';
import { RedisDispatchStore } from '../../src/adapters/redis/redis-dispatch-store';
import { readSnapshot } from '../../src/use-cases/dispatch/read-snapshot';
import { referrals } from '../support/county-fixture';
import { startTestRedis, type TestRedis } from '../support/redis';
import { putFixtureMediators, startTestService, waitFor, type TestService } from '../support/service';

/**
 * Issue 20: the Redis dispatch store keeps the closed seats by the load they were taken at, so the
 * service's cost model learns load-aware success as the benchmark's does.
 */
describe('load outcomes in the Redis dispatch store', () => {
  let redis: TestRedis;
  let svc: TestService;
  let client: TiaojieRedis;

  beforeAll(async () => {
    redis = await startTestRedis();
    svc = await startTestService({ redisUrl: redis.url });
    expect((await putFixtureMediators(svc)).status).toBe(200);
    client = createRedis(redis.url);
  }, 120_000);

  afterAll(async () => {
    client?.disconnect();
    await svc?.stop();
    await redis?.stop();
  });

  const post = (path: string, body: unknown, key = svc.keys.dispatcher) => svc.call('POST', path, { key, body });

  function walkIn(tag: string): Referral {
    const r = omit(referrals(1, tag, 11)[0]!, 'deadlineAt');
    return {
      ...r,
      channel: 'walk_in',
      category: 'family',
      class: 'ordinary',
      consent: true,
      referredAt: new Date().toISOString(),
      attempts: [],
    };
  }

  /** The case once assigned, with the load ratio its seat was taken at (‰, as the store keys it). */
  async function assigned(caseId: string): Promise<{ mediatorId: string; permille: number }> {
    const c = await waitFor(async () => {
      const got = await svc.call('GET', `/v1/cases/${caseId}`, { key: svc.keys.viewer });
      return got.body.status === 'assigned' ? got.body : undefined;
    }, 30_000);
    const seat = c.assignment.seats[0];
    const f = seat.explanation.chosen.facts;
    return { mediatorId: seat.mediatorId, permille: Math.round((1000 * (f.load + 1)) / f.capacity) };
  }

  async function conclude(caseId: string, last: unknown): Promise<void> {
    for (const body of [
      { action: 'accept' },
      {
        action: 'schedule_session',
        sessionId: `s-${caseId}`,
        roomId: 'centre-1',
        slot: { date: '2030-01-07', half: 'am' },
        start: '2030-01-07T01:00:00.000Z',
        end: '2030-01-07T04:00:00.000Z',
      },
      { action: 'start_mediation' },
      last,
    ])
      expect((await post(`/v1/cases/${caseId}/transitions`, body)).status).toBe(200);
  }

  test('when attempts fail and settle, then each closed seat is counted once at the load it was taken at, and the snapshot carries them', async () => {
    const store = new RedisDispatchStore(client, svc.county, 1000);
    expect(await store.loadOutcomeStats()).toEqual([]);
    const posted = await post('/v1/referrals', walkIn('lo-1'), svc.keys.court);
    const caseId = posted.body.cases[0].caseId as string;
    const first = await assigned(caseId);
    await conclude(caseId, { action: 'fail_attempt', reason: 'no agreement' });
    const second = await assigned(caseId);
    expect(second.mediatorId).not.toBe(first.mediatorId);
    await conclude(caseId, { action: 'settle', amountYuan: 100, termsRef: 'agr-lo', fulfilmentMode: 'voluntary' });

    const stats = [...(await store.loadOutcomeStats())].sort((a, b) => b.attempts - a.attempts || a.successes - b.successes);
    expect(stats).toEqual(
      expect.arrayContaining([
        { mediatorId: first.mediatorId, category: 'family', openWith: first.permille, capacity: 1000, successes: 0, attempts: 1 },
        {
          mediatorId: second.mediatorId,
          category: expect.any(String),
          openWith: second.permille,
          capacity: 1000,
          successes: 1,
          attempts: 1,
        },
      ]),
    );
    expect(stats).toHaveLength(2);
    const snap = await readSnapshot(store);
    expect(snap.loadOutcomes).toHaveLength(2);
  });

  test('when a stored field is malformed, then it is quarantined, not learned from', async () => {
    const store = new RedisDispatchStore(client, svc.county, 1000);
    await client.hset(`tj:{${svc.county}}:load-outcomes`, 'm-x|family|abc', '1,1', 'm-y|family|500', '3,2');
    const stats = await store.loadOutcomeStats();
    expect(stats.some((s) => s.mediatorId === 'm-x' || s.mediatorId === 'm-y')).toBe(false);
    expect(store.takeQuarantined().map((q) => q.reason)).toEqual([
      'load outcome: not a valid settled/attempted count',
      'load outcome: not a valid settled/attempted count',
    ]);
  });
});
