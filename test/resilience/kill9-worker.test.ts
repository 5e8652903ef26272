/**
 * kill -9 of the dispatch worker during intake (issue 18, "The suite"): API and worker are separate
 * processes on a redis-server with AOF; the worker dies mid-load without a word to Redis, a new one
 * starts, and every acknowledged referral must be dispatched exactly once.
 */
import { mediators, referrals } from '../support/county-fixture';
import { startAofRedis, type AofRedis } from './support/aof-redis';
import { deployment, type Deployment, type ServiceProcess } from './support/service-process';
import { driveLoad, loadMediators } from './support/load-driver';
import { dispatchQueueCounts, report, waitUntilDispatched } from './support/checker';
import { takeoverBound } from './support/takeover-bound';

const REFERRALS = 600;
const PER_SECOND = 60;
/** The worker is killed when this many requests have settled: mid-intake, with jobs in hand. */
const KILL_AFTER = 200;

jest.setTimeout(240_000);

describe('kill -9 of the worker during intake', () => {
  let redis: AofRedis;
  let dep: Deployment;

  beforeAll(async () => {
    redis = await startAofRedis();
    dep = deployment(redis.url);
  });
  afterAll(async () => {
    await dep?.cleanup();
    await redis?.stop();
  });

  test('when the worker is killed with SIGKILL and a new one started, then 0 acknowledged referrals are lost or double-assigned, and all are dispatched in time', async () => {
    const api = await dep.start('api');
    const first = await dep.start('worker');
    expect(await loadMediators(api.url, dep.keys.admin, mediators())).toBe(200);

    let killedAt = 0;
    let second: Promise<ServiceProcess> | undefined;
    const load = await driveLoad({
      url: api.url,
      key: dep.keys.court,
      referrals: referrals(REFERRALS, 'kill9'),
      perSecond: PER_SECOND,
      onSettled: (done) => {
        if (done !== KILL_AFTER) return;
        killedAt = Date.now();
        first.child.kill('SIGKILL');
        // The replacement starts at once, as a supervisor (systemd, Kubernetes) would start it.
        second = first.exited.then(() => dep.start('worker'));
      },
    });
    expect(second).toBeDefined();
    await second;
    expect((await first.exited).signal).toBe('SIGKILL');

    const bound = takeoverBound();
    const elapsedSinceKill = Date.now() - killedAt;
    // Watched past the bound (up to a minute more), so a slow takeover is measured, not only failed.
    const { reckoning, settledMs } = await waitUntilDispatched(redis.url, dep.county, load.acknowledged, bound.ms + 30_000);
    const recoverSeconds = settledMs === undefined ? undefined : (elapsedSinceKill + settledMs) / 1000;
    report('kill9-worker', {
      sent: REFERRALS,
      acknowledged: reckoning.acknowledged,
      lost: reckoning.lost.length,
      doubleAssigned: reckoning.doubleAssigned.length,
      notDispatched: reckoning.notDispatched.length,
      assigned: reckoning.assigned,
      unassigned: reckoning.unassigned,
      serverErrors: load.serverErrors,
      noReply: load.noReply,
      secondsFromKillToAllDispatched: recoverSeconds,
      boundSeconds: bound.ms / 1000,
      queue: await dispatchQueueCounts(redis.url, dep.prefix),
    });

    expect(load.serverErrors).toBe(0);
    expect(reckoning.acknowledged).toBe(REFERRALS);
    expect(reckoning.lost).toEqual([]);
    expect(reckoning.doubleAssigned).toEqual([]);
    expect(reckoning.notDispatched).toEqual([]);
    expect(recoverSeconds).toBeLessThanOrEqual(bound.ms / 1000);
    expect(api.child.exitCode).toBeNull();
  });
});
