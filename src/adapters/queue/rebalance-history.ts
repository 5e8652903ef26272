import type { Job, Queue } from 'bullmq';
import type { RebalanceJob } from './rebalance-queue';

/** Finished jobs read per page while looking back for a county's last run. */
const PAGE = 100;
/**
 * How far back to look, per state: the queue keeps at most 1,000 completed jobs (and failed ones
 * for 30 days), shared by every county, so a county's last run is within this many.
 */
const LOOK_BACK = 1_000;

/** Which runs count as "the last": any, only applying runs, or only dry runs. */
export interface LastRunFilter {
  /** @defaultValue undefined (dry runs and applying runs alike) */
  readonly dryRun?: boolean;
}

async function newestOf(queue: Queue<RebalanceJob>, state: 'completed' | 'failed', county: string, filter: LastRunFilter) {
  for (let start = 0; start < LOOK_BACK; start += PAGE) {
    // Newest finish first (the finished sets are scored by finishing time).
    const jobs = (await queue.getJobs([state], start, start + PAGE - 1, false)) as Job<RebalanceJob>[];
    const hit = jobs.find((j) => j?.data?.county === county && (filter.dryRun === undefined || j.data.dryRun === filter.dryRun));
    if (hit) return hit;
    if (jobs.length < PAGE) return undefined;
  }
  return undefined;
}

/**
 * The county's most recently finished rebalance run (completed or failed, nightly or on demand),
 * or undefined when the queue holds none. A run still waiting or running is not "last" yet.
 */
export async function lastFinishedRebalance(
  queue: Queue<RebalanceJob>,
  county: string,
  filter: LastRunFilter = {},
): Promise<{ readonly job: Job<RebalanceJob>; readonly state: 'completed' | 'failed' } | undefined> {
  const [completed, failed] = await Promise.all([newestOf(queue, 'completed', county, filter), newestOf(queue, 'failed', county, filter)]);
  if (completed && (!failed || (completed.finishedOn ?? 0) >= (failed.finishedOn ?? 0))) return { job: completed, state: 'completed' };
  return failed ? { job: failed, state: 'failed' } : undefined;
}
