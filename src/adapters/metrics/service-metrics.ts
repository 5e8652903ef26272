import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Queue } from 'bullmq';

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
  /** Reports job counts of these queues on every scrape. */
  watchQueues(queues: readonly Queue[]): void;
}

export function createMetrics(opts: { defaultMetrics?: boolean } = {}): ServiceMetrics {
  const registry = new Registry();
  if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'tiaojie_' });
  const watched: Queue[] = [];
  new Gauge({
    name: 'tiaojie_queue_jobs',
    help: 'Jobs per queue and state',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      for (const q of watched) {
        const counts = await q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized');
        for (const [state, n] of Object.entries(counts)) this.set({ queue: q.name, state }, n);
      }
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
  };
}
