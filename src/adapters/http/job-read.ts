import { Job, type JobState, type Queue } from 'bullmq';

/** A job and its state, read so that they agree. */
export interface JobRead<T> {
  readonly job: Job<T>;
  readonly state: JobState | 'unknown';
}

/**
 * Reads a job's hash and its state for a status route. They are two reads; reading the hash first
 * let a job that finished in between show as `completed` with no result and no attempt made. So
 * the state is read first (a finished state is final: the hash read after it holds the result),
 * and when the hash shows a finish the state read missed, the state is read again.
 */
export async function readJob<T>(queue: Queue<T>, id: string): Promise<JobRead<T> | undefined> {
  const before = await queue.getJobState(id);
  const job = await Job.fromId<T>(queue, id);
  if (!job) return undefined;
  const finished = before === 'completed' || before === 'failed';
  return { job, state: job.finishedOn && !finished ? await job.getState() : before };
}
