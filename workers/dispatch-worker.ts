/**
 * Process entry point: the service's workers without the API (same as `tiaojie worker`): dispatch,
 * rebalance (on demand and nightly), webhook relay and sender, legal clock.
 */
import { runWorkerCommand } from '../src/cli/worker-command';

runWorkerCommand(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`tiaojie worker: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
