/**
 * The projector dies between the two writes (issue 19 part 2): after Redis changed and before the
 * ledger committed, inside the ledger's transaction, and after the commit but before the outbox
 * trim. Each time the next run brings the two stores to agree, copying nothing twice.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { sql } from 'kysely';
import { countyKeys } from '../../../src/adapters/redis/keys';
import type { TiaojieRedis } from '../../../src/adapters/redis/redis-connection';
import type { LedgerDb } from '../../../src/adapters/postgres/ledger-db';
import { loadLifecycleConfig } from '../../../src/domain/config/lifecycle-config';
import { projectOutbox, type LedgerProjectionDeps } from '../../../src/use-cases/ledger/project-outbox';
import { ledgerProjectionFor } from '../../../src/runtime/ledger-projection';
import { ledgerAgreement, type Agreement } from '../../support/ledger-agreement';
import { moveCounty, seedCounty } from '../../support/ledger-county';
import type { TestDatabase } from '../../support/pg-database';
import { uniqueCounty, type TestRedis } from '../../support/redis';
import { TS_THREAD_ARGV } from '../../support/service';
import { closeLedgerWorld, openLedgerWorld } from '../../support/ledger-world';

const lifecycle = loadLifecycleConfig();

describe('the projector dies between the Redis step and the ledger write (private redis-server, a database of its own)', () => {
  let server: TestRedis;
  let redis: TiaojieRedis;
  let database: TestDatabase;
  let db: LedgerDb;

  beforeAll(async () => void ({ server, redis, database, db } = await openLedgerWorld()), 60_000);
  afterAll(() => closeLedgerWorld({ server, redis, database, db }));

  /** A county with two waiting cases, copied whole into the ledger. */
  async function copiedCounty(): Promise<{ name: string; deps: LedgerProjectionDeps }> {
    const name = uniqueCounty('crash');
    await seedCounty(redis, name);
    const deps = ledgerProjectionFor({ redis, db, lifecycle }, name);
    await projectOutbox(deps);
    expect(await agreement(name)).toMatchObject({ cases: 2, agreed: 2, ledgerOnly: [] });
    return { name, deps };
  }

  /** Redis moves on (ledger-county.ts): c1 assigned, accepted, a session scheduled; c2 withdrawn; c3 referred. */
  const changeRedis = (name: string): Promise<void> => moveCounty(redis, name);

  const agreement = (name: string): Promise<Agreement> => ledgerAgreement(redis, db, name);
  const outboxLength = (name: string): Promise<number> => redis.xlen(countyKeys(name).ledgerOutbox);
  const count = async (
    table: 'case_history' | 'sessions' | 'ledger_events' | 'summonses' | 'court_figures' | 'decisions',
    name: string,
  ): Promise<number> =>
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
    summonses: await count('summonses', name),
    courtMonths: await count('court_figures', name),
    decisions: await count('decisions', name),
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
    expect(committed).toMatchObject({ sessions: 1, summonses: 1, courtMonths: 1, decisions: 1 });
    expect(await projectOutbox(deps)).toEqual({ entries: 0, cases: 0, recopied: false });
    // No row rewritten (updated_at unchanged), none added.
    expect(await snapshot(name)).toEqual(committed);
    expect(await outboxLength(name)).toBe(0);
    expectAgreed(await agreement(name));
  });
});
