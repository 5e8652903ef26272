import { MicroBatcher } from './micro-batcher';

/** Options of CountyBatchers. */
export interface CountyBatchersOptions<T, R> {
  /** Items run together at most, per county. @defaultValue 64 */
  readonly maxSize?: number;
  /** Longest an item waits for its county's batch to fill, ms. @defaultValue 20 */
  readonly maxWaitMs?: number;
  /** Runs one batch of one county; one result per item, in order. */
  readonly run: (county: string, items: readonly T[]) => Promise<readonly R[]>;
}

/**
 * One MicroBatcher per county. A county's batches run one at a time, in order, as before; the
 * batches of different counties run side by side, so a county whose dispatch waits (its rebalance
 * holds the lock, a slow solve) never holds up another county's referrals.
 */
export class CountyBatchers<T, R> {
  private readonly batchers = new Map<string, MicroBatcher<T, R>>();

  constructor(private readonly options: CountyBatchersOptions<T, R>) {}

  submit(county: string, item: T): Promise<R> {
    let batcher = this.batchers.get(county);
    if (!batcher) {
      batcher = new MicroBatcher<T, R>({
        ...(this.options.maxSize !== undefined ? { maxSize: this.options.maxSize } : {}),
        ...(this.options.maxWaitMs !== undefined ? { maxWaitMs: this.options.maxWaitMs } : {}),
        run: (items) => this.options.run(county, items),
      });
      this.batchers.set(county, batcher);
    }
    return batcher.submit(item);
  }

  /** Items submitted and not yet answered, all counties. */
  get size(): number {
    let n = 0;
    for (const b of this.batchers.values()) n += b.size;
    return n;
  }

  /** Resolves when every submitted item of every county has been answered. */
  async drain(): Promise<void> {
    await Promise.all([...this.batchers.values()].map((b) => b.drain()));
  }
}
