/** Options of a MicroBatcher. */
export interface MicroBatcherOptions<T, R> {
  /** Items run together at most. @defaultValue 64 */
  readonly maxSize?: number;
  /** Longest an item waits for its batch to fill, in ms. @defaultValue 20 */
  readonly maxWaitMs?: number;
  /**
   * Runs one batch; returns one result per item, in order. A thrown error rejects every item of
   * the batch (each caller decides whether to retry).
   */
  readonly run: (items: readonly T[]) => Promise<readonly R[]>;
}

interface Pending<T, R> {
  readonly item: T;
  readonly resolve: (r: R) => void;
  readonly reject: (e: unknown) => void;
}

/**
 * Collects items submitted one by one into batches of up to `maxSize`, flushing a partial batch
 * `maxWaitMs` after its first item arrived. Batches run one at a time, in submission order; items
 * submitted while a batch runs form the next one.
 */
export class MicroBatcher<T, R> {
  private readonly maxSize: number;
  private readonly maxWaitMs: number;
  private queue: Pending<T, R>[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private inFlight = 0;

  constructor(private readonly options: MicroBatcherOptions<T, R>) {
    this.maxSize = options.maxSize ?? 64;
    this.maxWaitMs = options.maxWaitMs ?? 20;
  }

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.queue.length >= this.maxSize) this.flush();
      else if (!this.timer) this.timer = setTimeout(() => this.flush(), this.maxWaitMs);
    });
  }

  /** Items submitted and not yet answered. */
  get size(): number {
    return this.queue.length + this.inFlight;
  }

  /** Starts a batch now with what is waiting. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxSize);
      this.inFlight += batch.length;
      this.running = this.running.then(() => this.runBatch(batch));
    }
  }

  /** Resolves when every submitted item has been answered. */
  async drain(): Promise<void> {
    this.flush();
    await this.running;
  }

  private async runBatch(batch: readonly Pending<T, R>[]): Promise<void> {
    try {
      const results = await this.options.run(batch.map((p) => p.item));
      // A broken `run` contract is a bug: a plain Error, so its callers answer 500.
      if (results.length !== batch.length) throw new Error(`batch returned ${results.length} results for ${batch.length} items`);
      results.forEach((r, i) => batch[i]?.resolve(r));
    } catch (err) {
      for (const p of batch) p.reject(err);
    } finally {
      this.inFlight -= batch.length;
    }
  }
}
