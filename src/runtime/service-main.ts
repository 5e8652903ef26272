import { parseArgs, UsageError } from './args';
import { nextSignal, startService, runUntilSignal, type RunningService } from './bootstrap';
import { RedisNotFoundError } from './redis-discovery';
import { ValidationError } from '../domain/errors';
import { generateCounty } from '../simulator/county';
import { MediatorRepo } from '../adapters/redis/mediator-repo';

const SERVE_USAGE = 'usage: tiaojie serve [--with-worker] [--seed]';
const WORKER_USAGE = 'usage: tiaojie worker';

/** Which parts of the service a process runs. */
export interface ServiceParts {
  readonly api: boolean;
  readonly worker: boolean;
  /** Load the simulated county's mediators into the default county first. @defaultValue false */
  readonly seed?: boolean;
}

/** Loads the simulated county's mediators into the default county (a newcomer's first run). */
async function seedCounty(service: RunningService): Promise<void> {
  const county = service.config.TIAOJIE_DEFAULT_COUNTY;
  const { mediators } = generateCounty();
  const { created, updated } = await new MediatorRepo(service.redis, county).upsert(mediators);
  service.log.info({ county, created, updated }, "seeded the simulated county's mediators");
}

/** Runs service parts until SIGTERM/SIGINT; startup problems become one line on stderr. */
export async function runService(parts: ServiceParts, name: string): Promise<number> {
  const signal = nextSignal();
  let service: RunningService;
  try {
    service = await startService(parts);
  } catch (err) {
    if (err instanceof RedisNotFoundError) {
      process.stderr.write(`tiaojie ${name}: ${err.message}\n`);
      return 1;
    }
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      process.stderr.write(`tiaojie ${name}: port ${process.env.PORT ?? 3000} is in use; set PORT to a free one\n`);
      return 1;
    }
    if (err instanceof ValidationError) {
      process.stderr.write(`tiaojie ${name}: bad configuration: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  if (parts.seed) await seedCounty(service);
  return runUntilSignal(service, signal);
}

/** A usage error becomes the message and the usage on stderr, exit code 2. */
async function withUsage(name: string, usage: string, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`tiaojie ${name}: ${err.message}\n${usage}\n`);
      return 2;
    }
    throw err;
  }
}

/** `serve [--with-worker] [--seed]`: the HTTP API, and with --with-worker everything `worker` runs too. */
export function serveMain(argv: readonly string[]): Promise<number> {
  return withUsage('serve', SERVE_USAGE, () => {
    const args = parseArgs(argv, [], ['with-worker', 'seed']);
    if (args.positionals.length > 0) throw new UsageError(SERVE_USAGE);
    return runService({ api: true, worker: args.flags.get('with-worker') === 'true', seed: args.flags.get('seed') === 'true' }, 'serve');
  });
}

/**
 * `worker`: every worker of the service without the HTTP API — dispatch, rebalance (on demand and
 * nightly), webhook relay and sender, legal clock (see `startService`).
 */
export function workerMain(argv: readonly string[]): Promise<number> {
  return withUsage('worker', WORKER_USAGE, () => {
    const args = parseArgs(argv, []);
    if (args.positionals.length > 0) throw new UsageError(WORKER_USAGE);
    return runService({ api: false, worker: true }, 'worker');
  });
}
