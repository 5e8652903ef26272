import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ThreadPool } from './thread-pool';
import type { RoutingJob, RoutingOutcome } from '../engine/solvers/flow/route-share';
import type { ComponentRouter } from '../engine/solvers/flow/threaded-flow';
import type { PortableNetwork } from '../engine/solvers/flow/shared-network';

/** Where the second router runs. */
export interface FlowThreadOptions {
  /** The thread's entry. @defaultValue the compiled `workers/flow-router-thread.js` */
  readonly filename?: string;
  /** Node flags for the thread (e.g. a TypeScript loader in tests). @defaultValue the process's own */
  readonly execArgv?: readonly string[];
}

/**
 * A second thread for the flow engine: a one-thread `ThreadPool`, started on first use and kept
 * (with its compiled code warm) for later solves, never keeping the process alive while idle. The
 * networks it sees live in the reused `SharedArena`, so what its idle heap still references costs
 * no extra memory. Run from TypeScript sources without a compiled worker (and no `filename`), it
 * refuses, and the solver routes on one thread.
 */
export class FlowThread implements ComponentRouter {
  private pool: ThreadPool | null = null;

  constructor(private readonly options: FlowThreadOptions = {}) {}

  /** Makes the thread a second router on the job; resolves when it has no component left to take. */
  route(network: PortableNetwork, job: RoutingJob): Promise<RoutingOutcome> {
    if (this.pool === null) {
      const filename = this.options.filename ?? join(__dirname, '..', '..', 'workers', 'flow-router-thread.js');
      if (!existsSync(filename)) return Promise.reject(new Error(`no flow worker at ${filename}`));
      const execArgv = this.options.execArgv;
      this.pool = new ThreadPool({ filename, unrefWhenIdle: true, ...(execArgv ? { execArgv } : {}) });
    }
    return this.pool.run<RoutingOutcome>({ network, job });
  }

  /** Stops the thread (a new one starts on next use). */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.close();
  }
}

/** The process's flow thread. */
export const flowThread = new FlowThread();
