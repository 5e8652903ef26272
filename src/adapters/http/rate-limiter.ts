/**
 * Token buckets in this process's memory, one per key (a client address, a key prefix, an API
 * key): `perMinute` tokens at most, refilled evenly over the minute. In memory on purpose: the
 * limits must hold while Redis is down, and a per-process limit is enough to stop guessing and
 * floods (N API processes allow N times the rate).
 *
 * Why not express-rate-limit: its "count only failures" mode counts every request while it is in
 * flight and takes it back when it succeeds, so a burst of concurrent good requests would trip the
 * failed-auth limit; here a failure is recorded only once it is known.
 */
export interface RateLimiterOptions {
  /** Tokens per key per minute, and the burst; 0 turns the limiter off. */
  readonly perMinute: number;
  /** Most keys remembered; beyond it the least recently used is forgotten. @defaultValue 10000 */
  readonly maxKeys?: number;
  /** @defaultValue Date.now */
  readonly now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(private readonly options: RateLimiterOptions) {
    this.perMs = options.perMinute / 60_000;
    this.maxKeys = options.maxKeys ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Whole seconds until `key` has a token again; 0 when it has one now (nothing is taken). */
  retryAfter(key: string): number {
    if (this.options.perMinute <= 0) return 0;
    const bucket = this.buckets.get(key);
    if (!bucket) return 0;
    const tokens = this.refilled(bucket);
    return tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000));
  }

  /** Takes a token of `key`: 0 when one was there, else the whole seconds until one is. */
  take(key: string): number {
    if (this.options.perMinute <= 0) return 0;
    const wait = this.retryAfter(key);
    if (wait > 0) return wait;
    const bucket = this.buckets.get(key);
    const tokens = bucket ? this.refilled(bucket) : this.options.perMinute;
    // Re-inserted so the Map's order is least recently used first.
    this.buckets.delete(key);
    this.buckets.set(key, { tokens: tokens - 1, at: this.now() });
    this.forgetOldest();
    return 0;
  }

  private refilled(bucket: Bucket): number {
    return Math.min(this.options.perMinute, bucket.tokens + (this.now() - bucket.at) * this.perMs);
  }

  private forgetOldest(): void {
    while (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next();
      if (oldest.done === true) return;
      this.buckets.delete(oldest.value);
    }
  }
}
