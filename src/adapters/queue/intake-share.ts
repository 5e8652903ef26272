import type { RedisClient } from '../redis/redis-connection';
import { countRecentReferrals } from '../redis/intake-counts';

/** Options of IntakeShare. */
export interface IntakeShareOptions {
  /** How far back a county's referrals count against it, ms (whole seconds). @defaultValue 10000 */
  readonly windowMs?: number;
  /** Referrals a county may enqueue within the window straight into the FIFO (one dispatch batch); 0: all of them. @defaultValue 64 */
  readonly slice?: number;
}

/** BullMQ's largest priority. */
const MAX_PRIORITY = 2 ** 21;

/** The BullMQ priorities of `count` new jobs of a county that had `before` referrals within the window. */
export function slicePriorities(before: number, count: number, slice: number): number[] {
  if (slice <= 0) return Array.from({ length: count }, () => 0);
  return Array.from({ length: count }, (_, i) => Math.min(MAX_PRIORITY, Math.floor((before + i) / slice)));
}

/**
 * Each county's referrals lately enqueued, in one-second counters in Redis (the county's slot), and
 * from them the BullMQ priority of each new job: 0 (the FIFO, which BullMQ takes before any
 * prioritized job) for a county's first `slice` referrals within the window, then 1, 2, … per
 * further slice. So a county that sends a burst, in one request or many, to one API process or
 * several, cannot push the other counties' referrals behind it: they pass its excess, and the
 * excess of two busy counties is taken a slice of each in turn.
 */
export class IntakeShare {
  private readonly windowSec: number;
  private readonly slice: number;

  /** `client`: the Redis the counters live in (the queue's own client will do). */
  constructor(
    private readonly client: () => Promise<RedisClient>,
    options: IntakeShareOptions = {},
  ) {
    this.windowSec = Math.max(1, Math.round((options.windowMs ?? 10_000) / 1000));
    this.slice = options.slice ?? 64;
  }

  /** The priorities of `count` new jobs of `county`, counted against it from now on. */
  async take(county: string, count: number, now: number = Date.now()): Promise<number[]> {
    if (this.slice <= 0) return slicePriorities(0, count, 0);
    const before = await countRecentReferrals(await this.client(), county, count, Math.floor(now / 1000), this.windowSec);
    return slicePriorities(before, count, this.slice);
  }
}
