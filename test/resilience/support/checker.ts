import { Queue } from 'bullmq';
import { CaseRepo } from '../../../src/adapters/redis/case-repo';
import { bullConnection, createRedis } from '../../../src/adapters/redis/redis-connection';
import { REFERRALS_QUEUE } from '../../../src/adapters/queue/names';
import { auditCounty } from '../../support/invariants';

/** What became of the acknowledged referrals, read back from Redis independently of the service. */
export interface Reckoning {
  readonly acknowledged: number;
  /** Acknowledged (202) but no case in Redis. */
  readonly lost: readonly string[];
  /** Broken invariants of the county: a case with the same mediator twice or two assignment events, a load ≠ its cases. */
  readonly doubleAssigned: readonly string[];
  /** Still `referred`: never dispatched (a job lost or stuck). */
  readonly notDispatched: readonly string[];
  /** Dispatched with the outcome "unassigned" (no mediator could take it): an outcome, not a fault. */
  readonly unassigned: number;
  readonly assigned: number;
}

/** Reads every acknowledged case and audits the county (test/support/invariants). */
export async function reckon(redisUrl: string, county: string, acknowledged: readonly string[]): Promise<Reckoning> {
  const redis = createRedis(redisUrl);
  try {
    const found = await new CaseRepo(redis, county, 1000).getMany([...new Set(acknowledged)]);
    const byId = new Map(found.map((c) => [c.id, c]));
    const audit = await auditCounty(redisUrl, county);
    const unique = [...new Set(acknowledged)];
    return {
      acknowledged: unique.length,
      lost: unique.filter((id) => !byId.has(id)),
      doubleAssigned: [...audit.problems],
      notDispatched: found.filter((c) => c.status === 'referred').map((c) => c.id),
      unassigned: found.filter((c) => c.status === 'unassigned').length,
      assigned: found.filter((c) => c.status === 'assigned').length,
    };
  } finally {
    redis.disconnect();
  }
}

/**
 * Polls until no acknowledged case is left undispatched or `timeoutMs` passes; returns the last
 * reckoning and when it settled (ms since the call), or undefined when it never did.
 */
export async function waitUntilDispatched(
  redisUrl: string,
  county: string,
  acknowledged: readonly string[],
  timeoutMs: number,
): Promise<{ readonly reckoning: Reckoning; readonly settledMs: number | undefined }> {
  const start = Date.now();
  for (;;) {
    const reckoning = await reckon(redisUrl, county, acknowledged);
    if (reckoning.notDispatched.length === 0) return { reckoning, settledMs: Date.now() - start };
    if (Date.now() - start > timeoutMs) return { reckoning, settledMs: undefined };
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The dispatch queue's job counts under a deployment's prefix (active left behind = a stalled job). */
export async function dispatchQueueCounts(redisUrl: string, prefix: string): Promise<Record<string, number>> {
  const queue = new Queue(REFERRALS_QUEUE, { connection: bullConnection(redisUrl), prefix });
  try {
    return await queue.getJobCounts('active', 'waiting', 'delayed', 'completed', 'failed', 'prioritized');
  } finally {
    await queue.close();
  }
}

/** One line of figures for the test log, so a run's numbers can be read without a debugger. */
export function report(label: string, figures: Readonly<Record<string, unknown>>): void {
  console.log(`[resilience] ${label}: ${JSON.stringify(figures)}`);
}
