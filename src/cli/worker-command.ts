import { workerMain } from '../runtime/service-main';

/**
 * `tiaojie worker`: every worker of the service without the HTTP API — dispatch, rebalance (on
 * demand and nightly), webhook relay and sender, legal clock (see `startService`).
 */
export function runWorkerCommand(argv: readonly string[]): Promise<number> {
  return workerMain(argv);
}
