import { CaseRepo } from '../../../src/adapters/redis/case-repo';
import { countyKeys } from '../../../src/adapters/redis/keys';
import { RedisLifecycleStore } from '../../../src/adapters/redis/lifecycle-redis-store';
import type { TiaojieRedis } from '../../../src/adapters/redis/redis-connection';
import type { LedgerDb } from '../../../src/adapters/postgres/ledger-db';
import type { Case } from '../../../src/domain/case';
import { loadLifecycleConfig } from '../../../src/domain/config/lifecycle-config';
import { tick } from '../../../src/domain/lifecycle/clock';
import { clockDueAt } from '../../../src/domain/lifecycle/clock-due';
import type { LifecycleEvent } from '../../../src/domain/lifecycle-event';
import type { CaseClass, Channel } from '../../../src/domain/taxonomy';
import { projectOutbox } from '../../../src/use-cases/ledger/project-outbox';
import { caseFiles } from '../../../src/use-cases/lifecycle/case-files';
import { applyCommand, tickAll, tickDue } from '../../../src/use-cases/lifecycle/lifecycle-commands';
import type { LifecycleStore } from '../../../src/use-cases/lifecycle/lifecycle-port';
import { recordConsentAnswer } from '../../../src/use-cases/lifecycle/record-consent';
import { ledgerClockDueFor, ledgerProjectionFor } from '../../../src/runtime/ledger-projection';
import { waitingCase } from '../../unit/domain/fixtures';
import type { TestDatabase } from '../../support/pg-database';
import { uniqueCounty, type TestRedis } from '../../support/redis';
import { closeLedgerWorld, openLedgerWorld } from '../../support/ledger-world';

const config = loadLifecycleConfig();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const D0 = Date.parse('2026-03-02T00:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** The clock's runs: several a day at first, then days and weeks apart (six weeks in all). */
const RUNS = [0, 0.25, 1, 2.5, 4, 7, 10, 14, 21, 28, 35, 42].map((d) => D0 + d * DAY);
/** At this run the county changes after the last projection: the next run finds the change in the outbox only. */
const CHANGE_AT_RUN = 4;
const CHANNELS: readonly Channel[] = ['court', 'walk_in', 'petition', 'police'];
const CLASSES: readonly CaseClass[] = ['ordinary', 'professional', 'major'];
const CASES = 48;

/** A case file store that counts what the clock reads. */
function counting(store: LifecycleStore) {
  const reads: string[] = [];
  let listed = 0;
  const wrapped: LifecycleStore = {
    ...store,
    getFile: (id) => {
      reads.push(id);
      return store.getFile(id);
    },
    listFiles: async () => {
      const files = await store.listFiles();
      listed += files.length;
      return files;
    },
  };
  return { store: wrapped, reads, listed: () => listed };
}

/** The county's cases: referrals spread over four weeks before D0, every channel and class, some awaiting consent. */
function spreadCases(county: string): Case[] {
  return Array.from({ length: CASES }, (_, i) => {
    const awaiting = i % 7 === 3;
    return waitingCase({
      id: `c${i}`,
      county,
      channel: awaiting ? 'court' : (CHANNELS[i % CHANNELS.length] ?? 'walk_in'),
      class: CLASSES[i % CLASSES.length] ?? 'ordinary',
      referredAt: iso(D0 - 28 * DAY + i * 14 * HOUR),
      deadlineAt: iso(D0 + 30 * DAY),
      ...(awaiting ? { consent: false, status: 'awaiting_consent' as const } : {}),
    });
  });
}

const byCase = (a: LifecycleEvent, b: LifecycleEvent) => JSON.stringify(a).localeCompare(JSON.stringify(b));

describe('the legal clock reads the cases the ledger names as due (private redis-server, a database of its own)', () => {
  let server: TestRedis;
  let redis: TiaojieRedis;
  let database: TestDatabase;
  let db: LedgerDb;

  beforeAll(async () => void ({ server, redis, database, db } = await openLedgerWorld()), 60_000);
  afterAll(() => closeLedgerWorld({ server, redis, database, db }));

  /** A county seeded with the spread cases (a few withdrawn), its file store, and its ledger projection at a settable time. */
  async function county(prefix: string) {
    const name = uniqueCounty(prefix);
    const cases = new CaseRepo(redis, name, 100_000);
    await cases.intake(spreadCases(name));
    const files = caseFiles(new RedisLifecycleStore(redis, name, 100_000), config);
    for (let i = 5; i < CASES; i += 11) {
      const out = await applyCommand(
        files,
        `c${i}`,
        { action: 'withdraw', reason: 'settled privately' },
        { by: 'd', now: new Date(D0 - DAY), config },
      );
      expect(out.status).toBe('ok');
    }
    let projectedAt = D0 - HOUR;
    const projection = ledgerProjectionFor(
      { redis, db, lifecycle: config, clockDueAt: (f) => clockDueAt(f, config, new Date(projectedAt)) },
      name,
    );
    const project = async (at: number) => {
      projectedAt = at;
      await projectOutbox(projection);
    };
    return { name, cases, files, project, due: ledgerClockDueFor({ redis, db }, name) };
  }

  /**
   * After the last projection: a case awaiting consent (referred then, its consent wait far off)
   * gets consent, so its first session falls due before its column; and a case is referred late
   * with its first-session target long past.
   */
  async function changeAfterProjection(c: Awaited<ReturnType<typeof county>>, at: number): Promise<string[]> {
    const given = await recordConsentAnswer(
      c.files,
      'late-consent',
      { given: true, by: 'court', method: 'written' },
      { by: 'court', now: new Date(at), config },
    );
    expect(given.status).toBe('ok');
    await c.cases.intake([waitingCase({ id: 'late-intake', county: c.name, referredAt: iso(at - 20 * DAY), deadlineAt: iso(at) })]);
    return ['late-consent', 'late-intake'];
  }

  test('when the clock runs at times across six weeks, then it reads only the due cases (and those changed since the projection) and changes exactly what ticking every case changes', async () => {
    const all = await county('clk-all');
    const led = await county('clk-led');
    await led.project(D0 - HOUR);
    let tail: string[] = [];
    const reads: { at: string; tickAll: number; tickDue: number; changed: number }[] = [];
    for (const [run, now] of RUNS.entries()) {
      const before = await all.files.listFiles();
      const changed = before.filter((f) => tick(f, { by: 'clock', now: new Date(now), config }).changed).map((f) => f.caseId);
      const everything = counting(all.files);
      const due = counting(led.files);
      const expected = await tickAll(everything.store, new Date(now), config);
      const got = await tickDue(due.store, led.due, new Date(now), config);

      expect([...got].sort(byCase)).toEqual([...expected].sort(byCase));
      expect(JSON.stringify(await led.files.listFiles())).toBe(JSON.stringify(await all.files.listFiles()));
      expect(new Set(due.reads)).toEqual(new Set([...changed, ...tail]));
      expect(due.listed()).toBe(0);
      reads.push({ at: iso(now), tickAll: everything.listed(), tickDue: due.reads.length, changed: changed.length });

      await led.project(now + 60_000);
      tail = [];
      if (run === CHANGE_AT_RUN) {
        // Referred at this run, awaiting consent: projected with its consent wait (7 days) as its due instant.
        for (const c of [all, led])
          await c.cases.intake([
            waitingCase({
              id: 'late-consent',
              county: c.name,
              channel: 'court',
              consent: false,
              status: 'awaiting_consent',
              referredAt: iso(now),
            }),
          ]);
        await led.project(now + 2 * 60_000);
        await changeAfterProjection(all, now + HOUR);
        tail = await changeAfterProjection(led, now + HOUR);
      }
    }
    // The late cases were due at the run after the change, by the outbox alone.
    const late = await led.files.getFile('late-consent');
    expect(late?.raised.some((k) => k.startsWith('firstSession:'))).toBe(true);
    // Twelve runs over 48–50 cases: every case read at every run, against the due ones once each.
    const total = (k: 'tickAll' | 'tickDue') => reads.reduce((n, r) => n + r[k], 0);
    expect({ tickAll: total('tickAll'), tickDue: total('tickDue') }).toEqual({ tickAll: 590, tickDue: 75 });
    expect(reads.every((r) => r.tickDue === r.changed)).toBe(true);
  }, 60_000);

  test('when a case is read with nothing to do (its due instant passed unacted), then its column is counted again from the run and the next run does not read it', async () => {
    const c = await county('clk-stale');
    await c.project(D0 - HOUR);
    const now = new Date(D0);
    const idle = (await c.files.listFiles()).find(
      (f) => !tick(f, { by: 'clock', now, config }).changed && clockDueAt(f, config, now) !== null,
    );
    if (!idle) throw new Error('no idle case in the county');
    await db
      .updateTable('cases')
      .set({ clock_due_at: iso(D0 - DAY) })
      .where('county', '=', c.name)
      .where('case_id', '=', idle.caseId)
      .execute();

    const first = counting(c.files);
    await tickDue(first.store, c.due, now, config);
    expect(first.reads).toContain(idle.caseId);
    const row = await db
      .selectFrom('cases')
      .select('clock_due_at')
      .where('county', '=', c.name)
      .where('case_id', '=', idle.caseId)
      .executeTakeFirstOrThrow();
    expect(row.clock_due_at).toEqual(clockDueAt(idle, config, now));

    const second = counting(c.files);
    await tickDue(second.store, c.due, new Date(D0 + 1), config);
    expect(second.reads).not.toContain(idle.caseId);
  });

  test('when outbox entries were dropped before the ledger read them, then the clock reads every case', async () => {
    const c = await county('clk-lost');
    await c.project(D0 - HOUR);
    await applyCommand(c.files, 'c0', { action: 'withdraw', reason: 'r' }, { by: 'd', now: new Date(D0), config });
    await redis.xtrim(countyKeys(c.name).ledgerOutbox, 'MAXLEN', 0);
    const run = counting(c.files);
    await tickDue(run.store, c.due, new Date(D0), config);
    expect(run.listed()).toBe(CASES);
  });
});
