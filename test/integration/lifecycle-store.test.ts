import { loadLifecycleConfig } from '../../src/domain/config/lifecycle-config';
import { applyCommand } from '../../src/use-cases/lifecycle/lifecycle-commands';
import { act } from '../../src/domain/lifecycle/transitions';
import { CaseRepo } from '../../src/adapters/redis/case-repo';
import { countyKeys } from '../../src/adapters/redis/keys';
import { MediatorRepo } from '../../src/adapters/redis/mediator-repo';
import { RedisDispatchStore } from '../../src/adapters/redis/redis-dispatch-store';
import { RedisLifecycleStore } from '../../src/adapters/redis/lifecycle-redis-store';
import { caseFiles } from '../../src/use-cases/lifecycle/case-files';
import { createRedis, type TiaojieRedis } from '../../src/adapters/redis/redis-connection';
import { mediator, waitingCase } from '../unit/domain/fixtures';
import { startTestRedis, uniqueCounty, type TestRedis } from '../support/redis';

const config = loadLifecycleConfig();
const NOW = new Date('2026-03-02T02:00:00.000Z');

describe('RedisLifecycleStore (real Redis)', () => {
  let server: TestRedis;
  let redis: TiaojieRedis;

  beforeAll(async () => {
    server = await startTestRedis();
    redis = createRedis(server.url);
  }, 60_000);

  afterAll(async () => {
    redis?.disconnect();
    await server?.stop();
  });

  async function assignedCase(county: string, id: string) {
    await new MediatorRepo(redis, county).upsert([mediator({ id: 'm1' }), mediator({ id: 'm2' })]);
    const c = waitingCase({ id, county, referredAt: NOW.toISOString() });
    await new CaseRepo(redis, county, 1000).intake([c]);
    const d = new RedisDispatchStore(redis, county, 1000);
    const res = await d.commitAssignments([
      {
        caseId: id,
        assignment: {
          mediatorIds: ['m1'],
          seats: [{ role: 'sole', mediatorId: 'm1', cost: 1 }],
          cost: 1,
          assignedAt: NOW.toISOString(),
          by: 'optimizer',
        },
      },
    ]);
    expect(res.committed).toEqual([id]);
    return d;
  }

  test('when the file is read, then dispatch’s assignment is in its history; a decline writes the case back to the waiting set with the exclusion, releases the load and emits events', async () => {
    const county = uniqueCounty('lc');
    const d = await assignedCase(county, 'c1');
    const store = caseFiles(new RedisLifecycleStore(redis, county), config);
    const file = await store.getFile('c1');
    expect(file).toMatchObject({ status: 'assigned', version: 0, history: [{ action: 'assign', by: 'optimizer' }] });
    const out = await applyCommand(
      store,
      'c1',
      { action: 'decline', reason: 'conflict of interest' },
      { by: 'dispatcher@x', now: NOW, config },
    );
    expect(out.status).toBe('ok');
    const k = countyKeys(county);
    expect(await redis.hget(k.case('c1'), 'status')).toBe('referred');
    expect(await redis.zscore(k.waiting, 'c1')).not.toBeNull();
    expect(await redis.sismember(k.byStatus('referred'), 'c1')).toBe(1);
    expect(await redis.sismember(k.byStatus('assigned'), 'c1')).toBe(0);
    expect((await d.loads()).get('m1') ?? 0).toBe(0);
    const waiting = await d.waitingCases({ ids: ['c1'] });
    expect(waiting[0]).toMatchObject({ attempts: ['m1'], assignment: null });
    const types = ((await redis.xrange(k.events, '-', '+')) as [string, string[]][]).map(([, f]) => f[1]);
    expect(types).toEqual(expect.arrayContaining(['case.assigned', 'case.transition', 'case.redispatch_requested']));
  });

  test('when the file or the case record changed since it was read, then the commit is a conflict and nothing is written', async () => {
    const county = uniqueCounty('lc');
    await assignedCase(county, 'c2');
    const a = caseFiles(new RedisLifecycleStore(redis, county), config);
    const b = caseFiles(new RedisLifecycleStore(redis, county), config);
    const fa = (await a.getFile('c2'))!;
    const fb = (await b.getFile('c2'))!;
    const accept = act(fa, { action: 'accept' }, { by: 'a', now: NOW, config });
    const withdraw = act(fb, { action: 'withdraw', reason: 'x' }, { by: 'b', now: NOW, config });
    if (accept.status !== 'ok' || withdraw.status !== 'ok') throw new Error('setup');
    expect(await a.commitFile(fa.version, accept.file, accept)).toBe('ok');
    expect(await b.commitFile(fb.version, withdraw.file, withdraw)).toBe('conflict');
    expect(await redis.hget(countyKeys(county).case('c2'), 'status')).toBe('accepted');

    // A dispatch-side change of the case record (status) also invalidates a read.
    const c = caseFiles(new RedisLifecycleStore(redis, county), config);
    const fc = (await c.getFile('c2'))!;
    await redis.hset(countyKeys(county).case('c2'), 'status', 'withdrawn');
    const again = act(fc, { action: 'withdraw', reason: 'y' }, { by: 'c', now: NOW, config });
    if (again.status !== 'ok') throw new Error('setup');
    expect(await c.commitFile(fc.version, again.file, again)).toBe('conflict');
  });

  test('when a session is scheduled and then cancelled, then it appears on and leaves the mediator’s and the room’s calendars', async () => {
    const county = uniqueCounty('lc');
    await assignedCase(county, 'c3');
    const redisStore = new RedisLifecycleStore(redis, county);
    const store = caseFiles(redisStore, config);
    const ctx = { by: 't', now: NOW, config };
    await applyCommand(store, 'c3', { action: 'accept' }, ctx);
    const sched = await applyCommand(
      store,
      'c3',
      {
        action: 'schedule_session',
        sessionId: 's1',
        roomId: 'centre-1',
        slot: { date: '2026-03-03', half: 'am' },
        start: '2026-03-03T01:00:00.000Z',
        end: '2026-03-03T04:00:00.000Z',
      },
      ctx,
    );
    expect(sched.status).toBe('ok');
    const from = new Date('2026-03-01T00:00:00Z');
    const to = new Date('2026-03-10T00:00:00Z');
    expect((await redisStore.calendar('mediator', 'm1', from, to)).map((s) => s.id)).toEqual(['s1']);
    expect((await redisStore.calendar('room', 'centre-1', from, to)).map((s) => s.id)).toEqual(['s1']);
    expect(await redisStore.calendar('mediator', 'm2', from, to)).toEqual([]);
    await applyCommand(store, 'c3', { action: 'cancel_session', reason: 'ill' }, ctx);
    expect(await redisStore.calendar('mediator', 'm1', from, to)).toEqual([]);
    expect(await redisStore.calendar('room', 'centre-1', from, to)).toEqual([]);
  });
});
