import { parseArgs, UsageError } from './args';
import { runService } from './serve-command';

const WORKER_USAGE = 'usage: tiaojie worker';

/**
 * `tiaojie worker`: every worker of the service without the HTTP API — dispatch, rebalance (on
 * demand and nightly), webhook relay and sender, legal clock (see `startService`).
 */
export async function runWorkerCommand(argv: readonly string[]): Promise<number> {
  try {
    const args = parseArgs(argv, []);
    if (args.positionals.length > 0) throw new UsageError(WORKER_USAGE);
    return await runService({ api: false, worker: true }, 'worker');
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`tiaojie worker: ${err.message}\n${WORKER_USAGE}\n`);
      return 2;
    }
    throw err;
  }
}
