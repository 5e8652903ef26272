/**
 * The projector dies between the two writes (issue 19 part 2): after Redis changed and before the
 * ledger committed, inside the ledger's transaction, and after the commit but before the outbox
 * trim. Each time the next run brings the two stores to agree, copying nothing twice.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { sql } from 'kysely';
import { CaseRepo } from '../../../src/adapters/redis/case-repo';
import { countyKeys } from '../../../src/adapters/redis/keys';
import { RedisLifecycleStore } from '../../../src/adapters/redis/lifecycle-redis-store';
import { MediatorRepo } from '../../../src/adapters/redis/mediator-repo';
import { RedisDispatchStore } from '../../../src/adapters/redis/redis-dispatch-store';
import { createRedis, type TiaojieRedis } from '../../../src/adapters/redis/redis-connection';
import { openLedgerDb, type LedgerDb } from '../../../src/adapters/postgres/ledger-db';
import { migrateLedger } from '../../../src/adapters/postgres/migrate';
import { loadLifecycleConfig } from '../../../src/domain/config/lifecycle-config';
import { caseFiles } from '../../../src/use-cases/lifecycle/case-files';
import { applyCommand } from '../../../src/use-cases/lifecycle/lifecycle-commands';
import { projectOutbox, type LedgerProjectionDeps } from '../../../src/use-cases/ledger/project-outbox';
import { ledgerProjectionFor } from '../../../src/runtime/ledger-projection';
import { mediator, waitingCase } from '../../unit/domain/fixtures';
import { ledgerAgreement, type Agreement } from '../../support/ledger-agreement';
import { freshDatabase, type TestDatabase } from '../../support/pg-database';
import { startTestRedis, uniqueCounty, type TestRedis } from '../../support/redis';
import { TS_THREAD_ARGV } from '../../support/service';

const lifecycle = loadLifecycleConfig();
const AT = '2026-03-02T02:00:00.000Z';

describe('the projector dies between the Redis step and the ledger write (private redis-server, a database of its own)', () => {
  let server: TestRedis;
  let redis: TiaojieRedis;
  let database: TestDatabase;
  let db: LedgerDb;

  beforeAll(async () => {
    server = await startTestRedis();
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

  /** A county with two waiting cases, copied whole into the ledger. */
  async function copiedCounty(): Promise<{ name: string; deps: LedgerProjectionDeps }> {
    const name = uniqueCounty('crash');
    await new MediatorRepo(redis, name).upsert([mediator({ id: 'm1' }), mediator({ id: 'm2' })]);
    await new CaseRepo(redis, name, 1000).intake([
      waitingCase({ id: 'c1', county: name, referredAt: AT }),
      waitingCase({ id: 'c2', county: name, referredAt: AT }),
    ]);
    const deps = ledgerProjectionFor({ redis, db, lifecycle }, name);
    await projectOutbox(deps);
    expect(await agreement(name)).toMatchObject({ cases: 2, agreed: 2, ledgerOnly: [] });
    return { name, deps };
  }

  /** Redis moves on: c1 assigned, accepted and a session scheduled; c2 withdrawn; c3 referred. */
  async function changeRedis(name: string): Promise<void> {
    const assignment = {
      mediatorIds: ['m1'],
      seats: [{ role: 'sole' as const, mediatorId: 'm1', cost: 1 }],
      cost: 1,
      assignedAt: AT,
      by: 'optimizer',
    };
    expect((await new RedisDispatchStore(redis, name, 1000).commitAssignments([{ caseId: 'c1', assignment }])).committed).toEqual(['c1']);
    const files = caseFiles(new RedisLifecycleStore(redis, name, 1000), lifecycle);
    const ctx = { by: 'dispatcher', now: new Date(AT), config: lifecycle };
    const schedule = {
      action: 'schedule_session' as const,
      sessionId: 's1',
      roomId: 'centre-1',
      slot: { date: '2026-03-03', half: 'am' as const },
      start: '2026-03-03T01:00:00.000Z',
      end: '2026-03-03T04:00:00.000Z',
    };
    for (const cmd of [{ action: 'accept' as const }, schedule]) expect((await applyCommand(files, 'c1', cmd, ctx)).status).toBe('ok');
    expect((await applyCommand(files, 'c2', { action: 'withdraw', reason: 'settled privately' }, ctx)).status).toBe('ok');
    await new CaseRepo(redis, name, 1000).intake([waitingCase({ id: 'c3', county: name, referredAt: AT })]);
  }

  const agreement = (name: string): Promise<Agreement> => ledgerAgreement(redis, db, name);
  const outboxLength = (name: string): Promise<number> => redis.xlen(countyKeys(name).ledgerOutbox);
  const count = async (table: 'cases' | 'case_history' | 'sessions' | 'ledger_events', name: string): Promise<number> =>
    Number(
      (
        await db
          .selectFrom(table)
          .select(sql<number>`count(*)`.as('n'))
          .where('county', '=', name)
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** What the ledger holds of the county, to tell that a failed run wrote nothing. */
  const snapshot = async (name: string) => ({
    cursors: await db.selectFrom('ledger_cursors').selectAll().where('county', '=', name).orderBy('stream').execute(),
    cases: await db
      .selectFrom('cases')
      .select(['case_id', 'status', 'mediator_ids', 'file_version', 'updated_at'])
      .where('county', '=', name)
      .orderBy('case_id')
      .execute(),
    history: await count('case_history', name),
    sessions: await count('sessions', name),
    events: await count('ledger_events', name),
  });

  /** After the changes, the ledger still holding the first copy: c1 referred, c2 referred, no c3. */
  function expectStale(a: Agreement): void {
    expect(a.cases).toBe(3);
    expect(a.disagreed).toEqual([expect.stringMatching(/^c1: status/), expect.stringMatching(/^c2: status/), 'c3: no ledger row']);
    expect(a.events.ledger).toBeLessThan(a.events.redis);
  }

  function expectAgreed(a: Agreement): void {
    expect(a).toEqual({ cases: 3, agreed: 3, disagreed: [], ledgerOnly: [], events: { redis: a.events.redis, ledger: a.events.redis } });
  }

  test('when the ledger write fails after the Redis changes (the process died before COMMIT), then the ledger has nothing of them, the outbox still holds them, and the next run brings both to agree', async () => {
    const { name, deps } = await copiedCounty();
    await changeRedis(name);
    const pending = await outboxLength(name);
    expect(pending).toBeGreaterThan(0);
    const before = await snapshot(name);
    const dead: LedgerProjectionDeps = {
      ...deps,
      ledger: {
        cursors: () => deps.ledger.cursors(),
        apply: () => Promise.reject(new Error('the process died before its commit')),
      },
    };

    await expect(projectOutbox(dead)).rejects.toThrow('died before its commit');

    expect(await snapshot(name)).toEqual(before);
    expect(await outboxLength(name)).toBe(pending);
    expectStale(await agreement(name));
    const again = await projectOutbox(deps);
    expect(again).toMatchObject({ entries: pending, cases: 3, recopied: false });
    expectAgreed(await agreement(name));
    expect(await outboxLength(name)).toBe(0);
  });

  test('when the projecting process is SIGKILLed inside the ledger transaction, then none of its rows are committed and the next run brings both to agree', async () => {
    const { name, deps } = await copiedCounty();
    await changeRedis(name);
    const pending = await outboxLength(name);
    const before = await snapshot(name);
    const child = fork(join(__dirname, '..', '..', 'support', 'ledger-hold-child.ts'), [], {
      execArgv: TS_THREAD_ARGV,
      env: { ...process.env, REDIS_URL: server.url, DATABASE_URL: database.url, COUNTY: name },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const exited = new Promise<NodeJS.Signals | null>((r) => child.once('exit', (_code, signal) => r(signal)));
    try {
      const said = await new Promise<{ backendPid?: number; error?: string }>((resolve, reject) => {
        child.once('message', (m) => resolve(m as never));
        void exited.then(() => reject(new Error('the child exited before its transaction was open')));
      });
      expect(said.error).toBeUndefined();
      // The session is inside its transaction, the batch written and the cursor moved, not committed.
      const session = async () =>
        (await sql<{ state: string }>`select state from pg_stat_activity where pid = ${said.backendPid}`.execute(db)).rows[0]?.state;
      expect(await session()).toBe('idle in transaction');

      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      // PostgreSQL ends the dead client's session and rolls its transaction back.
      while ((await session()) !== undefined) await new Promise((r) => setTimeout(r, 50));
    } finally {
      child.kill('SIGKILL');
    }

    expect(await snapshot(name)).toEqual(before);
    expect(await outboxLength(name)).toBe(pending);
    expectStale(await agreement(name));
    expect(await projectOutbox(deps)).toMatchObject({ entries: pending, cases: 3, recopied: false });
    expectAgreed(await agreement(name));
    expect(await outboxLength(name)).toBe(0);
  });

  test('when the process dies after the commit but before the outbox trim, then the next run copies nothing twice and trims what the ledger holds', async () => {
    const { name, deps } = await copiedCounty();
    await changeRedis(name);
    const pending = await outboxLength(name);
    const dead: LedgerProjectionDeps = {
      ...deps,
      outbox: {
        read: (after, n) => deps.outbox.read(after, n),
        counts: () => deps.outbox.counts(),
        readAudit: (after, n) => deps.outbox.readAudit(after, n),
        trimThrough: () => Promise.reject(new Error('the process died before its trim')),
      },
    };

    await expect(projectOutbox(dead)).rejects.toThrow('died before its trim');

    expectAgreed(await agreement(name));
    expect(await outboxLength(name)).toBe(pending);
    const committed = await snapshot(name);
    expect(committed.sessions).toBe(1);
    expect(await projectOutbox(deps)).toEqual({ entries: 0, cases: 0, recopied: false });
    // No row rewritten (updated_at unchanged), none added.
    expect(await snapshot(name)).toEqual(committed);
    expect(await outboxLength(name)).toBe(0);
    expectAgreed(await agreement(name));
  });
});
