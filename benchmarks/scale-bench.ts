/**
 * A province on one machine (`npm run bench:scale`): a private 6-node Redis Cluster (`--redis
 * cluster`, the default) or a private redis-server (`--redis single`), the API (`workers/api-server.js`, no worker) and
 * separate dispatch worker processes (`workers/dispatch-worker.js`), 100 simulated counties. Phases,
 * each with its baseline from the same run:
 *   a. provision the counties (API keys, rosters); intake rate over them (baseline: one county);
 *   b. referral → decision latency at a steady rate spread over the counties; lost, double-assigned
 *      (baseline: the same rate into one county);
 *   c. per referral, from phase b: Redis commands and bytes (INFO, summed over masters), CPU ms of
 *      Redis, API and worker, memory;
 *   d. dispatch throughput of a queued backlog with 1 and 2 worker processes;
 *   e. rebalance (applied) of every county at once: total, slowest county (baseline: one county alone);
 *   f. fairness: one county posts a backlog (requests of 100) while the others keep their steady
 *      share; the quiet counties' p99 then, with the fair share (INTAKE_FAIR_SLICE) and with one FIFO
 *      (a second API process with INTAKE_FAIR_SLICE=0), vs in phase b;
 *   g. (cluster only) SIGKILL of the master serving the busiest county during steady intake:
 *      acknowledged referrals lost, 503 answers and how long they lasted.
 * Flags: --redis cluster|single (default cluster) --counties 100
 *        --rate 40 --seconds 30 --intake-seconds 5 --connections 50 --backlog 1000 --burst 1000
 *        --out FILE.json; --quick: 20 counties, 20/s for 10 s, intake 3 s, backlog and burst 300.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { parseArgs, numberFlag } from '../src/cli/args';
import { freePort } from '../src/runtime/redis-launcher';
import { auditCounty } from '../src/adapters/redis/county-audit';
import { countyKeys } from '../src/adapters/redis/keys';
import { REFERRALS_QUEUE } from '../src/adapters/queue/names';
import { REBALANCE_QUEUE, type RebalanceJob } from '../src/adapters/queue/rebalance-queue';
import { launchBenchRedis, type RedisKind } from './lib/bench-redis';
import { benchDatabase } from './lib/ledger-bench-db';
import { apiKeysEnv, generateProvince, provisionRosters } from './lib/province';
import { counterDelta, readCounters } from './lib/redis-stats';
import { backlogSchedule, runSchedule, steadySchedule, type Send } from './lib/referral-load';
import { latencyOf, measureIntake, rebalanceAll } from './lib/scale-phases';
import { printScaleReport, type ScaleReport } from './lib/scale-report';
import { waitUntil } from './lib/service-client';
import { processCpuMs, startServiceProcess, stopProcess, unfinishedJobs } from './lib/service-process';
import type { ChildProcess } from 'node:child_process';

interface Settings {
  readonly redis: RedisKind;
  readonly counties: number;
  readonly rate: number;
  readonly seconds: number;
  readonly intakeSeconds: number;
  readonly connections: number;
  readonly backlog: number;
  readonly burst: number;
}

function settingsFrom(argv: readonly string[]): Settings & { out?: string } {
  const names = ['redis', 'counties', 'rate', 'seconds', 'intake-seconds', 'connections', 'backlog', 'burst', 'out'];
  const args = parseArgs(argv, names, ['quick']);
  const quick = args.flags.get('quick') === 'true';
  const redis = args.flags.get('redis') ?? 'cluster';
  if (redis !== 'single' && redis !== 'cluster') throw new Error(`--redis: '${redis}' is neither single nor cluster`);
  const out = args.flags.get('out');
  return {
    redis,
    counties: numberFlag(args, 'counties', quick ? 20 : 100),
    rate: numberFlag(args, 'rate', quick ? 20 : 40),
    seconds: numberFlag(args, 'seconds', quick ? 10 : 30),
    intakeSeconds: numberFlag(args, 'intake-seconds', quick ? 3 : 5),
    connections: numberFlag(args, 'connections', 50),
    backlog: numberFlag(args, 'backlog', quick ? 300 : 1000),
    burst: numberFlag(args, 'burst', quick ? 300 : 1000),
    ...(out ? { out } : {}),
  };
}

async function main(): Promise<void> {
  const s = settingsFrom(process.argv.slice(2));
  const dir = mkdtempSync(join(tmpdir(), 'tiaojie-scale-'));
  const redis = await launchBenchRedis(s.redis, join(dir, 'redis'));
  const db = await benchDatabase();
  const province = generateProvince('p', s.counties);
  const [oneIntake, oneLatency] = generateProvince('one', 2, 9000);
  const all = [...province, oneIntake!, oneLatency!];
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const prefix = s.redis === 'cluster' ? '{scale}' : 'scale';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    REDIS_URL: redis.url,
    REDIS_EMBEDDED: 'false',
    DATABASE_URL: db.url,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dir,
    LOG_LEVEL: 'warn',
    QUEUE_PREFIX: prefix,
    BODY_LIMIT: '10mb',
    REBALANCE_NIGHTLY: 'false',
    // This 2-core machine is shared: its Redis sometimes answers in more than the default 800 ms
    // (command) or 250 ms (the store gate's ping), and the API's fast 503 would then measure the
    // neighbours, not the service.
    REDIS_COMMAND_TIMEOUT_MS: '5000',
    // Likewise the store gate's ping (half of this) of a request running longer than this.
    REQUEST_DEADLINE_MS: '5000',
    TIAOJIE_API_KEYS: apiKeysEnv(all),
  };
  const api = startServiceProcess('api-server', [], env);
  // The same API with one FIFO for every county (INTAKE_FAIR_SLICE=0): the baseline of phase f.
  const fifoPort = await freePort();
  const fifoUrl = `http://127.0.0.1:${fifoPort}`;
  const apiFifo = startServiceProcess('api-server', [], { ...env, PORT: String(fifoPort), INTAKE_FAIR_SLICE: '0' });
  let workers: ChildProcess[] = [];
  const queue = new Queue(REFERRALS_QUEUE, { connection: redis.bullConnection, prefix });
  const rebalanceQueue = new Queue<RebalanceJob>(REBALANCE_QUEUE, { connection: redis.bullConnection, prefix });
  const startWorkers = async (n: number) => {
    workers = Array.from({ length: n }, () => startServiceProcess('dispatch-worker', [], env));
    const listening = async () => (await queue.getWorkersCount()) >= n && (await rebalanceQueue.getWorkersCount()) >= n;
    if (!(await waitUntil(listening, 60_000))) throw new Error(`${n} workers did not start`);
  };
  const stopWorkers = async () => {
    await Promise.all(workers.map((w) => stopProcess(w)));
    workers = [];
  };
  const log = (m: string) => process.stderr.write(`scale-bench: ${m}\n`);
  let report: ScaleReport;
  try {
    const ready = async (u: string) => (await fetch(`${u}/readyz`).catch(() => null))?.ok === true;
    if (!(await waitUntil(async () => (await ready(url)) && (await ready(fifoUrl)), 60_000)))
      throw new Error('service did not become ready');
    await startWorkers(1);

    log('a. provisioning and intake');
    const provisionMs = await provisionRosters(url, all);
    const intakeOne = await measureIntake(url, [oneIntake!], queue, s.intakeSeconds, s.connections);
    const intakeProvince = await measureIntake(url, province, queue, s.intakeSeconds, s.connections);

    log('b, c. steady latency and per-referral costs');
    const oneRun = await runSchedule(url, steadySchedule([oneLatency!], s.rate, Math.min(s.seconds, 20)));
    await waitUntil(async () => (await unfinishedJobs(queue)) === 0, 60_000);
    const before = await readCounters(redis.nodeUrls);
    const cpuBefore = { api: processCpuMs(api.pid!), worker: processCpuMs(workers[0]!.pid!) };
    const steady = await runSchedule(url, steadySchedule(province, s.rate, s.seconds));
    await waitUntil(async () => (await unfinishedJobs(queue)) === 0, 60_000);
    const after = await readCounters(redis.nodeUrls);
    const cpuAfter = { api: processCpuMs(api.pid!), worker: processCpuMs(workers[0]!.pid!) };
    const delta = counterDelta(before, after);
    const referrals = steady.samples.filter((x) => x.status >= 200 && x.status < 300).length;
    const perReferral = {
      referrals,
      commands: delta.commands / referrals,
      topCommands: Object.entries(delta.byCommand)
        .sort((x, y) => y[1] - x[1])
        .slice(0, 8)
        .map(([name, n]) => ({ name, perReferral: n / referrals })),
      netInBytes: delta.netInBytes / referrals,
      netOutBytes: delta.netOutBytes / referrals,
      replOutBytes: delta.replOutBytes / referrals,
      redisCpuMs: delta.cpuMs / referrals,
      apiCpuMs: (cpuAfter.api - cpuBefore.api) / referrals,
      workerCpuMs: (cpuAfter.worker - cpuBefore.worker) / referrals,
      memoryBytes: delta.usedMemory / referrals,
      usedMemoryAfter: after.usedMemory,
      masters: after.masters,
    };

    log('d. workers: 1 and 2 processes on a queued backlog');
    const throughput = [];
    for (const n of [1, 2]) {
      await stopWorkers();
      await queue.pause();
      await startWorkers(n);
      await runSchedule(url, backlogSchedule(province, s.backlog), 0);
      const cpu0 = workers.map((w) => processCpuMs(w.pid!));
      const t0 = performance.now();
      await queue.resume();
      await waitUntil(async () => (await unfinishedJobs(queue)) === 0, 600_000, 100);
      const sec = (performance.now() - t0) / 1000;
      const cpuMs = workers.reduce((a, w, i) => a + processCpuMs(w.pid!) - cpu0[i]!, 0);
      throughput.push({
        workers: n,
        cases: s.backlog,
        seconds: sec,
        perSec: s.backlog / sec,
        perWorkerPerSec: s.backlog / sec / n,
        workerCpuMsPerCase: cpuMs / s.backlog,
      });
    }
    await stopWorkers();
    await startWorkers(1);

    log('e. rebalance');
    const rebalanceOne = await rebalanceAll(url, [province[1]!], rebalanceQueue);
    const rebalanceProvince = await rebalanceAll(url, province, rebalanceQueue);

    log('f. fairness');
    const busy = province[0]!;
    const burstAtMs = 2000;
    // The burst: requests of 100 referrals, one every 50 ms from 2 s on (the steady share goes on).
    const burstSends: Send[] = Array.from({ length: Math.ceil(s.burst / 100) }, (_, i) => ({
      atMs: burstAtMs + i * 50,
      county: busy,
      count: Math.min(100, s.burst - i * 100),
    }));
    const fairSchedule = [...steadySchedule(province, s.rate, Math.min(s.seconds, 30)), ...burstSends].sort((x, y) => x.atMs - y.atMs);
    const isQuiet = (x: { county: string }) => x.county !== busy.id;
    const burstRun = async (target: string) => {
      const run = await runSchedule(target, fairSchedule, 120_000);
      await waitUntil(async () => (await unfinishedJobs(queue)) === 0, 300_000);
      return {
        quiet: latencyOf(run.samples, (x) => isQuiet(x) && x.sentAtMs >= burstAtMs),
        busy: latencyOf(run.samples, (x) => x.county === busy.id && x.sentAtMs >= burstAtMs),
      };
    };
    const fifo = await burstRun(fifoUrl);
    const fair = await burstRun(url);
    const fairness = {
      burst: s.burst,
      quietWithout: latencyOf(steady.samples, isQuiet),
      quietDuringFifo: fifo.quiet,
      busyBurstFifo: fifo.busy,
      quietDuring: fair.quiet,
      busyBurst: fair.busy,
    };

    let failover: ScaleReport['failover'] = null;
    if (s.redis === 'cluster') {
      log('g. master kill during intake');
      const killAtMs = (Math.min(s.seconds, 30) * 1000) / 3;
      const killed = new Promise((r) => setTimeout(r, killAtMs)).then(() => redis.killMasterOf(countyKeys(busy.id).cases));
      const run = await runSchedule(url, steadySchedule(province, s.rate, Math.min(s.seconds, 30)), 60_000);
      const port = await killed;
      const acked = run.samples.filter((x) => x.status >= 200 && x.status < 300);
      let lost = 0;
      for (const x of acked) if ((await redis.client.zscore(countyKeys(x.county).cases, x.caseId)) === null) lost++;
      const refused = run.samples.filter((x) => x.status === 503);
      const span = refused.length ? (Math.max(...refused.map((x) => x.sentAtMs)) - Math.min(...refused.map((x) => x.sentAtMs))) / 1000 : 0;
      failover = {
        killedPort: port,
        killAtSec: killAtMs / 1000,
        sent: run.samples.length,
        acknowledged: acked.length,
        acknowledgedLost: lost,
        refused503: refused.length,
        other: run.samples.filter((x) => x.status !== 503 && (x.status < 200 || x.status >= 300)).length,
        seconds503: span,
        undecided: acked.filter((x) => x.decidedMs === undefined).length,
      };
    }

    log('audit');
    let doubleAssigned = 0;
    let waiting = 0;
    const problems: string[] = [];
    for (const c of all) {
      const a = await auditCounty(redis.url, c.id);
      for (const n of a.assignedEvents.values()) if (n > 1) doubleAssigned++;
      waiting += a.byStatus.referred ?? 0;
      problems.push(...a.problems);
    }
    await stopWorkers();
    const apiExit = await stopProcess(api);
    await stopProcess(apiFifo);
    report = {
      settings: { ...s },
      geography:
        'every county shares the embedded geography (townships, villages) of src/domain/config; rosters differ (seed, 60–140 % of the village mediators)',
      provision: {
        counties: all.length,
        rosterSeconds: provisionMs / 1000,
        mediators: all.reduce((n, c) => n + c.sim.mediators.length, 0),
      },
      intake: { one: intakeOne, province: intakeProvince },
      latency: { one: latencyOf(oneRun.samples), province: latencyOf(steady.samples) },
      perReferral,
      throughput,
      rebalance: { one: rebalanceOne, province: rebalanceProvince },
      fairness,
      failover,
      audit: { doubleAssigned, stillWaiting: waiting, problems: problems.slice(0, 10) },
      apiExitCode: apiExit,
    };
  } finally {
    for (const w of workers) w.kill('SIGKILL');
    for (const a of [api, apiFifo]) if (a.exitCode === null) a.kill('SIGKILL');
    await queue.close().catch(() => undefined);
    await rebalanceQueue.close().catch(() => undefined);
    await redis.stop();
    await db.drop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
  printScaleReport(report);
  if (s.out) writeFileSync(s.out, JSON.stringify(report, null, 2) + '\n');
}

main().catch((err) => {
  process.stderr.write(`scale-bench: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
