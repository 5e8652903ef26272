import { serveMain } from '../runtime/service-main';

/** `tiaojie serve [--with-worker] [--seed]`: the HTTP API, and with --with-worker everything `tiaojie worker` runs too. */
export function runServeCommand(argv: readonly string[]): Promise<number> {
  return serveMain(argv);
}
