import pino from 'pino';
import { PostgresHotStateSource } from '../adapters/postgres/ledger-hot-state';
import { PostgresReferralSource } from '../adapters/postgres/ledger-referrals';
import { RedisArrivalBackfill } from '../adapters/redis/arrival-backfill';
import { RedisHotStateRestore } from '../adapters/redis/hot-state-restore';
import { loadConfig } from '../runtime/env';
import { openLedger } from '../runtime/ledger-runtime';
import { createLogger } from '../runtime/logger';
import { rebuildHotState, type RebuildOutcome } from '../use-cases/ledger/rebuild-hot-state';
import { parseArgs, UsageError } from './args';
import { EXIT, InputError } from './exit-codes';
import { countyArg } from './county-input';
import { withServiceRedis } from './service-redis';

export interface RebuildHotStateIo {
  /** @defaultValue process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** @defaultValue process.stdout */
  readonly out?: (text: string) => void;
}

function summary(county: string, outcome: Extract<RebuildOutcome, { status: 'rebuilt' }>): string {
  const profile = outcome.registered ? 'its registered profile and settings' : 'no registered profile';
  return `rebuilt the hot state of ${county} from the ledger: ${outcome.cases} cases, ${outcome.mediators} mediators, ${outcome.summonses} summonses, ${profile}, ${outcome.users} user accounts; arrival index counts ${outcome.arrivals} referrals\n`;
}

/**
 * `tiaojie rebuild-hot-state --county C [--replace]`: restores a county's hot state in Redis (the
 * service's REDIS_URL or its private redis-server) from the ledger (DATABASE_URL or the embedded
 * default under DATA_DIR, as the service finds it). Refuses (exit 1)
 * when Redis holds cases of the county already, unless `--replace`.
 */
export async function runRebuildHotStateCommand(argv: readonly string[], io: RebuildHotStateIo = {}): Promise<number> {
  const args = parseArgs(argv, ['county'], ['replace']);
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  const county = countyArg(args.flags.get('county'), '--county');
  const replace = args.flags.get('replace') === 'true';
  const config = loadConfig(io.env ?? process.env);
  // The service's ledger: DATABASE_URL, else the embedded default of DATA_DIR (the service stopped).
  const ledger = await openLedger(config, createLogger('warn', pino.destination(2)));
  const db = ledger.db;
  try {
    const outcome = await withServiceRedis(config, (redis) =>
      rebuildHotState(
        {
          ledger: new PostgresHotStateSource(db, county),
          redis: new RedisHotStateRestore(redis, county),
          arrivals: { source: new PostgresReferralSource(db, county), index: new RedisArrivalBackfill(redis, county) },
        },
        { replace },
      ),
    );
    if (outcome.status === 'occupied')
      throw new InputError(
        `Redis already holds ${outcome.cases} cases of ${county}: nothing written; --replace overwrites them with the ledger's copy`,
      );
    (io.out ?? ((t: string) => void process.stdout.write(t)))(summary(county, outcome));
    return EXIT.ok;
  } finally {
    await ledger.close();
  }
}
