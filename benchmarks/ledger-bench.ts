/**
 * `npm run bench:ledger` (issue 19): the ledger's cost and gains, with baselines from the same run.
 *   1. Write path: --sim-counties county-lives of --days days are simulated once (the lifecycle
 *      simulation: real dispatcher, scheduler, hidden truth) with every write recorded, then
 *      replayed through the service's Redis ports (intake, dispatch commit, lifecycle commits) on
 *      a private redis-server into --counties counties (each sim county repeated under new names),
 *      as fast as Redis takes them: first with the projector off (the baseline: the Redis side
 *      alone), then its backlog drained by the projector alone (the projector's rate), then the
 *      same work into fresh counties with the projector running (the ledger's cost, its lag).
 *   2. The clock's due-case query for one county (`ledgerClockDueFor(...).dueCaseIds`) against
 *      reading every case file of the county from Redis (what tickAll did); then on cloned rows,
 *      --province-counties counties × --clone-copies copies of a county's rows.
 *   3. Redis memory per open and per closed case, the county before / after its closed cases
 *      leave Redis, and the outbox at its peak.
 * Database: DATABASE_URL, else a temporary database on 127.0.0.1:5432, dropped after.
 * Flags: --sim-counties 1 --counties 4 --days 20 --seed 1 --queries 200 --baseline-queries 20
 *        --province-counties 100 --clone-copies 1 (12 ≈ a province-year of rows) --out FILE.json
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { numberFlag, parseArgs } from '../src/cli/args';
import { openLedgerDb, type LedgerDb } from '../src/adapters/postgres/ledger-db';
import { migrateLedger } from '../src/adapters/postgres/migrate';
import { PostgresClockDueIndex } from '../src/adapters/postgres/clock-due-index';
import { countyKeys } from '../src/adapters/redis/keys';
import { MediatorRepo } from '../src/adapters/redis/mediator-repo';
import { RedisLifecycleStore } from '../src/adapters/redis/lifecycle-redis-store';
import { RedisLedgerOutbox } from '../src/adapters/redis/redis-ledger-outbox';
import { createRedis, type TiaojieRedis } from '../src/adapters/redis/redis-connection';
import { loadLifecycleConfig } from '../src/domain/config/lifecycle-config';
import type { Mediator } from '../src/domain/mediator';
import { DAY_MS } from '../src/domain/time';
import { ledgerClockDueFor, ledgerProjectionFor } from '../src/runtime/ledger-projection';
import { launchRedis } from '../src/runtime/redis-launcher';
import { generateCounty } from '../src/simulator/county';
import { simulateLifecycle } from '../src/simulator/lifecycle-simulation';
import { projectOutbox } from '../src/use-cases/ledger/project-outbox';
import { caseFiles } from '../src/use-cases/lifecycle/case-files';
import { benchDatabase, cloneCases, deleteCounties, ledgerRowCounts } from './lib/ledger-bench-db';
import { countyMemory, dropClosedCases, memoryOf, perCaseKeys } from './lib/ledger-bench-redis';
import { recordingStoreFactory, replayWrites, type RecordedWrite, type ReplayCounts } from './lib/recorded-writes';
import { quantile } from './lib/service-client';
import { forkProjector } from './lib/projector-process';
import { printLedgerReport, type DueQueryResult, type MemoryResult, type WritePathResult } from './lib/ledger-bench-report';

const lifecycle = loadLifecycleConfig();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const log = (s: string) => console.log(s);

interface SimulatedCounty {
  readonly mediators: readonly Mediator[];
  readonly writes: readonly RecordedWrite[];
  readonly cases: number;
}

interface Env {
  readonly redis: TiaojieRedis;
  readonly redisUrl: string;
  readonly dbUrl: string;
  readonly db: LedgerDb;
  readonly sims: readonly SimulatedCounty[];
}

/** Outbox length and memory summed over the counties, sampled every 500 ms until stopped. */
function outboxSampler(redis: TiaojieRedis, names: readonly string[]) {
  const samples: { length: number; bytes: number }[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const keys = names.map((n) => countyKeys(n).ledgerOutbox);
      const lengths = await Promise.all(keys.map((k) => redis.xlen(k)));
      samples.push({ length: lengths.reduce((a, b) => a + b, 0), bytes: await memoryOf(redis, keys) });
      await sleep(500);
    }
  })();
  return {
    samples,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

const outboxLength = async (redis: TiaojieRedis, names: readonly string[]) =>
  (await Promise.all(names.map((n) => redis.xlen(countyKeys(n).ledgerOutbox)))).reduce((a, b) => a + b, 0);

/** The projector over the counties, in its own process (as in the service's worker), and a wait for empty outboxes. */
async function projectorFor(env: Env, names: readonly string[]) {
  const projector = await forkProjector({ redisUrl: env.redisUrl, dbUrl: env.dbUrl, counties: names });
  const drained = async () => {
    while ((await outboxLength(env.redis, names)) > 0) await sleep(100);
  };
  return { copied: projector.copied, stop: () => projector.stop(), drained };
}

/** The counties' rosters, and their first (empty) copy so the projector then follows entries only. */
async function prepareCounties(env: Env, names: readonly string[]): Promise<void> {
  for (const [i, name] of names.entries()) {
    await new MediatorRepo(env.redis, name).upsert(env.sims[i % env.sims.length]!.mediators);
    await projectOutbox(ledgerProjectionFor({ redis: env.redis, db: env.db, lifecycle }, name));
  }
}

async function replayAll(env: Env, names: readonly string[]) {
  const t0 = performance.now();
  const counts = await Promise.all(names.map((n, i) => replayWrites(env.sims[i % env.sims.length]!.writes, env.redis, n, lifecycle)));
  const ms = performance.now() - t0;
  const added = (await Promise.all(names.map((n) => new RedisLedgerOutbox(env.redis, n).counts()))).reduce((a, c) => a + c.added, 0);
  const sum = (f: (c: ReplayCounts) => number) => counts.reduce((a, c) => a + f(c), 0);
  const refusals = counts.flatMap((c) => c.firstRefusals).slice(0, 5);
  return { ms, added, intakes: sum((c) => c.intakes), fileCommits: sum((c) => c.fileCommits), refused: sum((c) => c.refused), refusals };
}

/** Part 1: the write path, projector off then drained, then on. */
async function writePath(env: Env, tag: string, counties: number): Promise<WritePathResult> {
  const names = (p: string) => Array.from({ length: counties }, (_, i) => `${tag}-${p}-${i}`);
  const a = names('a');
  await prepareCounties(env, a);
  const aSampler = outboxSampler(env.redis, a);
  const baseline = await replayAll(env, a);
  await aSampler.stop();
  const outboxPeakBytes = await memoryOf(
    env.redis,
    a.map((n) => countyKeys(n).ledgerOutbox),
  );
  const drainProjector = await projectorFor(env, a);
  const t0 = performance.now();
  await drainProjector.drained();
  const drainMs = performance.now() - t0;
  await drainProjector.stop();
  const rows = await ledgerRowCounts(env.db, `${tag}-a-`);

  const b = names('b');
  await prepareCounties(env, b);
  const live = await projectorFor(env, b);
  const bSampler = outboxSampler(env.redis, b);
  const withLedger = await replayAll(env, b);
  const lagAtLastWrite = await outboxLength(env.redis, b);
  const t1 = performance.now();
  await live.drained();
  const catchUpMs = performance.now() - t1;
  await bSampler.stop();
  await live.stop();
  return {
    a,
    b,
    baseline,
    outboxPeakBytes,
    drainMs,
    drained: drainProjector.copied,
    rows,
    withLedger,
    lagAtLastWrite,
    catchUpMs,
    lag: bSampler.samples,
  };
}

async function timed(runs: number, f: () => Promise<number>): Promise<{ p50: number; p99: number; found: number }> {
  const ms: number[] = [];
  let found = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    found = await f();
    ms.push(performance.now() - t0);
  }
  return { p50: quantile(ms, 0.5), p99: quantile(ms, 0.99), found };
}

/** Part 2: the clock's due-case query against reading every file of the county. */
async function dueQuery(
  env: Env,
  county: string,
  tag: string,
  flags: { queries: number; baseline: number; counties: number; copies: number },
): Promise<DueQueryResult> {
  const until = new Date(Date.now() + DAY_MS);
  const due = (c: string) => () =>
    ledgerClockDueFor({ redis: env.redis, db: env.db }, c)
      .dueCaseIds(until)
      .then((ids) => ids?.length ?? -1);
  const ledger = await timed(flags.queries, due(county));
  const index = await timed(flags.queries, () => new PostgresClockDueIndex(env.db, county).dueCaseIds(until).then((ids) => ids.length));
  const readAll = await timed(
    flags.baseline,
    async () => (await caseFiles(new RedisLifecycleStore(env.redis, county), lifecycle).listFiles()).length,
  );
  const t0 = performance.now();
  const cloned = await cloneCases(env.db, county, `${tag}-p-`, flags.counties, flags.copies);
  const cloneMs = performance.now() - t0;
  const province = await timed(flags.queries, due(`${tag}-p-0`));
  return { ledger, index, readAll, cloned, cloneMs, province };
}

/** Part 3: Redis memory of one county, per open / closed case, before and after its closed cases leave. */
async function memory(env: Env, county: string): Promise<MemoryResult> {
  const rows = await env.db
    .selectFrom('cases')
    .select(['case_id', sql<boolean>`closed_at is not null`.as('closed')])
    .where('county', '=', county)
    .execute();
  const open = rows.filter((r) => !r.closed).map((r) => r.case_id);
  const closed = rows.filter((r) => r.closed).map((r) => r.case_id);
  const openBytes = await memoryOf(env.redis, perCaseKeys(county, open));
  const closedBytes = await memoryOf(env.redis, perCaseKeys(county, closed));
  const before = await countyMemory(env.redis, county);
  await dropClosedCases(env.redis, county, closed);
  const after = await countyMemory(env.redis, county);
  return { open: open.length, closed: closed.length, openBytes, closedBytes, before, after };
}

async function main(): Promise<void> {
  const known = ['sim-counties', 'counties', 'days', 'seed', 'queries', 'baseline-queries', 'province-counties', 'clone-copies', 'out'];
  const args = parseArgs(process.argv.slice(2), known);
  const simCounties = numberFlag(args, 'sim-counties', 1);
  const counties = numberFlag(args, 'counties', 4);
  const days = numberFlag(args, 'days', 20);
  const seed = numberFlag(args, 'seed', 1);
  const province = numberFlag(args, 'province-counties', 100);
  const queryFlags = {
    queries: numberFlag(args, 'queries', 200),
    baseline: numberFlag(args, 'baseline-queries', 20),
    counties: province,
    copies: numberFlag(args, 'clone-copies', 1),
  };

  const sims: SimulatedCounty[] = [];
  for (let i = 0; i < simCounties; i++) {
    const t0 = performance.now();
    const county = generateCounty({ seed: seed + i });
    const rec = recordingStoreFactory();
    const run = await simulateLifecycle({ county, days, lifecycle, store: rec.make });
    sims.push({ mediators: county.mediators, writes: rec.store().writes, cases: run.files.length });
    log(
      `simulated county ${i + 1}/${simCounties}: ${run.files.length} cases, ${rec.store().writes.length} writes recorded (${fmt((performance.now() - t0) / 1000, 1)} s, not timed below)`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'tiaojie-ledger-bench-'));
  const server = await launchRedis({ dataDir: dir, appendOnly: true });
  const redis = createRedis(server.url);
  const database = await benchDatabase();
  const db = openLedgerDb(database.url);
  const tag = `lb${randomBytes(3).toString('hex')}`;
  try {
    await migrateLedger(db);
    const env: Env = { redis, redisUrl: server.url, dbUrl: database.url, db, sims };
    const w = await writePath(env, tag, counties);
    const q = await dueQuery(env, w.b[0]!, tag, queryFlags);
    const m = await memory(env, w.b[0]!);
    const cases = Array.from({ length: counties }, (_, i) => sims[i % sims.length]!.cases).reduce((a, b) => a + b, 0);
    printLedgerReport(w, q, m, { counties, days, cases, province });
    const out = args.flags.get('out');
    if (out)
      writeFileSync(out, JSON.stringify({ counties, days, cases, writePath: { ...w, lag: w.lag }, dueQuery: q, memory: m }, null, 2));
    if (!database.temporary) await deleteCounties(db, tag);
  } finally {
    await db.destroy();
    await database.drop();
    redis.disconnect();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
