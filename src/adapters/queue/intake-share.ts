/** Options of IntakeShare. */
export interface IntakeShareOptions {
  /** How far back a county's referrals count against it, ms. @defaultValue 10000 */
  readonly windowMs?: number;
  /** Referrals a county may enqueue within the window straight into the FIFO (one dispatch batch); 0: all of them. @defaultValue 64 */
  readonly slice?: number;
}

/** BullMQ's largest priority. */
const MAX_PRIORITY = 2 ** 21;

/**
 * Each county's referrals lately enqueued by this process, in one-second buckets, and from them the
 * BullMQ priority of each new job: 0 (the FIFO, which BullMQ takes before any prioritized job) for a
 * county's first `slice` referrals within the window, then 1, 2, … per further slice. So a county
 * that sends a burst, in one request or many, cannot push the other counties' referrals behind it:
 * they pass its excess, and the excess of two busy counties is taken a slice of each in turn.
 * Per process: with several API processes each grants the slice (enough: it is a bound, not a quota).
 */
export class IntakeShare {
  private readonly windowSec: number;
  private readonly slice: number;
  private readonly recent = new Map<string, { second: number; n: number }[]>();

  constructor(options: IntakeShareOptions = {}) {
    this.windowSec = Math.max(1, Math.round((options.windowMs ?? 10_000) / 1000));
    this.slice = options.slice ?? 64;
  }

  /** The priorities of `count` new jobs of `county`, counted against it from now on. */
  take(county: string, count: number, now: number = Date.now()): number[] {
    if (this.slice <= 0) return Array.from({ length: count }, () => 0);
    const second = Math.floor(now / 1000);
    const buckets = (this.recent.get(county) ?? []).filter((b) => b.second > second - this.windowSec);
    const before = buckets.reduce((n, b) => n + b.n, 0);
    const last = buckets[buckets.length - 1];
    if (last?.second === second) last.n += count;
    else buckets.push({ second, n: count });
    this.recent.set(county, buckets);
    return Array.from({ length: count }, (_, i) => Math.min(MAX_PRIORITY, Math.floor((before + i) / this.slice)));
  }
}
