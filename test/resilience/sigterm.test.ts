/**
 * SIGTERM under load (issue 18, "The suite"): a deploy or a scale-down stops the API and the worker
 * while referrals arrive. Each must finish what it has in hand and exit 0: no request that reached
 * the API is dropped, no job is left active (stalled), and a fresh worker dispatches everything.
 */
import { freePort } from '../../src/runtime/redis-launcher';
import { mediators, referrals } from '../support/county-fixture';
import { startAofRedis, type AofRedis } from './support/aof-redis';
import { deployment, type Deployment, type ServiceProcess } from './support/service-process';
import { driveLoad, loadMediators, postBatch } from './support/load-driver';
import { dispatchQueueCounts, reckon, report, waitUntilDispatched } from './support/checker';
import { caseIdFor } from '../../src/use-cases/intake/case-id';

const REFERRALS = 600;
const PER_SECOND = 60;
const STOP_API_AFTER = 150;
const STOP_WORKER_AFTER = 400;
/** Batches posted just before the API's SIGTERM (sent when the first is answered), so requests are surely in flight. */
const BURST = 8;
const BURST_SIZE = 100;
/** A fresh worker dispatches what is left well within this (no stalled jobs to wait for). */
const DISPATCH_BOUND_MS = 30_000;

jest.setTimeout(180_000);

const burstReferrals = (i: number) => referrals(BURST_SIZE, `sigterm-burst-${i}`);
const burstExternalIds = (i: number): string[] => burstReferrals(i).map((r) => r.externalId);

describe('SIGTERM of the API and of the worker under load', () => {
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

  test('when each gets SIGTERM mid-load, then in-flight requests finish, both exit 0, no job is left active, and every acknowledged referral is dispatched', async () => {
    // A fixed port, so the replacement API answers where the clients already send.
    const port = String(await freePort());
    const api = await dep.start('api', { PORT: port });
    const worker = await dep.start('worker');
    expect(await loadMediators(api.url, dep.keys.admin, mediators())).toBe(200);

    let apiStoppedAt = 0;
    let workerStoppedAt = 0;
    let workerExitedAt = 0;
    let nextApi: Promise<ServiceProcess> | undefined;
    let burst: Promise<{ status: number; caseIds: string[]; doneAt: number }[]> | undefined;
    let activeAfterWorkerExit: Promise<number> | undefined;
    const load = await driveLoad({
      url: api.url,
      key: dep.keys.court,
      referrals: referrals(REFERRALS, 'sigterm'),
      perSecond: PER_SECOND,
      onSettled: (done) => {
        if (done === STOP_API_AFTER) {
          const batches = Array.from({ length: BURST }, (_, i) =>
            postBatch(api.url, dep.keys.court, burstReferrals(i)).then((r) => ({ ...r, doneAt: Date.now() })),
          );
          burst = Promise.all(batches);
          // The first reply shows the API's event loop has come round since the batches were sent, so
          // their connections were accepted: the others are in flight when the signal arrives.
          void Promise.race(batches).then(() => {
            apiStoppedAt = Date.now();
            api.child.kill('SIGTERM');
            nextApi = api.exited.then(() => dep.start('api', { PORT: port }));
          });
        }
        if (done === STOP_WORKER_AFTER) {
          workerStoppedAt = Date.now();
          worker.child.kill('SIGTERM');
          activeAfterWorkerExit = worker.exited.then(async () => {
            workerExitedAt = Date.now();
            return (await dispatchQueueCounts(redis.url, dep.prefix)).active ?? -1;
          });
        }
      },
    });
    const burstReplies = (await burst) ?? [];
    const burstAcknowledged = burstReplies.flatMap((r) => r.caseIds);
    const acknowledged = [...load.acknowledged, ...burstAcknowledged];
    const apiExit = await api.exited;
    const workerExit = await worker.exited;
    const activeLeft = await activeAfterWorkerExit;
    await nextApi;

    // Requests sent before the signal that got no reply: if the service worked on one (its case
    // exists), an in-flight request did not finish — a failure. Ones it never read are counted apart.
    const unanswered = [
      ...load.attempts.filter((a) => a.sentAt < apiStoppedAt && a.status === 0).map((a) => a.externalId),
      ...burstReplies.flatMap((r, i) => (r.status === 0 ? burstExternalIds(i) : [])),
    ].map((externalId) => caseIdFor(dep.county, externalId));
    const neverRead = (await reckon(redis.url, dep.county, unanswered)).lost.length;
    const processedButUnanswered = unanswered.length - neverRead;
    const inFlightAtSignal = load.attempts.filter((a) => a.sentAt < apiStoppedAt && a.doneAt > apiStoppedAt).length;
    const fresh = await dep.start('worker');
    const { reckoning, settledMs } = await waitUntilDispatched(redis.url, dep.county, acknowledged, DISPATCH_BOUND_MS);
    report('sigterm', {
      sent: REFERRALS,
      acknowledged: reckoning.acknowledged,
      refusedWhileApiDown: load.noReply,
      inFlightAtSignal,
      burstStatuses: burstReplies.map((r) => r.status),
      burstInFlightAtSignal: burstReplies.filter((r) => r.doneAt > apiStoppedAt).length,
      processedButUnanswered,
      unansweredNeverRead: neverRead,
      serverErrors: load.serverErrors,
      apiExit,
      workerExit,
      workerSecondsToExit: (workerExitedAt - workerStoppedAt) / 1000,
      activeJobsAfterWorkerExit: activeLeft,
      lost: reckoning.lost.length,
      doubleAssigned: reckoning.doubleAssigned.length,
      notDispatched: reckoning.notDispatched.length,
      secondsForFreshWorkerToDispatchTheRest: settledMs === undefined ? undefined : settledMs / 1000,
    });

    expect(apiExit).toEqual({ code: 0, signal: null });
    expect(workerExit).toEqual({ code: 0, signal: null });
    expect(activeLeft).toBe(0);
    expect(processedButUnanswered).toBe(0);
    expect(neverRead).toBe(0);
    expect(burstReplies.filter((r) => r.status !== 0 && r.status !== 202)).toEqual([]);
    expect(burstAcknowledged).toHaveLength(burstReplies.filter((r) => r.status === 202).length * BURST_SIZE);
    expect(load.serverErrors).toBe(0);
    expect(reckoning.acknowledged).toBeGreaterThan(REFERRALS / 2);
    expect(reckoning.lost).toEqual([]);
    expect(reckoning.doubleAssigned).toEqual([]);
    expect(reckoning.notDispatched).toEqual([]);
    expect(fresh.child.exitCode).toBeNull();
  });
});
