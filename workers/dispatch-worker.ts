/** Process entry point: the dispatch worker alone (same as `tiaojie worker`). */
import { runWorkerCommand } from '../src/cli/worker-command';

runWorkerCommand(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`tiaojie worker: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
