/**
 * End-to-end benchmark of the service (`npm run bench:e2e`): a private redis-server and the service
 * (`workers/api-server.js --with-worker`, its own process) are started on this machine, then:
 *   1. HTTP floor: GET /healthz with autocannon (the baseline the intake rate is compared with);
 *   2. intake: POST /v1/referrals, one new referral per request, with autocannon; then the time the
 *      worker needs to decide the backlog (dispatch throughput);
 *   3. latency: a steady --rate referrals/s for --seconds, each timed from POST to its
 *      case.assigned / case.unassigned event on SSE; p50/p99, and the counts lost (no decision)
 *      and double-assigned, recounted from Redis (must be 0);
 *   4. candidates: POST /v1/cases/{id}/candidates with 555 mediators, p99 (the pure ranking
 *      in-process is the baseline).
 * Flags: --seconds 60 --rate 100 --intake-seconds 10 --connections 50 --out FILE.json
 */
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { parseArgs, numberFlag } from '../src/cli/args';
import { caseIdFor } from '../src/use-cases/intake/case-id';
import { loadDispatchConfig } from '../src/domain/config/load';
import { caseFromReferral } from '../src/use-cases/intake/intake';
import { rankCandidates } from '../src/use-cases/candidates/rank-candidates';
import { generateCounty } from '../src/simulator/county';
import { freePort, launchRedis } from '../src/runtime/redis-launcher';
import { openSse } from '../src/adapters/http/sse-client';
import { auditCounty } from '../src/adapters/redis/county-audit';
import { bullConnection } from '../src/adapters/redis/redis-connection';
import type { ServiceEvent } from '../src/adapters/redis/events';
import { http, quantile, waitUntil } from './lib/service-client';
import { jobCount, referralSource, startServiceProcess } from './lib/service-process';

const TARGETS = { intakePerSec: 1000, latencyP99Ms: 250, candidatesP99Ms: 5 };
const PER_COUNTY = 1000; // latency-phase referrals per county, so capacity never runs dry

/** What the run measured: printed, and written to --out as JSON. */
interface E2eReport {
  readonly rate: number;
  readonly seconds: number;
  readonly intakeSeconds: number;
  readonly connections: number;
  readonly mediators: number;
  readonly healthzPerSec: number;
  readonly intake: { perSec: number; accepted: number; non2xx: number; errors: number; p50Ms: number; p99Ms: number };
  readonly backlogDrainSec: number;
  readonly latency: {
    sent: number;
    achievedRatePerSec: number;
    decided: number;
    assigned: number;
    p50Ms: number;
    p99Ms: number;
    maxMs: number;
    assignedP99Ms: number;
    lost: number;
    stillWaiting: number;
    doubleAssigned: number;
    storeProblems: string[];
    postErrors: string[];
  };
  readonly candidates: { perSec: number; p50Ms: number; p99Ms: number; non2xx: number; pureRankingP99Ms: number };
  readonly serviceExitCode: number | null;
}

const sim = generateCounty();
const config = loadDispatchConfig();

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), ['seconds', 'rate', 'intake-seconds', 'connections', 'out']);
  const seconds = numberFlag(args, 'seconds', 60);
  const rate = numberFlag(args, 'rate', 100);
  const intakeSeconds = numberFlag(args, 'intake-seconds', 10);
  const connections = numberFlag(args, 'connections', 50);

  const dir = mkdtempSync(join(tmpdir(), 'tiaojie-e2e-'));
  const redis = await launchRedis({ dataDir: dir, appendOnly: true });
  const latencyCounties = Array.from({ length: Math.ceil((rate * seconds) / PER_COUNTY) }, (_, i) => `bench-lat-${i}`);
  const counties = ['bench-intake', 'bench-cand', ...latencyCounties];
  const keys = new Map(counties.map((c) => [c, `bk_${randomBytes(16).toString('hex')}`]));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const prefix = 'bench';
  const service = startServiceProcess('api-server', ['--with-worker'], {
    ...process.env,
    REDIS_URL: redis.url,
    REDIS_EMBEDDED: 'false',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dir,
    LOG_LEVEL: 'warn',
    QUEUE_PREFIX: prefix,
    TIAOJIE_API_KEYS: JSON.stringify(counties.map((county) => ({ key: keys.get(county)!, role: 'admin', county }))),
  });
  const queue = new Queue('referrals', { connection: bullConnection(redis.url), prefix });
  // Set once every phase has run; an error skips the report.
  let report: E2eReport;
  try {
    if (!(await waitUntil(async () => (await fetch(`${url}/readyz`).catch(() => null))?.ok === true, 30_000)))
      throw new Error('service did not become ready');
    await Promise.all(counties.map((c) => http(url, keys.get(c)!, 'PUT', '/v1/mediators', sim.mediators)));
    const backlogDone = async () => {
      const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      return jobCount(c, 'waiting') + jobCount(c, 'active') + jobCount(c, 'delayed') + jobCount(c, 'prioritized') === 0;
    };

    // The pure ranking (no HTTP, no Redis), measured first while this process is still small: the baseline of phase 4.
    const pureSource = referralSource(sim, 'pure');
    const pureRefs = Array.from({ length: 200 }, () => pureSource());
    const pureMs: number[] = [];
    const snap = { mediators: sim.mediators, loads: new Map<string, number>(), outcomes: [] };
    const candCases = pureRefs.map((r) => caseFromReferral(r, config)).flatMap((m) => (m.ok ? [m.case] : []));
    for (let rep = 0; rep < 6; rep++) {
      for (const c of candCases) {
        const t0 = performance.now();
        rankCandidates(c, snap, config, 5);
        if (rep > 0) pureMs.push(performance.now() - t0); // the first pass warms up
      }
    }

    // 1. HTTP floor.
    const floor = await autocannon({ url: `${url}/healthz`, connections, duration: Math.min(5, intakeSeconds) });
    const healthzPerSec = floor.requests.average;

    // 2. Intake.
    const nextIntake = referralSource(sim, 'intake');
    const intakeKey = keys.get('bench-intake')!;
    const intake = await autocannon({
      url,
      connections,
      duration: intakeSeconds,
      requests: [
        {
          method: 'POST',
          path: '/v1/referrals',
          headers: { authorization: `Bearer ${intakeKey}`, 'content-type': 'application/json' },
          setupRequest: (req) => ({ ...req, body: JSON.stringify(nextIntake()) }),
        },
      ],
    });
    const accepted = intake['2xx'];
    const intakeReport = {
      perSec: accepted / intake.duration,
      accepted,
      non2xx: intake.non2xx,
      errors: intake.errors,
      p50Ms: intake.latency.p50,
      p99Ms: intake.latency.p99,
    };
    const drainStart = Date.now();
    await waitUntil(backlogDone, 600_000, 200);
    const backlogDrainSec = (Date.now() - drainStart) / 1000;

    // 3. Steady rate → decision latency.
    const sources = new Map(latencyCounties.map((c) => [c, referralSource(sim, c)]));
    const sentAt = new Map<string, number>();
    const decided = new Map<string, { type: string; ms: number }>();
    const streams = latencyCounties.map((c) => {
      const sse = openSse(`${url}/v1/events?types=case.assigned,case.unassigned`, keys.get(c)!, {}, false);
      sse.onEvent = (e) => {
        const ev = e.data as ServiceEvent;
        const t0 = sentAt.get(ev.data.caseId);
        if (t0 !== undefined && !decided.has(ev.data.caseId)) decided.set(ev.data.caseId, { type: ev.type, ms: performance.now() - t0 });
      };
      return sse;
    });
    await Promise.all(streams.map((s) => s.ready));
    const total = Math.round(rate * seconds);
    const postErrors: string[] = [];
    const inflight: Promise<unknown>[] = [];
    const started = performance.now();
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const county = latencyCounties[Math.floor(i / PER_COUNTY)]!;
      const r = sources.get(county)!();
      sentAt.set(caseIdFor(county, r.externalId), performance.now());
      inflight.push(http(url, keys.get(county)!, 'POST', '/v1/referrals', r).catch((e: Error) => postErrors.push(e.message)));
    }
    await Promise.all(inflight);
    await waitUntil(() => decided.size >= sentAt.size, 30_000);
    streams.forEach((s) => s.close());
    await waitUntil(backlogDone, 60_000);
    const lat = [...decided.values()].map((d) => d.ms);
    const latAssigned = [...decided.values()].filter((d) => d.type === 'case.assigned').map((d) => d.ms);
    // Lost: sent and never decided (no event, or still waiting in the store).
    const lost = sentAt.size - decided.size;
    let stillWaiting = 0;
    let doubles = 0;
    const problems: string[] = [];
    for (const c of latencyCounties) {
      const audit = await auditCounty(redis.url, c);
      stillWaiting += audit.byStatus.referred ?? 0;
      for (const n of audit.assignedEvents.values()) if (n > 1) doubles++;
      problems.push(...audit.problems);
    }
    const latency = {
      sent: sentAt.size,
      achievedRatePerSec: sentAt.size / ((performance.now() - started) / 1000),
      decided: decided.size,
      assigned: latAssigned.length,
      p50Ms: quantile(lat, 0.5),
      p99Ms: quantile(lat, 0.99),
      maxMs: Math.max(...lat),
      assignedP99Ms: quantile(latAssigned, 0.99),
      lost,
      stillWaiting,
      doubleAssigned: doubles,
      storeProblems: problems.slice(0, 10),
      postErrors: postErrors.slice(0, 5),
    };

    // 4. Candidates.
    const candKey = keys.get('bench-cand')!;
    const candSource = referralSource(sim, 'cand');
    const candRefs = Array.from({ length: 200 }, () => candSource());
    const ids = ((await http(url, candKey, 'POST', '/v1/referrals', candRefs)) as { cases: { caseId: string }[] }).cases.map(
      (c) => c.caseId,
    );
    let k = 0;
    const candidatesRun = (duration: number) =>
      autocannon({
        url,
        // One request at a time: the latency of answering one dispatcher, not of a queue of them.
        connections: 1,
        duration,
        requests: [
          {
            method: 'POST',
            headers: { authorization: `Bearer ${candKey}`, 'content-type': 'application/json' },
            body: JSON.stringify({ k: 5 }),
            setupRequest: (req) => ({ ...req, path: `/v1/cases/${ids[k++ % ids.length]}/candidates` }),
          },
        ],
      });
    await candidatesRun(1); // warm-up (JIT, caches)
    const cand = await candidatesRun(5);
    const candidates = {
      perSec: cand.requests.average,
      p50Ms: cand.latency.p50,
      p99Ms: cand.latency.p99,
      non2xx: cand.non2xx,
      pureRankingP99Ms: quantile(pureMs, 0.99),
    };

    // Graceful stop must exit 0.
    service.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => service.once('exit', (c) => r(c)));
    report = {
      rate,
      seconds,
      intakeSeconds,
      connections,
      mediators: sim.mediators.length,
      healthzPerSec,
      intake: intakeReport,
      backlogDrainSec,
      latency,
      candidates,
      serviceExitCode: code,
    };
  } finally {
    if (service.exitCode === null) service.kill('SIGKILL');
    await queue.close();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  print(report);
  const out = args.flags.get('out');
  if (out) writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
}

function print(r: E2eReport): void {
  const f = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
  const mark = (ok: boolean) => (ok ? 'ok' : 'MISSED');
  const lines = [
    `tiaojie e2e benchmark — ${r.mediators} mediators, service and Redis on this machine`,
    '',
    `HTTP floor (GET /healthz)        ${f(r.healthzPerSec, 0)} req/s`,
    `intake (POST /v1/referrals)      ${f(r.intake.perSec, 0)} referrals/s  (${f((r.intake.perSec / r.healthzPerSec) * 100, 0)}% of the floor; p50 ${r.intake.p50Ms} ms, p99 ${r.intake.p99Ms} ms; non-2xx ${r.intake.non2xx})  target ≥ ${TARGETS.intakePerSec}: ${mark(r.intake.perSec >= TARGETS.intakePerSec)}`,
    `  all ${r.intake.accepted} decided ${f(r.backlogDrainSec)} s after the intake ended (dispatch kept pace: ${f(r.intake.accepted / (r.intakeSeconds + r.backlogDrainSec), 0)} cases/s overall)`,
    `steady ${r.rate}/s for ${r.seconds} s            sent ${r.latency.sent} (achieved ${f(r.latency.achievedRatePerSec)}/s), decided ${r.latency.decided}, assigned ${r.latency.assigned}`,
    `  referral → event latency       p50 ${f(r.latency.p50Ms)} ms, p99 ${f(r.latency.p99Ms)} ms, max ${f(r.latency.maxMs)} ms  target p99 ≤ ${TARGETS.latencyP99Ms}: ${mark(r.latency.p99Ms <= TARGETS.latencyP99Ms)}`,
    `  lost ${r.latency.lost}, still waiting ${r.latency.stillWaiting}, double-assigned ${r.latency.doubleAssigned}, store problems ${r.latency.storeProblems.length}  (must be 0: ${mark(r.latency.lost === 0 && r.latency.stillWaiting === 0 && r.latency.doubleAssigned === 0 && r.latency.storeProblems.length === 0)})`,
    `candidates (POST …/candidates)   1 connection: p50 ${r.candidates.p50Ms} ms, p99 ${r.candidates.p99Ms} ms, ${f(r.candidates.perSec, 0)} req/s; pure ranking p99 ${f(r.candidates.pureRankingP99Ms, 2)} ms  target p99 ≤ ${TARGETS.candidatesP99Ms}: ${mark(r.candidates.p99Ms <= TARGETS.candidatesP99Ms)}`,
    `graceful stop (SIGTERM)          exit code ${r.serviceExitCode}`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((err) => {
  process.stderr.write(`e2e-bench: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
