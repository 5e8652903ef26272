/**
 * SIGTERM while Redis is gone (issue 18: "no process exits" while Redis is down, and SIGTERM ends
 * in exit 0): an orchestrator that restarts a service during a Redis outage must see it go, not
 * hang until a kill. Nothing can be handed back without Redis; jobs in hand are taken over by
 * another worker after JOB_LOCK_MS once Redis returns.
 */
import { mediators } from '../support/county-fixture';
import { startAofRedis, type AofRedis } from './support/aof-redis';
import { deployment, type Deployment } from './support/service-process';
import { loadMediators } from './support/load-driver';
import { report } from './support/checker';

/** Readiness 503, the drain, a bounded wait for replies that never come, then exit: well under this. */
const EXIT_BOUND_MS = 15_000;

jest.setTimeout(90_000);

describe('SIGTERM while Redis is away', () => {
  let redis: AofRedis;
  let dep: Deployment;

  beforeAll(async () => {
    redis = await startAofRedis();
    dep = deployment(redis.url);
  });
  afterAll(async () => {
    await dep?.cleanup();
    await redis?.stop().catch(() => undefined);
  });

  test('when Redis is killed and then the API and the worker get SIGTERM, then both exit 0 within the bound', async () => {
    const api = await dep.start('api');
    const worker = await dep.start('worker');
    expect(await loadMediators(api.url, dep.keys.admin, mediators())).toBe(200);
    await redis.kill9();
    // Let every client notice the connection is gone.
    await new Promise((r) => setTimeout(r, 1500));
    const t0 = Date.now();
    api.child.kill('SIGTERM');
    worker.child.kill('SIGTERM');
    const [apiExit, workerExit] = await Promise.all([api.exited, worker.exited]);
    const seconds = (Date.now() - t0) / 1000;
    report('sigterm-redis-away', { apiExit, workerExit, secondsToExit: seconds });
    expect(apiExit).toEqual({ code: 0, signal: null });
    expect(workerExit).toEqual({ code: 0, signal: null });
    expect(seconds * 1000).toBeLessThan(EXIT_BOUND_MS);
  });
});
