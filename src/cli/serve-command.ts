import { parseArgs, UsageError } from './args';
import { nextSignal, startService, runUntilSignal, type RunningService } from '../runtime/bootstrap';
import { RedisNotFoundError } from '../runtime/redis-discovery';
import { ValidationError } from '../domain/errors';
import { generateCounty } from '../simulator/county';
import { MediatorRepo } from '../adapters/redis/mediator-repo';

const SERVE_USAGE = 'usage: tiaojie serve [--with-worker] [--seed]';

/** Loads the simulated county's mediators into the default county (a newcomer's first run). */
async function seedCounty(service: RunningService): Promise<void> {
  const county = service.config.TIAOJIE_DEFAULT_COUNTY;
  const { mediators } = generateCounty();
  const { created, updated } = await new MediatorRepo(service.redis, county).upsert(mediators);
  service.log.info({ county, created, updated }, 'seeded the simulated county\'s mediators');
}

/** Runs service parts until SIGTERM/SIGINT; startup problems become one line on stderr. */
export async function runService(parts: { api: boolean; worker: boolean; seed?: boolean }, name: string): Promise<number> {
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

/** `tiaojie serve [--with-worker] [--seed]`: the HTTP API, and with --with-worker everything `tiaojie worker` runs too. */
export async function runServeCommand(argv: readonly string[]): Promise<number> {
  try {
    const args = parseArgs(argv, [], ['with-worker', 'seed']);
    if (args.positionals.length > 0) throw new UsageError(SERVE_USAGE);
    return await runService({ api: true, worker: args.flags.get('with-worker') === 'true', seed: args.flags.get('seed') === 'true' }, 'serve');
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`tiaojie serve: ${err.message}\n${SERVE_USAGE}\n`);
      return 2;
    }
    throw err;
  }
}
