import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RoutingJob, RoutingOutcome } from './route-share';
import type { PortableNetwork } from './shared-network';

interface Pending {
  readonly resolve: (outcome: RoutingOutcome) => void;
  readonly reject: (error: Error) => void;
}

/** The compiled worker next to this module, or (running from TypeScript sources, as the tests do) a loader that compiles it with @swc/core. */
function startWorker(): Worker {
  const compiled = join(__dirname, 'flow-worker.js');
  if (existsSync(compiled)) return new Worker(compiled);
  const loader = `
    const { readFileSync } = require('node:fs');
    const { workerData } = require('node:worker_threads');
    const { transformSync } = require(workerData.swc);
    require.extensions['.ts'] = (m, filename) => m._compile(transformSync(readFileSync(filename, 'utf8'), {
      filename, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' },
    }).code, filename);
    require(workerData.source);`;
  return new Worker(loader, { eval: true, workerData: { swc: require.resolve('@swc/core'), source: join(__dirname, 'flow-worker.ts') } });
}

/** One worker thread and the solves it is helping with. */
interface Helper {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
}

/**
 * A second thread for the flow engine, started on first use and kept (with its compiled code
 * warm) for later solves; it never keeps the process alive while idle. The networks it sees live
 * in the reused `SharedArena`, so what its idle heap still references costs no extra memory. A
 * worker that fails rejects what it was doing, and the next use starts a fresh one.
 */
export class FlowThread {
  private helper: Helper | null = null;
  private nextId = 1;

  /** Makes the thread a second router on the job; resolves when it has no component left to take. */
  route(network: PortableNetwork, job: RoutingJob): Promise<RoutingOutcome> {
    const helper = this.helper ?? this.start();
    const id = this.nextId++;
    helper.worker.ref();
    return new Promise((resolve, reject) => {
      helper.pending.set(id, { resolve, reject });
      helper.worker.postMessage({ id, network, job });
    });
  }

  /** Stops the thread (a new one starts on next use). */
  async close(): Promise<void> {
    const helper = this.helper;
    this.helper = null;
    if (helper) await helper.worker.terminate();
  }

  private start(): Helper {
    const helper: Helper = { worker: startWorker(), pending: new Map() };
    const { worker, pending } = helper;
    worker.on('message', (message: { id: number; outcome: RoutingOutcome }) => {
      const p = pending.get(message.id);
      pending.delete(message.id);
      if (pending.size === 0) worker.unref();
      p?.resolve(message.outcome);
    });
    const fail = (error: Error): void => {
      if (this.helper === helper) this.helper = null;
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`flow worker thread exited (code ${code})`)));
    worker.unref();
    this.helper = helper;
    return helper;
  }
}

/** The process's flow thread. */
export const flowThread = new FlowThread();
