/** The phases of bench:scale that need more than a schedule: intake with autocannon, drain timing, rebalance of many counties. */
import autocannon from 'autocannon';
import { Job, type Queue } from 'bullmq';
import type { RebalanceJob } from '../../src/adapters/queue/rebalance-queue';
import type { BenchCounty } from './province';
import type { Sample } from './referral-load';
import { http, quantile, waitUntil } from './service-client';
import { unfinishedJobs } from './service-process';

export interface IntakeFigures {
  readonly counties: number;
  readonly perSec: number;
  readonly accepted: number;
  readonly non2xx: number;
  readonly p99Ms: number;
  /** From the end of the intake until every job was done, s. */
  readonly drainSec: number;
}

/** POST /v1/referrals for `seconds` over `connections`, each request the next county's next referral. */
export async function measureIntake(
  url: string,
  counties: readonly BenchCounty[],
  queue: Queue,
  seconds: number,
  connections: number,
): Promise<IntakeFigures> {
  let i = 0;
  const r = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/v1/referrals',
        setupRequest: (req) => {
          const c = counties[i++ % counties.length]!;
          return {
            ...req,
            headers: { authorization: `Bearer ${c.key}`, 'content-type': 'application/json' },
            body: JSON.stringify(c.next()),
          };
        },
      },
    ],
  });
  const drainStart = Date.now();
  await waitUntil(async () => (await unfinishedJobs(queue)) === 0, 600_000, 200);
  return {
    counties: counties.length,
    perSec: r['2xx'] / r.duration,
    accepted: r['2xx'],
    non2xx: r.non2xx,
    p99Ms: r.latency.p99,
    drainSec: (Date.now() - drainStart) / 1000,
  };
}

export interface LatencyFigures {
  readonly sent: number;
  readonly acknowledged: number;
  readonly decided: number;
  readonly assigned: number;
  /** Left to a dispatcher: case.proposed or case.held (major cases by default). */
  readonly forDispatcher: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Acknowledged (2xx) and never decided. */
  readonly undecided: number;
  /** Referrals not acknowledged, by HTTP status (0: no answer). */
  readonly refused: Readonly<Record<string, number>>;
}

/** Latency figures of the samples that `keep` selects. */
export function latencyOf(samples: readonly Sample[], keep: (s: Sample) => boolean = () => true): LatencyFigures {
  const kept = samples.filter(keep);
  const acked = kept.filter((s) => s.status >= 200 && s.status < 300);
  const ms = acked.flatMap((s) => (s.decidedMs === undefined ? [] : [s.decidedMs]));
  return {
    sent: kept.length,
    acknowledged: acked.length,
    decided: ms.length,
    assigned: acked.filter((s) => s.decision === 'case.assigned').length,
    forDispatcher: acked.filter((s) => s.decision === 'case.proposed' || s.decision === 'case.held').length,
    p50Ms: quantile(ms, 0.5),
    p99Ms: quantile(ms, 0.99),
    maxMs: ms.length ? Math.max(...ms) : NaN,
    undecided: acked.length - ms.length,
    refused: kept.reduce<Record<string, number>>(
      (m, s) => (s.status >= 200 && s.status < 300 ? m : { ...m, [s.status]: (m[s.status] ?? 0) + 1 }),
      {},
    ),
  };
}

export interface RebalanceFigures {
  readonly counties: number;
  /** From the first POST until the last run finished, s. */
  readonly totalSec: number;
  /** The longest single run (processedOn → finishedOn), s, and its county. */
  readonly slowestSec: number;
  readonly slowestCounty: string;
  /** Median single run, s. */
  readonly medianSec: number;
  readonly moves: number;
  readonly failed: number;
}

/** Applies a rebalance (POST /v1/rebalance, dryRun false) of every county at once and waits for every run. */
export async function rebalanceAll(url: string, counties: readonly BenchCounty[], queue: Queue<RebalanceJob>): Promise<RebalanceFigures> {
  const started = Date.now();
  const ids = new Map<string, string>();
  for (const c of counties) {
    const r = (await http(url, c.key, 'POST', '/v1/rebalance', { dryRun: false })) as { jobId: string };
    ids.set(c.id, r.jobId);
  }
  const jobs = new Map<string, Job<RebalanceJob>>();
  await waitUntil(
    async () => {
      for (const [county, id] of ids) {
        if (jobs.has(county)) continue;
        const job = await Job.fromId<RebalanceJob>(queue, id);
        if (job?.finishedOn) jobs.set(county, job);
      }
      return jobs.size === ids.size;
    },
    30 * 60_000,
    250,
  );
  const runs = [...jobs].map(([county, j]) => ({ county, sec: (j.finishedOn! - (j.processedOn ?? j.finishedOn!)) / 1000, job: j }));
  const slowest = runs.reduce((a, b) => (b.sec > a.sec ? b : a), runs[0]!);
  const moves = runs.reduce((n, r) => n + ((r.job.returnvalue as { plan?: { moves?: unknown[] } } | null)?.plan?.moves?.length ?? 0), 0);
  return {
    counties: counties.length,
    totalSec: (Math.max(...runs.map((r) => r.job.finishedOn!)) - started) / 1000,
    slowestSec: slowest.sec,
    slowestCounty: slowest.county,
    medianSec: quantile(
      runs.map((r) => r.sec),
      0.5,
    ),
    moves,
    failed: runs.filter((r) => r.job.failedReason).length + (ids.size - jobs.size),
  };
}
