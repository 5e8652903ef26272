import { Worker } from 'node:worker_threads';

/** Options of a ThreadPool. */
export interface ThreadPoolOptions {
  /** The thread's entry file (compiled .js, or .ts with a loader in `execArgv`). */
  readonly filename: string;
  /** @defaultValue 1 */
  readonly size?: number;
  /** Passed to each thread as `workerData`. */
  readonly workerData?: unknown;
  /** Node flags for the threads. @defaultValue the process's own (`process.execArgv`) */
  readonly execArgv?: readonly string[];
  /** Idle threads do not keep the process alive (for a pool a library keeps between calls). @defaultValue false */
  readonly unrefWhenIdle?: boolean;
}

interface Call {
  readonly resolve: (v: unknown) => void;
  readonly reject: (e: unknown) => void;
}

/** Message protocol between pool and thread. */
export type ThreadRequest = { readonly id: number; readonly task: unknown };
export type ThreadReply =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly error: string; readonly code?: string };

/** The error a call is rejected with: the thread's message, and its AppError code when it had one. */
export class ThreadCallError extends Error {
  override readonly name = 'ThreadCallError';
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/**
 * A fixed set of worker threads answering tasks by id, so CPU-heavy solves never block the event
 * loop that renews BullMQ job locks. A thread that dies is replaced and its calls rejected
 * (the jobs are then retried by BullMQ).
 */
export class ThreadPool {
  private readonly threads: Worker[] = [];
  private readonly calls = new Map<number, { call: Call; thread: Worker }>();
  private nextId = 1;
  private next = 0;
  private closing = false;

  constructor(private readonly options: ThreadPoolOptions) {
    for (let i = 0; i < (options.size ?? 1); i++) this.threads.push(this.spawn());
  }

  run<R>(task: unknown): Promise<R> {
    if (this.closing) return Promise.reject(new Error('thread pool is closed'));
    const thread = this.threads[this.next++ % this.threads.length];
    if (thread === undefined) return Promise.reject(new Error('thread pool has no threads'));
    const id = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      this.calls.set(id, { call: { resolve: resolve as (v: unknown) => void, reject }, thread });
      if (this.options.unrefWhenIdle) thread.ref();
      thread.postMessage({ id, task } satisfies ThreadRequest);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.threads.map((t) => t.terminate()));
  }

  private spawn(): Worker {
    // Without explicit flags the thread inherits the process's (e.g. a TypeScript loader).
    const thread = new Worker(this.options.filename, {
      workerData: this.options.workerData,
      ...(this.options.execArgv ? { execArgv: [...this.options.execArgv] } : {}),
    });
    thread.on('message', (reply: ThreadReply) => {
      const entry = this.calls.get(reply.id);
      if (!entry) return;
      this.calls.delete(reply.id);
      this.unrefIfIdle(thread);
      if (reply.ok) entry.call.resolve(reply.result);
      else entry.call.reject(new ThreadCallError(reply.error, reply.code));
    });
    const fail = (err: Error): void => {
      for (const [id, entry] of this.calls) {
        if (entry.thread !== thread) continue;
        this.calls.delete(id);
        entry.call.reject(err);
      }
      if (this.closing) return;
      const at = this.threads.indexOf(thread);
      if (at >= 0) this.threads[at] = this.spawn();
    };
    thread.on('error', fail);
    thread.on('exit', (code) => {
      if (!this.closing) fail(new Error(`solve thread exited with code ${code}`));
    });
    this.unrefIfIdle(thread);
    return thread;
  }

  private unrefIfIdle(thread: Worker): void {
    if (!this.options.unrefWhenIdle) return;
    for (const entry of this.calls.values()) if (entry.thread === thread) return;
    thread.unref();
  }
}
