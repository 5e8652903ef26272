import type { Queue } from 'bullmq';
import { within } from '../../domain/deadline';

/** Job counts of one queue by state, as last read. */
export type QueueCounts = ReadonlyMap<string, Readonly<Record<string, number>>>;

const STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized'] as const;

/** Counts older than this are read again by the next scrape, ms. */
const FRESH_MS = 1_000;
/** Longest a scrape waits for the read it started, ms; then it answers with what it has. */
const SCRAPE_WAIT_MS = 200;

/**
 * Queue job counts for /metrics, served from memory: a scrape never waits on Redis for long
 * (BullMQ's connection queues commands while Redis is away; a scrape used to hang with them). A
 * scrape that finds the counts stale starts one read and waits up to SCRAPE_WAIT_MS for it; a read
 * still outstanding from an earlier scrape (Redis away) is not waited for, nor doubled.
 */
export class CachedQueueCounts {
  private counts = new Map<string, Readonly<Record<string, number>>>();
  private readAt = 0;
  private reading: Promise<void> | undefined;

  constructor(private readonly queues: () => readonly Queue[]) {}

  /** The counts, read again first (within SCRAPE_WAIT_MS) when stale. */
  async current(now = Date.now()): Promise<QueueCounts> {
    if (this.reading || now - this.readAt < FRESH_MS) return this.counts;
    const read = (this.reading = this.read().finally(() => (this.reading = undefined)));
    await within(read, SCRAPE_WAIT_MS);
    return this.counts;
  }

  /** Seconds since the counts were last read; undefined before the first read. */
  ageSeconds(now = Date.now()): number | undefined {
    return this.readAt === 0 ? undefined : (now - this.readAt) / 1000;
  }

  private async read(): Promise<void> {
    try {
      const entries = await Promise.all(this.queues().map(async (q) => [q.name, await q.getJobCounts(...STATES)] as const));
      this.counts = new Map(entries);
      this.readAt = Date.now();
    } catch {
      // Redis away: keep the last counts; tiaojie_queue_jobs_age_seconds says how stale they are.
    }
  }
}
