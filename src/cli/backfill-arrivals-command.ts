import pino from 'pino';
import { PostgresReferralSource } from '../adapters/postgres/ledger-referrals';
import { RedisArrivalBackfill, RedisReferralSource } from '../adapters/redis/arrival-backfill';
import { loadConfig, type Config } from '../runtime/env';
import { openLedger, type OpenLedger } from '../runtime/ledger-runtime';
import { createLogger } from '../runtime/logger';
import { backfillArrivals, type BackfillOutcome, type ReferralSource } from '../use-cases/dispatch/arrival-backfill';
import { parseArgs, UsageError } from './args';
import { EXIT } from './exit-codes';
import { countyArg } from './county-input';
import { withServiceRedis } from './service-redis';

export interface BackfillArrivalsIo {
  /** @defaultValue process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** @defaultValue process.stdout */
  readonly out?: (text: string) => void;
}

/** The service's ledger, unless it has none (DATABASE_URL unset and DATABASE_EMBEDDED=off): then Redis alone is read. */
async function ledgerOf(config: Config): Promise<OpenLedger | null> {
  if (!config.DATABASE_URL && config.DATABASE_EMBEDDED === 'off') return null;
  return openLedger(config, createLogger('warn', pino.destination(2)));
}

function summary(county: string, outcome: BackfillOutcome, withLedger: boolean): string {
  const from = withLedger ? "Redis's cases and archive and the ledger" : "Redis's cases and archive (no ledger)";
  return `backfilled the arrival index of ${county} from ${from}: ${outcome.cases} referrals on ${outcome.counts} day-class counts, ${outcome.raised} raised\n`;
}

/**
 * `tiaojie backfill-arrivals --county C`: counts the county's referrals — the cases and archive
 * Redis holds, and every case of the ledger (evicted ones included) — into its arrival index, for
 * a county admitted before the index existed (issue 20). Idempotent: each day's count is raised to
 * what the records show, never added to, so running it again, or beside the intake, counts nothing
 * twice.
 */
export async function runBackfillArrivalsCommand(argv: readonly string[], io: BackfillArrivalsIo = {}): Promise<number> {
  const args = parseArgs(argv, ['county'], []);
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  const county = countyArg(args.flags.get('county'), '--county');
  const config = loadConfig(io.env ?? process.env);
  const ledger = await ledgerOf(config);
  try {
    const outcome = await withServiceRedis(config, (redis) => {
      const sources: ReferralSource[] = [new RedisReferralSource(redis, county)];
      if (ledger) sources.push(new PostgresReferralSource(ledger.db, county));
      return backfillArrivals({ sources, index: new RedisArrivalBackfill(redis, county) });
    });
    (io.out ?? ((t: string) => void process.stdout.write(t)))(summary(county, outcome, ledger !== null));
    return EXIT.ok;
  } finally {
    await ledger?.close();
  }
}
