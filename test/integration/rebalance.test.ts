import { Queue } from 'bullmq';
import { verifyWebhook } from '../../src/adapters/webhooks/webhook-signature';
import { LOCAL_RECEIVER_ENV, startReceiver } from '../support/webhook-receiver';
import { randomUUID } from 'node:crypto';
import { nightlySchedulerId, upsertNightlyRebalance, type RebalanceJob } from '../../src/adapters/queue/rebalance-queue';
import { countyKeys } from '../../src/adapters/redis/keys';
import { RedisRebalanceStore } from '../../src/adapters/redis/rebalance-store';
import { lifecycleKeys } from '../../src/adapters/redis/lifecycle-keys';
import { loadLifecycleConfig } from '../../src/domain/config/lifecycle-config';
import { withLifecycleFiles } from '../../src/use-cases/rebalance/reassign-files';
import { acquireRebalanceLock, isRebalancing, rebalanceLockKey, releaseRebalanceLock } from '../../src/adapters/redis/rebalance-lock';
import { bullConnection, createRedis, releaseBullConnection, type TiaojieRedis } from '../../src/adapters/redis/redis-connection';
import { referrals } from '../support/county-fixture';
import { startTestRedis, uniqueCounty, type TestRedis } from '../support/redis';
import { putFixtureMediators, startTestService, waitFor, type TestService } from '../support/service';

/** The next 02:00 in Beijing (UTC+8, no DST) after `from`, as epoch ms: 18:00 UTC. */
function next0200Shanghai(from: number): number {
  const d = new Date(from);
  let t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 18, 0, 0);
  if (t <= from) t += 86_400_000;
  return t;
}

describe('rebalance in the service (real Redis)', () => {
  let redis: TestRedis;
  let client: TiaojieRedis;

  beforeAll(async () => {
    redis = await startTestRedis();
    client = createRedis(redis.url);
  });

  afterAll(async () => {
    client?.disconnect();
    await redis?.stop();
  });

  test('when two replicas upsert the nightly scheduler of a county, then there is one scheduler and one job per night, at 02:00 Asia/Shanghai', async () => {
    const prefix = `{q${randomUUID().slice(0, 8)}}`;
    const county = uniqueCounty('night');
    const connection = bullConnection(redis.url);
    const replicaA = new Queue<RebalanceJob>('rebalance', { connection, prefix });
    const replicaB = new Queue<RebalanceJob>('rebalance', { connection, prefix });
    try {
      const before = Date.now();
      await Promise.all([upsertNightlyRebalance(replicaA, county), upsertNightlyRebalance(replicaB, county)]);
      await upsertNightlyRebalance(replicaB, county); // a restart upserts again
      expect(await replicaA.getJobSchedulersCount()).toBe(1);
      const [scheduler] = await replicaA.getJobSchedulers();
      expect(scheduler).toMatchObject({ key: nightlySchedulerId(county), pattern: '0 2 * * *', tz: 'Asia/Shanghai' });
      const delayed = await replicaB.getDelayed();
      expect(delayed).toHaveLength(1);
      expect(delayed[0]!.timestamp + delayed[0]!.delay).toBe(next0200Shanghai(before));
      expect(delayed[0]!.data).toMatchObject({ county, dryRun: false, trigger: 'nightly' });
    } finally {
      await replicaA.obliterate({ force: true });
      await Promise.all([replicaA.close(), replicaB.close()]);
      releaseBullConnection(connection);
    }
  });

  test('when a rebalance holds the county lock, then a second holder is refused and only the holder releases it', async () => {
    const county = uniqueCounty('lock');
    const token = await acquireRebalanceLock(client, county, 10_000);
    expect(token).not.toBeNull();
    expect(await acquireRebalanceLock(client, county, 10_000)).toBeNull();
    expect(await isRebalancing(client, county)).toBe(true);
    expect(await releaseRebalanceLock(client, county, 'not-the-token')).toBe(false);
    expect(await isRebalancing(client, county)).toBe(true);
    expect(await releaseRebalanceLock(client, county, token!)).toBe(true);
    expect(await isRebalancing(client, county)).toBe(false);
  });

  describe('through the API', () => {
    let svc: TestService;
    const N = 80;

    beforeAll(async () => {
      svc = await startTestService({ redisUrl: redis.url, env: { REBALANCE_NIGHTLY: 'false', ...LOCAL_RECEIVER_ENV } });
      expect((await putFixtureMediators(svc)).status).toBe(200);
      expect((await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: referrals(N, 'rebal') })).status).toBe(202);
      await waitFor(async () => {
        const r = await svc.call('GET', '/v1/cases?status=assigned&limit=1', { key: svc.keys.viewer });
        return (r.body as { total: number }).total >= N - 5 ? true : undefined;
      }, 60_000);
    });

    afterAll(async () => {
      await svc?.stop();
    });

    /** Everything a rebalance may touch: loads, assignments and the event stream's length. */
    async function state(county: string) {
      const k = countyKeys(county);
      const ids = await client.zrange(k.cases, '0', '-1');
      const pipe = client.pipeline();
      for (const id of ids) pipe.hget(k.case(id), 'assignment');
      const open = new Set(['assigned', 'accepted', 'session_scheduled', 'mediating']);
      for (const id of ids) pipe.hget(k.case(id), 'status');
      const rows = ((await pipe.exec()) ?? []).map(([, v]) => v as string | null);
      // Assignments of open cases: closed ones keep theirs on record but hold no load.
      const assignments = ids.map((_, i) => (open.has(rows[ids.length + i] ?? '') ? rows[i]! : null));
      return { loads: await client.hgetall(k.loads), assignments, events: await client.xlen(k.events) };
    }

    test('when a mediator goes on leave, then the dry run shows the forced moves and changes nothing, and the applied run moves them atomically with case.reassigned events', async () => {
      const k = countyKeys(svc.county);
      const loads = await client.hgetall(k.loads);
      const [busiest] = Object.entries(loads).sort((a, b) => Number(b[1]) - Number(a[1]))[0]!;
      const held = Number(loads[busiest]);
      expect(held).toBeGreaterThan(0);
      expect((await svc.call('PATCH', `/v1/mediators/${busiest}`, { key: svc.keys.dispatcher, body: { status: 'on_leave' } })).status).toBe(
        200,
      );

      const receiver = await startReceiver();
      const secret = 'a-webhook-secret-of-some-length';
      expect(
        (await svc.call('POST', '/v1/webhooks', { key: svc.keys.admin, body: { url: receiver.url, secret, events: ['case.reassigned'] } }))
          .status,
      ).toBe(201);

      const before = await state(svc.county);
      const dry = await svc.call('POST', '/v1/rebalance', { key: svc.keys.dispatcher, body: {} });
      expect(dry.status).toBe(200);
      const plan = (dry.body as { status: string; plan: { moves: { from: string; to: string; reason: string; caseId: string }[] } }).plan;
      expect((dry.body as { status: string }).status).toBe('planned');
      const forced = plan.moves.filter((m) => m.from === busiest);
      expect(forced.length).toBe(held);
      expect(forced.every((m) => m.reason === 'leave' && m.to !== busiest)).toBe(true);
      expect(await state(svc.county)).toEqual(before);

      const queued = await svc.call('POST', '/v1/rebalance', { key: svc.keys.dispatcher, body: { dryRun: false } });
      expect(queued.status).toBe(202);
      const jobId = (queued.body as { jobId: string }).jobId;
      const job = await waitFor(async () => {
        const r = await svc.call('GET', `/v1/rebalance/jobs/${jobId}`, { key: svc.keys.viewer });
        return (r.body as { state: string }).state === 'completed'
          ? (r.body as {
              result: {
                status: string;
                applied: { applied: string[]; refused: unknown[] };
                plan: { moves: { caseId: string; from: string; to: string }[] };
              };
            })
          : undefined;
      }, 60_000);
      expect(job.result.status).toBe('applied');
      expect(job.result.applied.refused).toEqual([]);
      expect(Number(await client.hget(k.loads, busiest))).toBe(0);
      // Every case on exactly its mediators; no mediator over capacity; loads match the cases.
      const after = await state(svc.county);
      const count = new Map<string, number>();
      for (const a of after.assignments)
        for (const id of a ? (JSON.parse(a) as { mediatorIds: string[] }).mediatorIds : []) count.set(id, (count.get(id) ?? 0) + 1);
      for (const [id, n] of Object.entries(after.loads)) expect(count.get(id) ?? 0).toBe(Number(n));
      const capacity = await client.hgetall(k.capacity);
      for (const [id, n] of count) expect(n).toBeLessThanOrEqual(Number(capacity[id]));
      for (const m of job.result.plan.moves) {
        const got = await svc.call('GET', `/v1/cases/${m.caseId}`, { key: svc.keys.viewer });
        expect((got.body as { assignment: { mediatorIds: string[] } }).assignment.mediatorIds).toContain(m.to);
        // The case history shows the move (the lifecycle had not stored a file for these cases yet).
        const history = await svc.call('GET', `/v1/cases/${m.caseId}/history`, { key: svc.keys.viewer });
        expect(history.status).toBe(200);
        const h = history.body as {
          status: string;
          history: { action: string; fromMediatorIds?: string[]; mediatorIds?: string[]; runId?: string; by: string }[];
          attempts: { mediatorIds: string[] }[];
        };
        expect(h.history.map((x) => x.action)).toEqual(['assign', 'reassign']);
        expect(h.history[1]).toMatchObject({ by: 'rebalance', runId: jobId });
        expect(h.history[1]!.fromMediatorIds).toContain(m.from);
        expect(h.history[1]!.mediatorIds).toContain(m.to);
        expect(h.attempts.at(-1)!.mediatorIds).toContain(m.to);
      }
      const events = (await client.xrange(k.events, '-', '+')) as [string, string[]][];
      const reassigned = events
        .filter(([, f]) => f[1] === 'case.reassigned')
        .map(([, f]) => JSON.parse(f[3]!) as { caseId: string; fromMediatorIds: string[]; mediatorIds: string[] });
      expect(reassigned.length).toBe(new Set(job.result.plan.moves.map((m) => m.caseId)).size);
      expect(reassigned.filter((e) => e.fromMediatorIds.includes(busiest)).length).toBe(held);
      expect(reassigned.every((e) => !e.mediatorIds.includes(busiest))).toBe(true);
      // Each reassignment reaches the subscribed webhook, signed, naming both mediators.
      await waitFor(() => (receiver.received.length >= reassigned.length ? true : undefined), 30_000);
      for (const d of receiver.received) {
        const ts = Number(d.headers['x-tiaojie-timestamp']);
        expect(verifyWebhook(secret, ts, d.body, String(d.headers['x-tiaojie-signature']))).toBe(true);
        const ev = JSON.parse(d.body) as { type: string; data: { fromMediatorIds: string[]; mediatorIds: string[] } };
        expect(ev.type).toBe('case.reassigned');
        expect(ev.data.fromMediatorIds.length).toBe(ev.data.mediatorIds.length);
      }
      receiver.server.close();
    });

    test('when an accepted case moves, then its lifecycle file follows, so closing it later releases the new mediator', async () => {
      const k = countyKeys(svc.county);
      const list = await svc.call('GET', '/v1/cases?status=assigned&limit=200', { key: svc.keys.viewer });
      const candidates = (list.body as { cases: { id: string; class: string; assignment: { mediatorIds: string[] } }[] }).cases.filter(
        (c) => c.class !== 'major',
      );
      const c = candidates[0]!;
      const from = c.assignment.mediatorIds[0]!;
      expect(
        (await svc.call('POST', `/v1/cases/${c.id}/transitions`, { key: svc.keys.dispatcher, body: { action: 'accept' } })).status,
      ).toBe(200);
      expect((await svc.call('PATCH', `/v1/mediators/${from}`, { key: svc.keys.dispatcher, body: { status: 'on_leave' } })).status).toBe(
        200,
      );
      const queued = await svc.call('POST', '/v1/rebalance', { key: svc.keys.dispatcher, body: { dryRun: false } });
      const jobId = (queued.body as { jobId: string }).jobId;
      const job = await waitFor(async () => {
        const r = await svc.call('GET', `/v1/rebalance/jobs/${jobId}`, { key: svc.keys.viewer });
        return (r.body as { state: string }).state === 'completed' ? (r.body as { result: { applied: { applied: string[] } } }) : undefined;
      }, 60_000);
      expect(job.result.applied.applied).toContain(c.id);
      const moved = await svc.call('GET', `/v1/cases/${c.id}`, { key: svc.keys.viewer });
      const body = moved.body as { status: string; assignment: { mediatorIds: string[] } };
      expect(body.status).toBe('accepted');
      const to = body.assignment.mediatorIds[0]!;
      expect(to).not.toBe(from);
      const history = await svc.call('GET', `/v1/cases/${c.id}/history`, { key: svc.keys.viewer });
      const attempts = (history.body as { attempts: { mediatorIds: string[] }[] }).attempts;
      expect(attempts[attempts.length - 1]!.mediatorIds).toEqual([to]);
      const entries = (
        history.body as {
          history: {
            action: string;
            from: string;
            to: string;
            fromMediatorIds?: string[];
            mediatorIds?: string[];
            runId?: string;
            reason?: string;
          }[];
        }
      ).history;
      expect(entries.map((e) => e.action)).toEqual(['assign', 'accept', 'reassign']);
      expect(entries[2]).toMatchObject({
        from: 'accepted',
        to: 'accepted',
        fromMediatorIds: [from],
        mediatorIds: [to],
        runId: jobId,
        reason: 'rebalance (leave)',
      });
      // Session planning now books the case with its new mediator.
      const planned = await svc.call('POST', '/v1/sessions/plan', { key: svc.keys.dispatcher });
      expect(planned.status).toBe(200);
      const p = planned.body as { booked: { caseId: string; mediatorIds: string[] }[]; unscheduled: { caseId: string }[] };
      const mine = p.booked.find((b) => b.caseId === c.id);
      if (mine) expect(mine.mediatorIds).toEqual([to]);
      else expect(p.unscheduled.map((u) => u.caseId)).toContain(c.id);
      const [fromLoad, toLoad] = (await client.hmget(k.loads, from, to)).map(Number);
      expect(
        (
          await svc.call('POST', `/v1/cases/${c.id}/transitions`, {
            key: svc.keys.dispatcher,
            body: { action: 'withdraw', reason: 'parties settled privately' },
          })
        ).status,
      ).toBe(200);
      const [fromAfter, toAfter] = (await client.hmget(k.loads, from, to)).map(Number);
      expect(fromAfter).toBe(fromLoad);
      expect(toAfter).toBe(toLoad! - 1);
    });

    test('when referrals arrive during a rebalance, then they wait for the lock and are dispatched after, each exactly once', async () => {
      const k = countyKeys(svc.county);
      const token = await acquireRebalanceLock(client, svc.county, 20_000);
      expect(token).not.toBeNull();
      let released = false;
      try {
        const posted = await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: referrals(12, 'during-lock', 11) });
        expect(posted.status).toBe(202);
        const ids = (posted.body as { cases: { caseId: string }[] }).cases.map((c) => c.caseId);
        await new Promise((r) => setTimeout(r, 1000));
        const statuses = await Promise.all(ids.map((id) => client.hget(k.case(id), 'status')));
        expect(statuses.every((st) => st === 'referred')).toBe(true);
        await releaseRebalanceLock(client, svc.county, token!);
        released = true;
        await waitFor(async () => {
          const st = await Promise.all(ids.map((id) => client.hget(k.case(id), 'status')));
          return st.every((x) => x !== 'referred') ? true : undefined;
        }, 30_000);
        const after = await state(svc.county);
        const count = new Map<string, number>();
        for (const a of after.assignments)
          for (const id of a ? (JSON.parse(a) as { mediatorIds: string[] }).mediatorIds : []) count.set(id, (count.get(id) ?? 0) + 1);
        for (const [id, n] of Object.entries(after.loads)) expect(count.get(id) ?? 0).toBe(Number(n));
      } finally {
        if (!released) await releaseRebalanceLock(client, svc.county, token!);
      }
    });

    test('when a case changed since the snapshot or is pinned, then the apply refuses it and writes nothing of it', async () => {
      const k = countyKeys(svc.county);
      const store = new RedisRebalanceStore(client, svc.county);
      const snap = await store.snapshot();
      const [a, b] = snap.cases.filter((c) => c.status === 'assigned' && c.assignment!.mediatorIds.length === 1);
      const target = snap.mediators.find(
        (m) =>
          m.status === 'active' &&
          m.id !== a!.assignment!.mediatorIds[0] &&
          m.id !== b!.assignment!.mediatorIds[0] &&
          (snap.loads.get(m.id) ?? 0) < m.capacity,
      )!;
      const move = (c: NonNullable<typeof a>, expected: readonly string[]) => ({
        caseId: c.id,
        expectedStatus: c.status,
        expectedMediatorIds: expected,
        assignment: { ...c.assignment!, mediatorIds: [target.id], seats: [{ ...c.assignment!.seats[0]!, mediatorId: target.id }] },
        moves: [{ role: c.assignment!.seats[0]!.role, from: c.assignment!.mediatorIds[0]!, to: target.id, reason: 'gain' as const }],
      });
      await client.hset(k.case(b!.id), 'assignment', JSON.stringify({ ...b!.assignment!, by: 'dispatcher' }));
      const before = await state(svc.county);
      const locked = await store.withLock(() =>
        store.applyReassignments([move(a!, ['someone-else']), move(b!, b!.assignment!.mediatorIds)], { runId: 'test', at: new Date() }),
      );
      if (!locked.acquired) throw new Error('lock not acquired');
      const res = locked.value;
      expect(res.applied).toEqual([]);
      expect(res.refused.map((r) => [r.caseId, r.reason])).toEqual([
        [a!.id, 'changed'],
        [b!.id, 'pinned'],
      ]);
      const after = await state(svc.county);
      expect(after.loads).toEqual(before.loads);
      expect(after.events).toBe(before.events);
    });

    /** A move of one assigned single-seat case to an active mediator with room (against a fresh snapshot). */
    async function oneMove(store: RedisRebalanceStore) {
      const snap = await store.snapshot();
      const c = snap.cases.find(
        (x) => x.status === 'assigned' && x.assignment!.by !== 'dispatcher' && x.assignment!.mediatorIds.length === 1,
      )!;
      const from = c.assignment!.mediatorIds[0]!;
      const to = snap.mediators.find((m) => m.status === 'active' && m.id !== from && (snap.loads.get(m.id) ?? 0) + 1 < m.capacity)!;
      return {
        caseId: c.id,
        expectedStatus: c.status,
        expectedMediatorIds: [from],
        assignment: { ...c.assignment!, mediatorIds: [to.id], seats: [{ ...c.assignment!.seats[0]!, mediatorId: to.id }] },
        moves: [{ role: c.assignment!.seats[0]!.role, from, to: to.id, reason: 'gain' as const }],
      };
    }

    test('when a rebalance runs longer than its lock expiry, then the lock is renewed: referrals wait all along, the apply still succeeds, and afterwards each referral is dispatched exactly once', async () => {
      const k = countyKeys(svc.county);
      const store = new RedisRebalanceStore(client, svc.county, { lockTtlMs: 400 });
      let ids: string[] = [];
      const locked = await store.withLock(async () => {
        const posted = await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: referrals(10, 'long-run', 17) });
        expect(posted.status).toBe(202);
        ids = (posted.body as { cases: { caseId: string }[] }).cases.map((c) => c.caseId);
        const move = await oneMove(store);
        // Five expiries later the lock is still ours and the referrals still wait.
        await new Promise((r) => setTimeout(r, 2000));
        expect(await isRebalancing(client, svc.county)).toBe(true);
        const statuses = await Promise.all(ids.map((id) => client.hget(k.case(id), 'status')));
        expect(statuses.every((st) => st === 'referred')).toBe(true);
        return store.applyReassignments([move], { runId: 'long-run', at: new Date() });
      });
      if (!locked.acquired) throw new Error('lock not acquired');
      expect(locked.value.refused).toEqual([]);
      expect(locked.value.applied).toHaveLength(1);
      expect(await isRebalancing(client, svc.county)).toBe(false);
      await waitFor(async () => {
        const st = await Promise.all(ids.map((id) => client.hget(k.case(id), 'status')));
        return st.every((x) => x !== 'referred') ? true : undefined;
      }, 30_000);
      // Nothing lost, nothing twice: one case.assigned event per new case, loads equal to the assignments.
      const events = (await client.xrange(k.events, '-', '+')) as [string, string[]][];
      const assignedEvents = events
        .filter(([, f]) => f[1] === 'case.assigned')
        .map(([, f]) => (JSON.parse(f[3]!) as { caseId: string }).caseId);
      for (const id of ids) {
        expect(['assigned', 'unassigned']).toContain(await client.hget(k.case(id), 'status'));
        expect(assignedEvents.filter((x) => x === id).length).toBeLessThanOrEqual(1);
      }
      expect(ids.filter((id) => assignedEvents.includes(id)).length).toBeGreaterThan(0);
      const after = await state(svc.county);
      const count = new Map<string, number>();
      for (const a of after.assignments)
        for (const id of a ? (JSON.parse(a) as { mediatorIds: string[] }).mediatorIds : []) count.set(id, (count.get(id) ?? 0) + 1);
      for (const [id, n] of Object.entries(after.loads)) expect(count.get(id) ?? 0).toBe(Number(n));
    });

    test('when a run has lost its lock, then its apply writes nothing', async () => {
      const store = new RedisRebalanceStore(client, svc.county);
      const locked = await store.withLock(async () => {
        const move = await oneMove(store);
        // As if the lock had expired and another run had taken it.
        await client.set(rebalanceLockKey(svc.county), 'another-run');
        const before = await state(svc.county);
        const res = await store.applyReassignments([move], { runId: 'late', at: new Date() });
        expect(await state(svc.county)).toEqual(before);
        return res;
      });
      await client.del(rebalanceLockKey(svc.county));
      if (!locked.acquired) throw new Error('lock not acquired');
      expect(locked.value.applied).toEqual([]);
      expect(locked.value.refused.map((r) => r.reason)).toEqual(['lock_lost']);
    });

    test('when a case file is written between the read and the apply, then the apply refuses the case as changed and writes nothing of it', async () => {
      const store = new RedisRebalanceStore(client, svc.county);
      const lk = lifecycleKeys(svc.county);
      const locked = await store.withLock(async () => {
        const move = await oneMove(store);
        const meta = { runId: 'raced', at: new Date() };
        const [withFile] = await withLifecycleFiles(store, [move], meta, loadLifecycleConfig());
        expect(withFile!.lifecycle).toBeDefined();
        // The lifecycle writes the case's file meanwhile (none was stored at the read).
        await client.hset(lk.file(move.caseId), 'file', JSON.stringify(withFile!.lifecycle!.file), 'version', '0');
        const before = await state(svc.county);
        const res = await store.applyReassignments([withFile!], meta);
        expect(await state(svc.county)).toEqual(before);
        expect(await client.hget(lk.file(move.caseId), 'version')).toBe('0');
        return res;
      });
      if (!locked.acquired) throw new Error('lock not acquired');
      expect(locked.value.applied).toEqual([]);
      expect(locked.value.refused.map((r) => r.reason)).toEqual(['changed']);
      // Back as it was, for the tests after this one.
      await client.del(...locked.value.refused.map((r) => lk.file(r.caseId)));
    });

    test('when another rebalance of the county runs, then POST /v1/rebalance answers 409', async () => {
      const token = await acquireRebalanceLock(client, svc.county, 10_000);
      try {
        const r = await svc.call('POST', '/v1/rebalance', { key: svc.keys.dispatcher, body: { dryRun: true } });
        expect(r.status).toBe(409);
      } finally {
        await releaseRebalanceLock(client, svc.county, token!);
      }
    });

    test('when a dry run is asked not to wait, then 202 names the job and where to poll it, and the job completes with the plan', async () => {
      const r = await svc.call('POST', '/v1/rebalance', { key: svc.keys.dispatcher, body: { waitSeconds: 0 } });
      expect(r.status).toBe(202);
      const body = r.body as { jobId: string; state: string; statusUrl: string };
      expect(body.statusUrl).toBe(`/v1/rebalance/jobs/${encodeURIComponent(body.jobId)}`);
      expect(r.headers.get('location')).toBe(body.statusUrl);
      const job = await waitFor(async () => {
        const j = await svc.call('GET', body.statusUrl, { key: svc.keys.viewer });
        return (j.body as { state: string }).state === 'completed'
          ? (j.body as { dryRun: boolean; result: { status: string; plan: { moves: unknown[] } } })
          : undefined;
      }, 60_000);
      expect(job.dryRun).toBe(true);
      expect(job.result.status).toBe('planned');
      expect(Array.isArray(job.result.plan.moves)).toBe(true);
    });

    test('when the API runs without any worker, then a rebalance is refused at once with 503 saying how to start one, and nothing is queued', async () => {
      const bare = await startTestService({ redisUrl: redis.url, worker: false, env: { REBALANCE_NIGHTLY: 'false' } });
      try {
        const started = Date.now();
        const r = await bare.call('POST', '/v1/rebalance', { key: bare.keys.dispatcher, body: {} });
        expect(Date.now() - started).toBeLessThan(5_000);
        expect(r.status).toBe(503);
        expect((r.body as { error: { message: string } }).error.message).toMatch(/tiaojie worker/);
        const apply = await bare.call('POST', '/v1/rebalance', { key: bare.keys.dispatcher, body: { dryRun: false } });
        expect(apply.status).toBe(503);
        const connection = bullConnection(redis.url);
        const q = new Queue<RebalanceJob>('rebalance', { connection, prefix: bare.service.config.QUEUE_PREFIX });
        try {
          expect(await q.count()).toBe(0);
        } finally {
          await q.close();
          releaseBullConnection(connection);
        }
      } finally {
        await bare.stop();
      }
    });

    test('when a dry run’s job fails, then 500 names the job, and its status gives the reason', async () => {
      const k = countyKeys(svc.county);
      // A held-cases index of the wrong Redis type: the run's snapshot cannot be read (every retry
      // fails the same way). Corrupt records no longer do: they are quarantined (issue 18).
      const held = k.byStatus('assigned');
      const members = await client.smembers(held);
      await client.del(held);
      await client.set(held, 'not a set');
      try {
        const r = await svc.call('POST', '/v1/rebalance', { key: svc.keys.dispatcher, body: { waitSeconds: 60 } });
        expect(r.status).toBe(500);
        const error = (r.body as { error: { code: string; message: string; details: { jobId: string; statusUrl: string } } }).error;
        expect(error.code).toBe('internal');
        expect(error.details.statusUrl).toBe(`/v1/rebalance/jobs/${encodeURIComponent(error.details.jobId)}`);
        expect(error.message).not.toMatch(/WRONGTYPE|at .*\.js/); // no internals in the answer
        const job = await svc.call('GET', error.details.statusUrl, { key: svc.keys.viewer });
        expect(job.status).toBe(200);
        expect(job.body).toMatchObject({ state: 'failed', dryRun: true, result: null });
        expect((job.body as { failedReason: string }).failedReason).toMatch(/WRONGTYPE/);
      } finally {
        await client.del(held);
        if (members.length > 0) await client.sadd(held, ...members);
      }
    }, 90_000);

    test('when a held case record is corrupt, then a dry run still completes and leaves that case out', async () => {
      const k = countyKeys(svc.county);
      await client.sadd(k.byStatus('assigned'), 'zz-corrupt');
      await client.hset(k.case('zz-corrupt'), 'doc', '{not json', 'status', 'assigned');
      try {
        const r = await svc.call('POST', '/v1/rebalance', { key: svc.keys.dispatcher, body: { waitSeconds: 60 } });
        expect(r.status).toBe(200);
        expect(JSON.stringify(r.body)).not.toContain('zz-corrupt');
      } finally {
        await client.srem(k.byStatus('assigned'), 'zz-corrupt');
        await client.del(k.case('zz-corrupt'));
      }
    }, 90_000);

    test('when a court key asks for a rebalance, then 403; a bad body is 400', async () => {
      expect((await svc.call('POST', '/v1/rebalance', { key: svc.keys.court, body: {} })).status).toBe(403);
      expect((await svc.call('POST', '/v1/rebalance', { key: svc.keys.dispatcher, body: { dryRun: 'yes' } })).status).toBe(400);
    });
  });
});
