import { redisAuditLog } from '../../../src/adapters/redis/audit-log';
import { CaseRepo } from '../../../src/adapters/redis/case-repo';
import { RedisCourtFigures } from '../../../src/adapters/redis/court-figures-repo';
import { RedisHotStateRestore } from '../../../src/adapters/redis/hot-state-restore';
import { RedisLifecycleStore } from '../../../src/adapters/redis/lifecycle-redis-store';
import { MediatorRepo } from '../../../src/adapters/redis/mediator-repo';
import { RedisCaseReassignStore } from '../../../src/adapters/redis/reassign-store';
import type { TiaojieRedis } from '../../../src/adapters/redis/redis-connection';
import { RedisDispatchStore } from '../../../src/adapters/redis/redis-dispatch-store';
import { RedisSummonsStore } from '../../../src/adapters/redis/summons-store';
import { RedisProposalStore } from '../../../src/adapters/redis/redis-proposal-store';
import { omit } from '../../../src/domain/omit';
import { PostgresHotStateSource } from '../../../src/adapters/postgres/ledger-hot-state';
import { PostgresReferralSource } from '../../../src/adapters/postgres/ledger-referrals';
import { RedisArrivalBackfill } from '../../../src/adapters/redis/arrival-backfill';
import type { LedgerDb } from '../../../src/adapters/postgres/ledger-db';
import { PostgresLedgerWriter } from '../../../src/adapters/postgres/ledger-writer';
import { runRebuildHotStateCommand } from '../../../src/cli/rebuild-hot-state-command';
import type { Assignment } from '../../../src/domain';
import { loadLifecycleConfig } from '../../../src/domain/config/lifecycle-config';
import { loadDispatchConfig } from '../../../src/domain/config/load';
import type { LifecycleCommand } from '../../../src/domain/lifecycle-command';
import { issuedSummons } from '../../../src/domain/summons/summons';
import { assignByHand } from '../../../src/use-cases/cases/assign-by-hand';
import { projectOutbox } from '../../../src/use-cases/ledger/project-outbox';
import { rebuildHotState } from '../../../src/use-cases/ledger/rebuild-hot-state';
import { caseFiles } from '../../../src/use-cases/lifecycle/case-files';
import { applyCommand } from '../../../src/use-cases/lifecycle/lifecycle-commands';
import { ledgerProjectionFor, userProjectionFor } from '../../../src/runtime/ledger-projection';
import { mediator, waitingCase } from '../../unit/domain/fixtures';
import type { TestDatabase } from '../../support/pg-database';
import { uniqueCounty, type TestRedis } from '../../support/redis';
import { closeLedgerWorld, openLedgerWorld } from '../../support/ledger-world';
import { moveCountyRecords, seedCountyRecords, userOf } from '../../support/ledger-records';
import { RedisCountyRegistry } from '../../../src/adapters/redis/county-registry';
import { COUNTIES_KEY, USERS_KEY } from '../../../src/adapters/redis/keys';
import { projectUsers } from '../../../src/use-cases/ledger/project-users';

const lifecycle = loadLifecycleConfig();
const REFERRED = '2026-03-02T02:00:00.000Z';
const NOW = new Date('2026-03-03T02:00:00.000Z');

/**
 * Keys a rebuild does not restore, and why: `events` and `audit` are history (the ledger keeps
 * them as rows; SSE and webhooks start from the rebuild), `ledger-outbox` starts empty,
 * `arrivals-trimmed` and `arrivals-backfilled` (marks: the index itself is counted again from the
 * ledger's cases, by referral day and class, as the intake counted them), `load-outcomes` (the load each seat was taken at is
 * in an assignment's explanation, which a redispatch drops), `mediators-version` (a counter: the
 * rebuild bumps it so cached rosters reload).
 */
const NOT_REBUILT = ['events', 'audit', 'ledger-outbox', 'arrivals-trimmed', 'arrivals-backfilled', 'load-outcomes', 'mediators-version'];

/** JSON text with its object keys sorted (the ledger's jsonb keeps values, not key order). */
function canonical(raw: string): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, x]) => [k, sort(x)]),
          )
        : v;
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'object' && parsed !== null ? JSON.stringify(sort(parsed)) : raw;
  } catch {
    return raw;
  }
}

describe('rebuild-hot-state: a county restored from the ledger equals what the service wrote (private redis-server, a database of its own)', () => {
  let server: TestRedis;
  let redis: TiaojieRedis;
  let database: TestDatabase;
  let db: LedgerDb;

  beforeAll(async () => void ({ server, redis, database, db } = await openLedgerWorld()), 60_000);
  afterAll(() => closeLedgerWorld({ server, redis, database, db }));

  /**
   * Every key of the county, type-aware, values canonical; NOT_REBUILT left out; `updatedAt` of a
   * case and loads of 0 too. Beside them, the installation's keys that hold the county: its place in
   * `tj:counties` and its accounts in `tj:users`.
   */
  async function snapshot(county: string): Promise<Record<string, unknown>> {
    const prefix = `tj:{${county}}:`;
    const users = Object.entries(await redis.hgetall(USERS_KEY)).filter(([, v]) => (JSON.parse(v) as { county: string }).county === county);
    const out: Record<string, unknown> = {
      [COUNTIES_KEY]: await redis.sismember(COUNTIES_KEY, county),
      [USERS_KEY]: Object.fromEntries(users.map(([name, v]) => [name, canonical(v)]).sort(([a = ''], [b = '']) => (a < b ? -1 : 1))),
    };
    for (const key of (await redis.keys(`${prefix}*`)).sort()) {
      const name = key.slice(prefix.length);
      if (NOT_REBUILT.includes(name)) continue;
      const type = await redis.type(key);
      if (type === 'hash') {
        const hash = await redis.hgetall(key);
        // Not in the ledger: when the record last moved (read by nothing); a load back at 0 reads as absent.
        if (name.startsWith('case:')) delete hash.updatedAt;
        const kept = Object.entries(hash).filter(([, v]) => !(name === 'loads' && v === '0'));
        out[key] = Object.fromEntries(kept.map(([f, v]) => [f, canonical(v)]).sort(([a = ''], [b = '']) => (a < b ? -1 : 1)));
      } else if (type === 'zset') out[key] = await redis.zrange(key, '0', '-1', 'WITHSCORES');
      else if (type === 'set') out[key] = (await redis.smembers(key)).sort();
      // A string is settings' JSON: canonical too.
      else if (type === 'string') out[key] = canonical((await redis.get(key)) ?? '');
      else out[key] = `<${type}>`;
    }
    return out;
  }

  const assignment = (ids: string[]): Assignment => ({
    mediatorIds: ids,
    seats: ids.map((mediatorId) => ({ role: 'sole', mediatorId, cost: 1 })),
    cost: 1,
    assignedAt: NOW.toISOString(),
    by: 'optimizer',
  });

  const session = (id: string, day: string) =>
    ({
      action: 'schedule_session',
      sessionId: id,
      roomId: 'centre-1',
      slot: { date: day, half: 'am' },
      start: `${day}T01:00:00.000Z`,
      end: `${day}T04:00:00.000Z`,
    }) as LifecycleCommand;

  /**
   * A county built through the service's own stores: a settled case with a held session and a
   * summons, a declined one back in waiting, a withdrawn one, an unassigned one, one reassigned by a
   * dispatcher (its session cancelled) and booked again, a backfilled one, a proposed and a held one;
   * a roster and a court month.
   */
  async function builtCounty(): Promise<string> {
    const county = uniqueCounty('hot');
    await new MediatorRepo(redis, county).upsert(['m1', 'm2', 'm3'].map((id) => mediator({ id })));
    const at = (id: string) => waitingCase({ id, county, referredAt: REFERRED, deadlineAt: '2026-03-09T02:00:00.000Z' });
    const backfilled = { ...at('c6'), backfill: { importedAt: NOW.toISOString(), overdueAtImport: true } };
    await new CaseRepo(redis, county, 1000).intake([at('c1'), at('c2'), at('c3'), at('c4'), at('c5'), backfilled, at('c7'), at('c8')]);
    const modes = new RedisProposalStore(redis, county, 1000);
    const proposal = { ...assignment(['m3']), proposedAt: NOW.toISOString(), expiresAt: '2026-03-03T03:00:00.000Z', candidates: [] };
    expect(await modes.propose([{ caseId: 'c7', proposal: omit(proposal, 'assignedAt', 'by') }])).toEqual(['c7']);
    expect(await modes.hold(['c8'])).toEqual(['c8']);
    const dispatch = new RedisDispatchStore(redis, county, 1000);
    const committed = await dispatch.commitAssignments([
      { caseId: 'c1', assignment: assignment(['m1']) },
      { caseId: 'c2', assignment: assignment(['m2']) },
      { caseId: 'c5', assignment: assignment(['m3']) },
    ]);
    expect(committed.committed).toEqual(['c1', 'c2', 'c5']);
    await dispatch.markUnassigned([{ caseId: 'c4', reason: 'no_eligible_mediator' }]);
    const run = async (caseId: string, cmd: LifecycleCommand) => {
      const files = caseFiles(new RedisLifecycleStore(redis, county, 1000), lifecycle);
      const out = await applyCommand(files, caseId, cmd, { by: 'dispatcher', now: NOW, config: lifecycle });
      expect(out.status).toBe('ok');
    };
    await run('c1', { action: 'accept' });
    await run('c1', session('s1', '2026-03-05'));
    await run('c1', { action: 'start_mediation' });
    await run('c1', { action: 'settle', amountYuan: 1200, termsRef: 'agr-1', fulfilmentMode: 'voluntary' });
    await run('c2', { action: 'decline', reason: 'conflict of interest' });
    await run('c3', { action: 'withdraw', reason: 'settled privately' });
    await run('c5', { action: 'accept' });
    await run('c5', session('s5', '2026-03-06'));
    const c5 = await new CaseRepo(redis, county, 1000).get('c5');
    const moved = await assignByHand(
      c5!,
      { mediatorIds: ['m2'], force: true, reason: 'closer to the parties' },
      {
        dispatch,
        reassign: new RedisCaseReassignStore(redis, county, 1000),
        audit: redisAuditLog(redis, county),
        config: loadDispatchConfig(),
        lifecycle,
        by: 'dispatcher-1',
        now: NOW,
      },
    );
    expect(moved.status).toBe('reassigned');
    await run('c5', session('s5b', '2026-03-07'));
    const summons = new RedisSummonsStore(redis, county, 1000);
    const base = { department: 'health', reason: 'r', requiredBy: '2026-03-10T01:00:00.000Z', issuedBy: 'd', issuedAt: REFERRED };
    await summons.create([issuedSummons({ ...base, id: 'sm1', caseId: 'c1' }), issuedSummons({ ...base, id: 'sm5', caseId: 'c5' })], []);
    const figures = { civilCommercialFilings: 40, administrativeFilings: 2, transferredToMediation: 12, filedAfterFailedMediation: 3 };
    await new RedisCourtFigures(redis, county).putMany([{ month: '2026-02', figures }], NOW);
    // Registered, then changed: disabled, profile version 2, an account disabled, settings of every kind.
    await seedCountyRecords(redis, county);
    await moveCountyRecords(redis, county);
    await projectOutbox(ledgerProjectionFor({ redis, db, lifecycle }, county));
    await projectUsers(userProjectionFor({ redis, db }));
    return county;
  }

  /** Redis loses everything of the county: its keys, its place in the registry, its accounts. */
  async function loseCounty(county: string): Promise<void> {
    await redis.del(...(await redis.keys(`tj:{${county}}:*`)));
    await redis.srem(COUNTIES_KEY, county);
    await redis.hdel(USERS_KEY, userOf(county, 'wang').username, userOf(county, 'li').username);
  }

  const rebuild = (county: string, replace = false) =>
    rebuildHotState(
      {
        ledger: new PostgresHotStateSource(db, county),
        redis: new RedisHotStateRestore(redis, county),
        arrivals: { source: new PostgresReferralSource(db, county), index: new RedisArrivalBackfill(redis, county) },
      },
      { replace },
    );

  test('when the county’s keys are deleted and rebuilt from the ledger, then every key the service wrote is back, equal', async () => {
    const county = await builtCounty();
    const before = await snapshot(county);
    // The scenario reached the keys it is meant to check.
    for (const name of [
      'by-mediator:m2',
      'by-flag:overdue_at_import',
      'cal:mediator:m2',
      'cal:room:centre-1',
      'sessions',
      'summons-open',
      'outcomes',
      'loads',
      'profile',
      'settings:dispatch',
      'settings:indicators',
      'settings:summons',
      'arrivals',
    ])
      expect(Object.keys(before)).toContain(`tj:{${county}}:${name}`);
    expect(before[COUNTIES_KEY]).toBe(1);
    expect(Object.keys(before[USERS_KEY] as object)).toHaveLength(2);
    await loseCounty(county);
    expect(await new RedisCountyRegistry(redis).get(county)).toBeNull();
    expect(await rebuild(county)).toEqual({
      status: 'rebuilt',
      cases: 8,
      mediators: 3,
      summonses: 2,
      registered: true,
      users: 2,
      arrivals: 8,
    });
    expect(await snapshot(county)).toEqual(before);
    expect(await new RedisCountyRegistry(redis).get(county)).toMatchObject({ status: 'disabled', version: 2 });
  });

  test('when Redis still holds cases of the county, then the rebuild refuses unless told to replace them, and the projector carries on after it', async () => {
    const county = await builtCounty();
    const before = await snapshot(county);
    expect(await rebuild(county)).toEqual({ status: 'occupied', cases: 8 });
    await redis.hset(`tj:{${county}}:case:c4`, 'status', 'mangled');
    await redis.hset(`tj:{${county}}:profile`, 'status', 'mangled');
    await redis.set(`tj:{${county}}:settings:indicators`, '{"mangled":true}');
    expect((await rebuild(county, true)).status).toBe('rebuilt');
    expect(await snapshot(county)).toEqual(before);
    expect(await new PostgresLedgerWriter(db, county).cursors()).toMatchObject({ outbox: '0-0', outboxRead: 0 });
    const files = caseFiles(new RedisLifecycleStore(redis, county, 1000), lifecycle);
    expect(
      (
        await applyCommand(
          files,
          'c4',
          { action: 'withdraw', reason: 'gone' },
          {
            by: 'd',
            now: NOW,
            config: lifecycle,
          },
        )
      ).status,
    ).toBe('ok');
    const projected = await projectOutbox(ledgerProjectionFor({ redis, db, lifecycle }, county));
    expect(projected).toMatchObject({ cases: 1, recopied: false });
  });

  test('when the command runs on an occupied county, then it exits 1 saying so; with --replace it rebuilds; DATABASE_EMBEDDED=off without DATABASE_URL refuses', async () => {
    const county = await builtCounty();
    const env = { REDIS_URL: server.url, DATABASE_URL: database.url };
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const std = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const out: string[] = [];
    try {
      const { main } = await import('../../../src/cli/main');
      expect(await main(['rebuild-hot-state', '--county', county, '--help'])).toBe(0);
      const refused = await runRebuildHotStateCommand(['--county', county], { env, out: (t) => out.push(t) }).catch((e: unknown) => e);
      expect((refused as Error).message).toMatch(/already holds 8 cases/);
      expect(await runRebuildHotStateCommand(['--county', county, '--replace'], { env, out: (t) => out.push(t) })).toBe(0);
      expect(out.join('')).toMatch(
        /8 cases, 3 mediators, 2 summonses, its registered profile and settings, 2 user accounts; arrival index counts 8 referrals/,
      );
      const off = { REDIS_URL: server.url, DATABASE_EMBEDDED: 'off' };
      const unset = await runRebuildHotStateCommand(['--county', county], { env: off }).catch((e: unknown) => e);
      expect((unset as Error).message).toMatch(/DATABASE_URL is unset and DATABASE_EMBEDDED=off/);
    } finally {
      err.mockRestore();
      std.mockRestore();
    }
  });
});
