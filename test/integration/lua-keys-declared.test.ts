import { openLedgerDb, type LedgerDb } from '../../src/adapters/postgres/ledger-db';
import { migrateLedger } from '../../src/adapters/postgres/migrate';
import { RedisArrivalBackfill, RedisReferralSource } from '../../src/adapters/redis/arrival-backfill';
import { redisAuditLog } from '../../src/adapters/redis/audit-log';
import { RedisCaseArchive } from '../../src/adapters/redis/case-archive';
import { CaseRepo } from '../../src/adapters/redis/case-repo';
import { FeedTokenRepo } from '../../src/adapters/redis/feed-token-repo';
import { RedisLifecycleStore } from '../../src/adapters/redis/lifecycle-redis-store';
import { RedisCaseReassignStore } from '../../src/adapters/redis/reassign-store';
import { RedisRebalanceStore } from '../../src/adapters/redis/rebalance-store';
import { createRedis, type TiaojieRedis } from '../../src/adapters/redis/redis-connection';
import { RedisDispatchStore } from '../../src/adapters/redis/redis-dispatch-store';
import { RedisProposalStore } from '../../src/adapters/redis/redis-proposal-store';
import { RedisLoginLockout } from '../../src/adapters/redis/session-repo';
import { RedisSummonsStore } from '../../src/adapters/redis/summons-store';
import { loadDispatchConfig } from '../../src/domain/config/load';
import { loadLifecycleConfig } from '../../src/domain/config/lifecycle-config';
import { ledgerProjectionFor } from '../../src/runtime/ledger-projection';
import { ledgerEvictionFor } from '../../src/runtime/ledger-retention';
import { assignByHand } from '../../src/use-cases/cases/assign-by-hand';
import { backfillArrivals } from '../../src/use-cases/dispatch/arrival-backfill';
import { projectOutbox } from '../../src/use-cases/ledger/project-outbox';
import { archiveClosedCases } from '../../src/use-cases/lifecycle/archive-closed-cases';
import { caseFiles } from '../../src/use-cases/lifecycle/case-files';
import { applyCommand } from '../../src/use-cases/lifecycle/lifecycle-commands';
import { withLifecycleFiles } from '../../src/use-cases/rebalance/reassign-files';
import { waitingCase } from '../unit/domain/fixtures';
import { moveCounty, seedCounty } from '../support/ledger-county';
import { LuaKeyAudit } from '../support/lua-key-audit';
import { freshDatabase, type TestDatabase } from '../support/pg-database';
import { startRestartableRedis, uniqueCounty, type TestRedis } from '../support/redis';

const AT = '2026-03-02T02:00:00.000Z';
const LATER = new Date('2027-04-10T02:00:00.000Z');
const POLICY = { retentionDays: 365, maxPerRun: 100 };
const lifecycle = loadLifecycleConfig();

/**
 * Issue 21: on Redis Cluster a script may only touch the keys its EVAL declares. Every script is
 * driven here through its real caller on a private redis-server (never a shared one: MONITOR sees
 * every client), and every key a script's own commands touch must be among its KEYS.
 */
describe('every Lua script declares every key it touches (private redis-server with MONITOR)', () => {
  let server: TestRedis;
  let redis: TiaojieRedis;
  let database: TestDatabase;
  let db: LedgerDb;

  beforeAll(async () => {
    // startRestartableRedis is always a private server, never TEST_REDIS_URL.
    server = await startRestartableRedis();
    redis = createRedis(server.url);
    database = await freshDatabase();
    db = openLedgerDb(database.url);
    await migrateLedger(db);
  }, 60_000);

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
    redis?.disconnect();
    await server?.stop();
  });

  test('when every script runs through its caller, then no script touches a key outside its KEYS', async () => {
    const audit = await LuaKeyAudit.start(server.url);
    try {
      const county = uniqueCounty('keys');
      const files = caseFiles(new RedisLifecycleStore(redis, county, 1000), lifecycle);
      const ctx = { by: 'dispatcher', now: new Date(AT), config: lifecycle };
      const repo = new CaseRepo(redis, county, 1000);

      await audit.step('intake', () => seedCounty(redis, county));
      await audit.step('intake with flags', () => repo.intake([waitingCase({ id: 'cb', county, referredAt: AT, backfill: backfill() })]));
      await audit.step('arrival backfill', () =>
        backfillArrivals({ sources: [new RedisReferralSource(redis, county)], index: new RedisArrivalBackfill(redis, county) }),
      );
      await audit.step('case summaries', async () => expect((await repo.listSummaries({})).total).toBeGreaterThan(0));
      await audit.step('dispatch commit, lifecycle commits, summons create', () => moveCounty(redis, county));
      await audit.step('mark unassigned', () =>
        new RedisDispatchStore(redis, county, 1000).markUnassigned([{ caseId: 'c3', reason: 'no_eligible_mediator' }]),
      );
      await audit.step('set aside and release', async () => {
        await repo.intake([waitingCase({ id: 'c4', county, referredAt: AT }), waitingCase({ id: 'c5', county, referredAt: AT })]);
        const proposals = new RedisProposalStore(redis, county, 1000);
        expect(await proposals.hold(['c4'])).toEqual(['c4']);
        expect(await proposals.propose([{ caseId: 'c5', proposal: proposal() }])).toEqual(['c5']);
        expect(await proposals.release('c5')).toBe(true);
      });
      await audit.step('rebalance apply under its lock', async () => {
        const store = new RedisRebalanceStore(redis, county);
        const c1 = (await repo.get('c1'))!;
        const meta = { runId: 'keys', at: new Date(AT) };
        const move = {
          caseId: 'c1',
          expectedStatus: c1.status,
          expectedMediatorIds: ['m1'],
          assignment: { ...c1.assignment!, mediatorIds: ['m2'], seats: [{ ...c1.assignment!.seats[0]!, mediatorId: 'm2' }] },
          moves: [{ role: c1.assignment!.seats[0]!.role, from: 'm1', to: 'm2', reason: 'gain' as const }],
        };
        const run = await store.withLock(async () =>
          store.applyReassignments(await withLifecycleFiles(store, [move], meta, lifecycle), meta),
        );
        expect(run.acquired && run.value.applied).toEqual(['c1']);
      });
      await audit.step('dispatcher reassign', async () => {
        const out = await assignByHand(
          (await repo.get('c1'))!,
          { mediatorIds: ['m1'], force: true, reason: 'keys test' },
          {
            dispatch: new RedisDispatchStore(redis, county, 1000),
            reassign: new RedisCaseReassignStore(redis, county, 1000),
            audit: redisAuditLog(redis, county),
            config: loadDispatchConfig(),
            lifecycle,
            by: 'dispatcher-1',
            now: new Date(AT),
          },
        );
        expect(out.status).toBe('reassigned');
      });
      await audit.step('county event', () => files.emit([{ type: 'case.follow_up_due', caseId: 'c3', at: AT, visitAt: AT }]));
      await audit.step('summons commit', async () => {
        const store = new RedisSummonsStore(redis, county, 1000);
        const s = (await store.get('sm1'))!;
        expect(await store.commit(s.version, { ...s, status: 'cancelled', version: s.version + 1 }, [])).toBe('ok');
      });
      await audit.step('archive', async () => {
        expect((await applyCommand(files, 'c1', { action: 'withdraw', reason: 'settled privately' }, ctx)).status).toBe('ok');
        expect((await archiveClosedCases(files, new RedisCaseArchive(redis, county), LATER, POLICY)).archived).toBe(2);
      });
      await audit.step('feed tokens', async () => {
        const tokens = new FeedTokenRepo(redis, county);
        await tokens.replace('m1', 'hash-1');
        await tokens.replace('m1', 'hash-2');
        expect(await tokens.revoke('m1')).toBe(true);
      });
      await audit.step('sign-in failures', async () => {
        const lockout = new RedisLoginLockout(redis);
        const policy = { limit: 2, windowMs: 60_000, lockMs: 60_000 };
        await lockout.recordFailure('someone', policy);
        expect(await lockout.recordFailure('someone', policy)).toBe(60_000);
      });
      await audit.step('eviction', async () => {
        const other = uniqueCounty('keys-evict');
        await seedCounty(redis, other);
        await moveCounty(redis, other);
        const otherFiles = caseFiles(new RedisLifecycleStore(redis, other, 1000), lifecycle);
        expect((await applyCommand(otherFiles, 'c1', { action: 'withdraw', reason: 'settled privately' }, ctx)).status).toBe('ok');
        await projectOutbox(ledgerProjectionFor({ redis, db, lifecycle }, other));
        expect((await archiveClosedCases(otherFiles, ledgerEvictionFor(redis, db, other), LATER, POLICY)).archived).toBeGreaterThan(0);
      });

      const report = await audit.report();
      expect(report.undeclared).toEqual([]);
      // A step that ran no script would prove nothing.
      const quiet = [...report.scriptsByStep].filter(([, scripts]) => scripts.size === 0).map(([step]) => step);
      expect(quiet).toEqual([]);
      expect(report.scriptsByStep.size).toBe(15);
    } finally {
      audit.stop();
    }
  }, 120_000);
});

/** A referral taken in from history, already overdue (issue 16): it carries both intake flags. */
function backfill() {
  return { importedAt: AT, overdueAtImport: true };
}

/** The optimizer's proposal of m2 for one seat. */
function proposal() {
  return {
    mediatorIds: ['m2'],
    seats: [{ role: 'sole' as const, mediatorId: 'm2', cost: 1 }],
    cost: 1,
    proposedAt: AT,
    expiresAt: '2026-03-02T03:00:00.000Z',
    candidates: [],
  };
}
