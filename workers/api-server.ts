/** Process entry point: the HTTP API (same as `tiaojie serve`; pass --with-worker for both). */
import { runServeCommand } from '../src/cli/serve-command';

runServeCommand(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`tiaojie serve: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
