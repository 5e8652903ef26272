import { stat } from 'node:fs/promises';
import { loadDispatchConfig } from '../domain/config/load';
import { AppError } from '../domain/errors';
import { RedisCountyRegistry } from '../adapters/redis/county-registry';
import { loadConfig } from '../runtime/env';
import { addCounty, listCounties, setCountyStatus, type CountyAddOutcome, type CountySummary } from '../use-cases/counties/register-county';
import { parseArgs, UsageError } from './args';
import { EXIT, InputError } from './exit-codes';
import { withServiceRedis } from './service-redis';
import { runRosterImport } from './county-roster';
import { addCountyDir } from './county-dir';
import { asInputError, countyArg, readInput } from './county-input';

/** What the command reads and writes: the process's own, or a test's. */
export interface CountyCommandIo {
  /** @defaultValue process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** @defaultValue process.stdout */
  readonly out?: (text: string) => void;
  /** Read for `-`. @defaultValue process.stdin */
  readonly stdin?: NodeJS.ReadableStream;
  /** The time recorded as `updatedAt`. @defaultValue now */
  readonly now?: Date;
}

const ACTIONS = ['add', 'list', 'disable', 'enable', 'roster'] as const;

function addSummary(source: string, o: CountyAddOutcome): string {
  if (o.outcome === 'updated') return `county ${o.county} updated from ${source}: ${o.fields.join(', ')}\n`;
  return `county ${o.county} ${o.outcome === 'created' ? 'added' : 'unchanged'} from ${source}\n`;
}

function listTable(counties: readonly CountySummary[]): string {
  if (counties.length === 0) return 'no counties registered (every county runs on the embedded Shandan configuration)\n';
  const rows = counties.map(
    (c) =>
      `${c.id}\t${c.status}\tv${c.version}\t${c.townships} townships\t${c.villages} villages\t${c.population} people\t${c.name.en} / ${c.name.zh}`,
  );
  return `${rows.join('\n')}\n`;
}

/**
 * `tiaojie county add|list|disable|enable|roster` (issue 21): provisions counties in the Redis the
 * service uses. Bad input is exit 1 naming the field (or line and column) and the reason, with
 * nothing written; a wrong command line exit 2.
 */
export async function runCountyCommand(argv: readonly string[], io: CountyCommandIo = {}): Promise<number> {
  const args = parseArgs(argv, ['county']);
  const [action, target, ...extra] = args.positionals;
  if (action === undefined || !(ACTIONS as readonly string[]).includes(action))
    throw new UsageError(`say what to do: ${ACTIONS.join(', ')}`);
  const out = io.out ?? ((t: string) => void process.stdout.write(t));
  const now = io.now ?? new Date();
  const config = loadConfig(io.env ?? process.env);
  if (action === 'list') {
    if (target !== undefined) throw new UsageError(`unexpected argument "${target}"`);
    out(listTable(await withServiceRedis(config, (redis) => listCounties(new RedisCountyRegistry(redis)))));
    return EXIT.ok;
  }
  if (action === 'disable' || action === 'enable') {
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
    const county = countyArg(target, action);
    const status = action === 'disable' ? 'disabled' : 'active';
    const r = await withServiceRedis(config, (redis) => setCountyStatus(new RedisCountyRegistry(redis), county, status, now)).catch(
      (err: unknown) => {
        throw err instanceof AppError && err.code === 'not_found' ? new InputError(`county ${county} is not registered`) : err;
      },
    );
    out(`county ${county} ${r.status}${r.changed ? '' : ' (already)'}\n`);
    return EXIT.ok;
  }
  if (action === 'roster') return runRosterImport(args, config, { out, stdin: io.stdin ?? process.stdin });
  if (target === undefined) throw new UsageError('name the profile file, or - for stdin');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const id = args.flags.has('county') ? countyArg(args.flags.get('county'), '--county') : undefined;
  if (target !== '-' && (await stat(target)).isDirectory()) {
    if (id !== undefined) throw new UsageError('--county names one county: not with a directory of profiles');
    return addCountyDir(target, config, { out, now });
  }
  const source = target === '-' ? 'stdin' : target;
  let raw: unknown;
  try {
    raw = JSON.parse(await readInput(target, io.stdin ?? process.stdin));
  } catch (err) {
    if (err instanceof SyntaxError) throw new InputError(`${source}: malformed JSON: ${err.message}`);
    throw err;
  }
  const tierRules = loadDispatchConfig().tierRules;
  const outcome = await withServiceRedis(config, (redis) =>
    addCounty(new RedisCountyRegistry(redis), raw, { tierRules, now, ...(id ? { id } : {}) }).catch((err: unknown) => {
      throw asInputError(source, err);
    }),
  );
  out(addSummary(source, outcome));
  return EXIT.ok;
}
