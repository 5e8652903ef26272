import { loadLifecycleConfig } from '../../src/domain/config/lifecycle-config';
import type { LifecycleCommand } from '../../src/domain/lifecycle-command';
import { CaseRepo } from '../../src/adapters/redis/case-repo';
import { RedisCaseArchive } from '../../src/adapters/redis/case-archive';
import { countyKeys } from '../../src/adapters/redis/keys';
import { lifecycleKeys } from '../../src/adapters/redis/lifecycle-keys';
import { MediatorRepo } from '../../src/adapters/redis/mediator-repo';
import { RedisDispatchStore } from '../../src/adapters/redis/redis-dispatch-store';
import { RedisLifecycleStore } from '../../src/adapters/redis/lifecycle-redis-store';
import { createRedis, type TiaojieRedis } from '../../src/adapters/redis/redis-connection';
import { archivedRecord } from '../../src/domain/lifecycle/archive';
import { archiveClosedCases } from '../../src/use-cases/lifecycle/archive-closed-cases';
import { caseFiles } from '../../src/use-cases/lifecycle/case-files';
import { applyCommand } from '../../src/use-cases/lifecycle/lifecycle-commands';
import { projectOutbox } from '../../src/use-cases/ledger/project-outbox';
import { ledgerProjectionFor } from '../../src/runtime/ledger-projection';
import { mediator, waitingCase } from '../unit/domain/fixtures';
import { startTestRedis, uniqueCounty, type TestRedis } from '../support/redis';
import { startTestService, waitFor, type TestService } from '../support/service';

const config = loadLifecycleConfig();
const DAY = 86_400_000;
const T0 = Date.parse('2024-03-20T08:00:00.000Z');
const day = (d: number) => new Date(T0 + d * DAY);
const POLICY = { retentionDays: 365, maxPerRun: 100 };

/** Retention (issue 18 item 8): closed cases past RETENTION_DAYS become compact records; the KPIs still count them. */
describe('retention of closed cases (real Redis)', () => {
  let server: TestRedis;
  let redis: TiaojieRedis;
  let svc: TestService;

  beforeAll(async () => {
    server = await startTestRedis();
    redis = createRedis(server.url);
    svc = await startTestService({ redisUrl: server.url, worker: false });
  }, 60_000);

  afterAll(async () => {
    await svc?.stop();
    redis?.disconnect();
    await server?.stop();
  });

  const files = (county: string) => caseFiles(new RedisLifecycleStore(redis, county), config);
  const archive = (county: string) => new RedisCaseArchive(redis, county);

  /** Cases referred at T0 and assigned to m1 (or m1 + m2 for a panel), in `county`. */
  async function assignedCases(county: string, ids: readonly string[]): Promise<void> {
    await new MediatorRepo(redis, county).upsert(['m1', 'm2', 'm3'].map((id) => mediator({ id, capacity: 200 })));
    await new CaseRepo(redis, county, 10_000).intake(ids.map((id) => waitingCase({ id, county, referredAt: day(0).toISOString() })));
    const res = await new RedisDispatchStore(redis, county, 10_000).commitAssignments(
      ids.map((id, i) => ({
        caseId: id,
        assignment: {
          mediatorIds: [i % 2 ? 'm2' : 'm1'],
          seats: [{ role: 'sole' as const, mediatorId: i % 2 ? 'm2' : 'm1', cost: 1 }],
          cost: 1,
          assignedAt: day(0).toISOString(),
          by: 'optimizer' as const,
        },
      })),
    );
    expect(res.committed).toHaveLength(ids.length);
  }

  async function steps(county: string, id: string, list: readonly [number, LifecycleCommand][]): Promise<void> {
    for (const [d, cmd] of list) {
      const out = await applyCommand(files(county), id, cmd, { by: 'dispatcher@test', now: day(d), config });
      if (out.status !== 'ok') throw new Error(`${id} ${cmd.action}: ${JSON.stringify(out)}`);
    }
  }

  const toMediating = (sessionId: string): [number, LifecycleCommand][] => [
    [0, { action: 'accept' }],
    [
      0,
      {
        action: 'schedule_session',
        sessionId,
        roomId: 'centre-1',
        slot: { date: '2024-03-21', half: 'am' },
        start: '2024-03-21T01:00:00.000Z',
        end: '2024-03-21T04:00:00.000Z',
      },
    ],
    [
      1,
      {
        action: 'start_mediation',
        arrivals: [
          { ref: 'dept-police', onTime: true },
          { ref: 'dept-land', onTime: false },
        ],
      },
    ],
  ];

  const memoryUsage = async (key: string): Promise<number> => Number(await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0'));

  test('when the clock passes RETENTION_DAYS, then closed cases become compact records, open ones stay, the KPIs do not move and GET answers archived: true', async () => {
    const county = svc.county;
    const closed = ['w1', 'w2', 'r1', 's1'];
    const kept = ['s2', 'o1', 'late1'];
    await assignedCases(county, [...closed, ...kept]);
    await new CaseRepo(redis, county, 10_000).intake([waitingCase({ id: 'o2', county, referredAt: day(0).toISOString() })]);
    await steps(county, 'w1', [[2, { action: 'withdraw', reason: 'the parties settled privately' }]]);
    await steps(county, 'w2', [[3, { action: 'withdraw', reason: 'moved away' }]]);
    await steps(county, 'r1', [[4, { action: 'return_to_court', reason: 'a party refused' }]]);
    await steps(county, 's1', [
      ...toMediating('s1'),
      [2, { action: 'settle', amountYuan: 800, termsRef: 'terms-s1', fulfilmentMode: 'on_the_spot' }],
    ]);
    await steps(county, 's2', [
      ...toMediating('s2'),
      [2, { action: 'settle', amountYuan: 500, termsRef: 'terms-s2', fulfilmentMode: 'voluntary' }],
    ]);
    await steps(county, 'o1', [[0, { action: 'accept' }]]);
    await steps(county, 'late1', [[200, { action: 'withdraw', reason: 'late' }]]);

    const kpiPaths = ['', '&by=mediator', '&by=township', '&by=category', '&by=tier'].map(
      (by) => `/v1/reports/kpis?from=2024-01-01&to=2026-01-01${by}`,
    );
    const read = async () =>
      Promise.all(
        [...kpiPaths, '/v1/reports/subsidy?month=2024-03'].map(async (p) => (await svc.call('GET', p, { key: svc.keys.viewer })).body),
      );
    // The reports read the ledger (issue 19): copy the county's outbox as the worker's projector would.
    await projectOutbox(ledgerProjectionFor({ redis, db: svc.service.ledger.db, lifecycle: loadLifecycleConfig() }, county));
    const before = await read();
    expect((before[0] as { total: { referred: number; settled: number; withdrawn: number } }).total).toMatchObject({
      referred: 8,
      settled: 2,
      withdrawn: 3,
    });

    const k = countyKeys(county);
    const lk = lifecycleKeys(county);
    let bytesBefore = 0;
    for (const id of closed) bytesBefore += (await memoryUsage(k.case(id))) + (await memoryUsage(lk.file(id)));

    // One day short of the period for the first closed case (w1, day 2): nothing is archived yet.
    const early = await archiveClosedCases(files(county), archive(county), day(2 + 364), POLICY);
    expect(early.archived).toBe(0);

    const run = await archiveClosedCases(files(county), archive(county), day(400), POLICY);
    expect(run.archived).toBe(closed.length);

    for (const id of closed) {
      expect(await redis.exists(k.case(id), lk.file(id))).toBe(0);
      expect(await redis.zscore(k.cases, id)).toBeNull();
      expect(await redis.zscore(lk.fileIds, id)).toBeNull();
      for (const s of ['withdrawn', 'returned_to_court', 'settled']) expect(await redis.sismember(k.byStatus(s), id)).toBe(0);
      for (const m of ['m1', 'm2']) expect(await redis.sismember(k.byMediator(m), id)).toBe(0);
      expect(await redis.sismember(k.byChannel('walk_in'), id)).toBe(0);
    }
    expect(await redis.hget(lk.sessions, 's1|s1')).toBeNull();
    expect(await redis.hget(lk.sessions, 's2|s2')).not.toBeNull();
    expect(await redis.zscore(lk.roomCalendar('centre-1'), 's1|s1')).toBeNull();
    for (const id of [...kept, 'o2']) expect(await redis.exists(k.case(id))).toBe(1);
    expect(await redis.hlen(lk.archive)).toBe(closed.length);

    const bytesAfter = await memoryUsage(lk.archive);
    const perBefore = bytesBefore / closed.length;
    const perAfter = bytesAfter / closed.length;
    console.log(
      `retention: ${perBefore.toFixed(0)} bytes per closed case in full (case + file hashes) → ${perAfter.toFixed(0)} archived (${((100 * perAfter) / perBefore).toFixed(0)} %)`,
    );
    expect(perAfter).toBeLessThan(perBefore / 2);
    const stored = JSON.stringify(await redis.hgetall(lk.archive));
    for (const secret of ['p1', 'p2', 'terms-s1', 'dept-police', 'privately']) expect(stored).not.toContain(secret);

    expect(await read()).toEqual(before);

    const gone = await svc.call('GET', '/v1/cases/w1', { key: svc.keys.viewer });
    expect(gone.status).toBe(200);
    expect(gone.body).toMatchObject({ archived: true, caseId: 'w1', outcome: 'withdrawn', closedAt: day(2).toISOString() });
    const settled = await svc.call('GET', '/v1/cases/s1', { key: svc.keys.dispatcher });
    expect(settled.body).toMatchObject({
      archived: true,
      outcome: 'settled',
      settlement: { amountYuan: 800 },
      fulfilment: { status: 'fulfilled' },
    });
    const open = await svc.call('GET', '/v1/cases/o1', { key: svc.keys.viewer });
    expect(open.status).toBe(200);
    expect(open.body).toMatchObject({ id: 'o1', status: 'accepted' });
    expect(open.body).not.toHaveProperty('archived');
    expect((await svc.call('GET', '/v1/cases/nope', { key: svc.keys.viewer })).status).toBe(404);
    const spec = (await svc.call('GET', '/openapi.json')).body as { components: { schemas: Record<string, unknown> } };
    expect(spec.components.schemas).toHaveProperty('ArchivedCase');
    expect((await svc.call('GET', '/v1/cases/w1', { key: svc.keys.otherCounty })).status).toBe(404);
    expect((await svc.call('GET', '/v1/cases', { key: svc.keys.viewer })).body).toMatchObject({ total: 4 });

    const again = await archiveClosedCases(files(county), archive(county), day(400), POLICY);
    expect(again.archived).toBe(0);
    expect(await redis.hlen(lk.archive)).toBe(closed.length);
    const reReferred = await new CaseRepo(redis, county, 10_000).intake([waitingCase({ id: 'w1', county })]);
    expect(reReferred).toEqual([{ caseId: 'w1', created: false }]);
    expect(await redis.exists(k.case('w1'))).toBe(0);
  }, 60_000);

  test('when two workers archive at once, then each case is archived exactly once and a run never exceeds its bound', async () => {
    const county = uniqueCounty('ret');
    const ids = Array.from({ length: 40 }, (_, i) => `c${String(i).padStart(2, '0')}`);
    await assignedCases(county, ids);
    for (const id of ids) await steps(county, id, [[1, { action: 'withdraw', reason: 'x' }]]);

    const first = await archiveClosedCases(files(county), archive(county), day(400), { retentionDays: 365, maxPerRun: 15 });
    expect(first.archived).toBe(15);
    const [a, b] = await Promise.all([
      archiveClosedCases(files(county), archive(county), day(400), POLICY),
      archiveClosedCases(files(county), archive(county), day(400), POLICY),
    ]);
    console.log(`retention: two concurrent runs archived ${a.archived} + ${b.archived} of the remaining ${ids.length - 15}`);
    expect(a.archived + b.archived).toBe(ids.length - 15);
    expect(await redis.hlen(lifecycleKeys(county).archive)).toBe(ids.length);
    expect(await redis.zcard(countyKeys(county).cases)).toBe(0);
  }, 60_000);

  test('when a file changes after it was read, then archiving it writes nothing (changed)', async () => {
    const county = uniqueCounty('ret');
    await assignedCases(county, ['x1']);
    await steps(county, 'x1', [[1, { action: 'withdraw', reason: 'x' }]]);
    const file = (await files(county).getFile('x1'))!;
    await redis.hset(lifecycleKeys(county).file('x1'), 'version', String(file.version + 1));
    expect(await archive(county).archive(file, archivedRecord(file, day(400)))).toBe('changed');
    expect(await redis.exists(countyKeys(county).case('x1'))).toBe(1);
    expect(await redis.hlen(lifecycleKeys(county).archive)).toBe(0);
  }, 60_000);

  test('when two workers archive the same case at the same moment, then one archives it and the other finds it gone', async () => {
    const county = uniqueCounty('ret');
    await assignedCases(county, ['y1']);
    await steps(county, 'y1', [[1, { action: 'withdraw', reason: 'x' }]]);
    const file = (await files(county).getFile('y1'))!;
    const record = archivedRecord(file, day(400));
    const outcomes = await Promise.all([archive(county).archive(file, record), archive(county).archive(file, record)]);
    expect([...outcomes].sort()).toEqual(['archived', 'gone']);
    expect(await archive(county).get('y1')).toEqual(record);
  }, 60_000);

  test('when a worker runs with RETENTION_DAYS, then its legal clock evicts a case closed long ago into the ledger', async () => {
    const worker = await startTestService({ redisUrl: server.url, api: false, env: { CLOCK_INTERVAL_MS: '1000', RETENTION_DAYS: '365' } });
    try {
      // Referred and closed in 2024: more than 365 days before the real clock the worker runs on.
      await assignedCases(worker.county, ['e1', 'e2']);
      await steps(worker.county, 'e1', [[1, { action: 'withdraw', reason: 'x' }]]);
      const started = Date.now();
      // With the service's ledger the case leaves Redis entirely once the ledger holds it (docs/retention.md).
      const db = worker.service.ledger.db;
      const evicted = async () =>
        (
          await db
            .selectFrom('cases')
            .select('evicted_at')
            .where('county', '=', worker.county)
            .where('case_id', '=', 'e1')
            .executeTakeFirst()
        )?.evicted_at;
      await waitFor(async () => ((await evicted()) ? true : undefined), 20_000, 100);
      console.log(`retention: the worker's clock evicted the closed case after ${Date.now() - started} ms`);
      expect(await redis.exists(countyKeys(worker.county).case('e1'))).toBe(0);
      expect(await redis.hexists(lifecycleKeys(worker.county).archive, 'e1')).toBe(0);
      expect(await redis.exists(countyKeys(worker.county).case('e2'))).toBe(1);
    } finally {
      await worker.stop();
    }
  }, 60_000);
});
