import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Queue } from 'bullmq';
import { CachedQueueCounts } from './queue-counts';

/** The service's Prometheus metrics, on their own registry (tests create several services). */
export interface ServiceMetrics {
  readonly registry: Registry;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly referralsAccepted: Counter<'county' | 'outcome'>;
  readonly solveSeconds: Histogram;
  readonly batchSize: Histogram;
  readonly assignmentLatency: Histogram<'outcome'>;
  /** issue 18 — bounds: stored records the dispatch worker found invalid and left out, per dispatch that met them. */
  readonly recordsQuarantined: Counter<'county' | 'kind'>;
  /** Reports job counts of these queues (from memory, refreshed in the background; see CachedQueueCounts). */
  watchQueues(queues: readonly Queue[]): void;
  /** Reports `tiaojie_redis_up` from this check (synchronous: the client's connection state). */
  watchRedis(connected: () => boolean): void;
}

export function createMetrics(opts: { defaultMetrics?: boolean } = {}): ServiceMetrics {
  const registry = new Registry();
  if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'tiaojie_' });
  const watched: Queue[] = [];
  const counts = new CachedQueueCounts(() => watched);
  let redisUp: (() => boolean) | undefined;
  // Every collect() answers from memory: /metrics must answer while Redis is away.
  new Gauge({
    name: 'tiaojie_queue_jobs',
    help: 'Jobs per queue and state, as last read (see tiaojie_queue_jobs_age_seconds)',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      for (const [queue, byState] of await counts.current()) {
        for (const [state, n] of Object.entries(byState)) this.set({ queue, state }, n);
      }
    },
  });
  new Gauge({
    name: 'tiaojie_queue_jobs_age_seconds',
    help: 'Age of tiaojie_queue_jobs: it grows while Redis is away',
    registers: [registry],
    collect() {
      const age = counts.ageSeconds();
      if (age !== undefined) this.set(age);
    },
  });
  new Gauge({
    name: 'tiaojie_redis_up',
    help: "1 while the API's Redis connection is up, 0 while it is not",
    registers: [registry],
    collect() {
      if (redisUp) this.set(redisUp() ? 1 : 0);
    },
  });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'tiaojie_http_request_duration_seconds',
      help: 'HTTP request duration',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    referralsAccepted: new Counter({
      name: 'tiaojie_referrals_total',
      help: 'Referrals accepted by the API (created or duplicate)',
      labelNames: ['county', 'outcome'],
      registers: [registry],
    }),
    solveSeconds: new Histogram({
      name: 'tiaojie_dispatch_solve_seconds',
      help: 'Wall time of one batch dispatch (snapshot, solve, commit)',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30],
      registers: [registry],
    }),
    batchSize: new Histogram({
      name: 'tiaojie_dispatch_batch_jobs',
      help: 'Jobs per dispatch batch',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
      registers: [registry],
    }),
    assignmentLatency: new Histogram({
      name: 'tiaojie_assignment_latency_seconds',
      help: 'From referral accepted by the API to its case assigned or unassigned',
      labelNames: ['outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    recordsQuarantined: new Counter({
      name: 'tiaojie_records_quarantined_total',
      help: 'Stored records (mediator, case, load, outcome) that failed validation and were left out of a dispatch',
      labelNames: ['county', 'kind'],
      registers: [registry],
    }),
    watchQueues: (queues) => void watched.push(...queues),
    watchRedis: (connected) => void (redisUp = connected),
  };
}
