import type { Referral } from '../../src/domain';
import { referrals } from '../support/county-fixture';
import { omit } from '../../src/domain/omit';
import { ReplicationTimeoutError } from '../../src/domain/errors';
import { CaseRepo } from '../../src/adapters/redis/case-repo';
import { MediatorRepo } from '../../src/adapters/redis/mediator-repo';
import { RedisDispatchStore } from '../../src/adapters/redis/redis-dispatch-store';
import { countyKeys } from '../../src/adapters/redis/keys';
import { createRedis, type TiaojieRedis } from '../../src/adapters/redis/redis-connection';
import { mediator, waitingCase } from '../unit/domain/fixtures';
import { runCountyDispatch } from '../../src/adapters/queue/county-dispatch';
import { RedisCountyRegistry } from '../../src/adapters/redis/county-registry';
import { CountyConfigs } from '../../src/use-cases/counties/county-configs';
import { loadDispatchConfig } from '../../src/domain/config/load';
import { uniqueCounty } from '../support/redis';
import { startRedisWithReplica, type RedisWithReplica } from '../support/redis-replica';
import { putFixtureMediators, startTestService, waitFor, type TestService } from '../support/service';
import { Queue } from 'bullmq';
import { REFERRALS_QUEUE } from '../../src/adapters/queue/names';
import { safeJobId } from '../../src/adapters/queue/queues';

/** A court referral of an ordinary family dispute, referred now. */
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

// REDIS_ACK_REPLICAS on one server with one replica: every write that decides a case or answers a
// client 2xx waits for the replica (WAIT in the same pipeline); without it, 503 / a retried job.
describe('acknowledged writes reach a replica (one server, one replica)', () => {
  let redis: RedisWithReplica;
  let svc: TestService;
  let acked: TiaojieRedis;
  let plain: TiaojieRedis;

  beforeAll(async () => {
    redis = await startRedisWithReplica();
    svc = await startTestService({
      redisUrl: redis.url,
      env: { REDIS_ACK_REPLICAS: '1', REDIS_ACK_TIMEOUT_MS: '300', WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' },
    });
    expect((await putFixtureMediators(svc)).status).toBe(200);
    acked = createRedis(redis.url, {}, { replicas: 1, timeoutMs: 300 });
    plain = createRedis(redis.url);
  }, 120_000);

  afterAll(async () => {
    await svc?.stop();
    acked?.disconnect();
    plain?.disconnect();
    await redis?.stop();
  });

  const post = (path: string, body: unknown, key = svc.keys.dispatcher) => svc.call('POST', path, { key, body });

  test('when the replica stops, then a transition the master wrote answers 503 replication_timeout, not 200', async () => {
    const posted = await post('/v1/referrals', courtReferral('ack-1'), svc.keys.court);
    expect(posted.status).toBe(202);
    const caseId = posted.body.cases[0].caseId as string;
    // The dispatch worker's commit waited for the replica and completed.
    await waitFor(
      async () => ((await svc.call('GET', `/v1/cases/${caseId}`, { key: svc.keys.viewer })).body.status === 'assigned' ? true : undefined),
      30_000,
    );
    expect((await post(`/v1/cases/${caseId}/transitions`, { action: 'accept' })).status).toBe(200);

    await redis.stopReplica();
    const withdrawn = await post(`/v1/cases/${caseId}/transitions`, { action: 'withdraw', reason: 'parties reconciled' });
    expect(withdrawn.status).toBe(503);
    expect(withdrawn.body.error.code).toBe('replication_timeout');
    expect(withdrawn.headers.get('retry-after')).toBeTruthy();
    // Written on the master, only not acknowledged: a failover now could lose it.
    expect(await plain.hget(countyKeys(svc.county).case(caseId), 'status')).toBe('withdrawn');
    // Sent again, it finds the case withdrawn already: a conflict, not a second withdrawal.
    const again = await post(`/v1/cases/${caseId}/transitions`, { action: 'withdraw', reason: 'parties reconciled' });
    expect({ status: again.status, code: again.body.error.code }).toEqual({ status: 409, code: 'conflict' });
  });

  test('when the replica is away, then a worker commit fails (its job retries) and the retry finds the case committed once', async () => {
    await redis.stopReplica();
    const county = uniqueCounty('ack');
    await new MediatorRepo(plain, county).upsert([mediator({ id: 'm1' })]);
    await new CaseRepo(plain, county, 1000).intake([waitingCase({ id: 'c1', county, referredAt: new Date().toISOString() })]);
    const commit = [
      {
        caseId: 'c1',
        assignment: {
          mediatorIds: ['m1'],
          seats: [{ role: 'sole' as const, mediatorId: 'm1', cost: 1 }],
          cost: 1,
          assignedAt: new Date().toISOString(),
          by: 'optimizer' as const,
        },
      },
    ];
    const store = new RedisDispatchStore(acked, county, 1000);
    await expect(store.commitAssignments(commit)).rejects.toBeInstanceOf(ReplicationTimeoutError);
    expect(await plain.hget(countyKeys(county).case('c1'), 'status')).toBe('assigned');
    // The commit is idempotent: run again, the case is no longer waiting and nothing is written twice.
    expect(await new RedisDispatchStore(plain, county, 1000).commitAssignments(commit)).toEqual({
      committed: [],
      refused: [{ caseId: 'c1', reason: 'already_assigned' }],
    });
    expect(await plain.hget(countyKeys(county).loads, 'm1')).toBe('1');
    // The job's retry finds the case committed; while the replica is away it still does not complete.
    const configs = new CountyConfigs(new RedisCountyRegistry(plain), loadDispatchConfig());
    const retry = (client: TiaojieRedis) => runCountyDispatch(client, { county, caseIds: ['c1'], all: false }, configs, 1000);
    await expect(retry(acked)).rejects.toBeInstanceOf(ReplicationTimeoutError);
    await redis.startReplica();
    expect((await retry(acked)).outcomes).toEqual({ c1: { status: 'not_waiting', caseId: 'c1', caseStatus: 'assigned' } });
    expect(await plain.hget(countyKeys(county).loads, 'm1')).toBe('1');
  });

  test('when the replica is away while a referral waits, then its job waits for it without spending attempts, and the case is decided once it is back', async () => {
    const env = { REDIS_ACK_REPLICAS: '1', REDIS_ACK_TIMEOUT_MS: '300' };
    const api = await startTestService({ redisUrl: redis.url, worker: false, env });
    const queue = new Queue(REFERRALS_QUEUE, { connection: { url: redis.url }, prefix: api.service.config.QUEUE_PREFIX });
    let worker: TestService | undefined;
    try {
      expect((await putFixtureMediators(api)).status).toBe(200);
      const posted = await api.call('POST', '/v1/referrals', { key: api.keys.court, body: courtReferral('ack-wait') });
      expect(posted.status).toBe(202);
      const caseId = posted.body.cases[0].caseId as string;
      await redis.stopReplica();
      worker = await startTestService({ redisUrl: redis.url, api: false, shareWith: api, env });
      // Long enough for four attempts at the backoff (250, 500, 1000, 2000 ms) had they been spent.
      await new Promise((r) => setTimeout(r, 4500));
      const job = await queue.getJob(safeJobId(caseId));
      expect({ state: await job?.getState(), attemptsMade: job?.attemptsMade }).toEqual({ state: 'delayed', attemptsMade: 0 });
      expect(await plain.hget(countyKeys(api.county).case(caseId), 'status')).toBe('assigned'); // on the master, not acknowledged
      await redis.startReplica();
      await waitFor(async () => ((await job?.getState()) === 'completed' ? true : undefined), 15_000);
    } finally {
      await redis.startReplica();
      await worker?.stop();
      await queue.close();
      await api.stop();
    }
  }, 60_000);

  test('when the replica is away, then the roster, a webhook and a county status (MULTI writes) answer 503 replication_timeout once written', async () => {
    await redis.stopReplica();
    const mediators = await putFixtureMediators(svc);
    expect({ status: mediators.status, code: mediators.body.error?.code }).toEqual({ status: 503, code: 'replication_timeout' });
    const hook = await svc.call('POST', '/v1/webhooks', {
      key: svc.keys.admin,
      body: { url: 'http://127.0.0.1:9/hook', secret: 'a-webhook-secret-of-some-length', events: ['case.assigned'] },
    });
    expect({ status: hook.status, code: hook.body.error?.code }).toEqual({ status: 503, code: 'replication_timeout' });
    const county = uniqueCounty('ack-users');
    await expect(new RedisCountyRegistry(acked).setStatus(county, 'active', new Date())).rejects.toBeInstanceOf(ReplicationTimeoutError);
    await redis.startReplica();
    // Back: the same writes are acknowledged.
    expect((await putFixtureMediators(svc)).status).toBe(200);
    await new RedisCountyRegistry(acked).setStatus(county, 'active', new Date());
  });
});
