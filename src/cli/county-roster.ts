import { extname } from 'node:path';
import { loadDispatchConfig } from '../domain/config/load';
import { ValidationError } from '../domain/errors';
import { RedisCountyRegistry } from '../adapters/redis/county-registry';
import { MediatorRepo } from '../adapters/redis/mediator-repo';
import type { Config } from '../runtime/env';
import type { ParsedArgs } from './args';
import { UsageError } from './args';
import { EXIT } from './exit-codes';
import { withServiceRedis } from './service-redis';
import { CountyConfigs } from '../use-cases/counties/county-configs';
import { checkRoster, importRoster, type RosterImportOutcome } from '../use-cases/counties/import-roster';
import { parseRosterCsv, parseRosterJson, type RosterRow } from '../use-cases/counties/roster-csv';
import { asInputError, countyArg, readInput } from './county-input';

/** CSV by the file's extension (`.csv`), or for stdin when the text does not open with `[` or `{`. */
function rowsOf(file: string, text: string): RosterRow[] {
  const csv = file === '-' ? !/^\s*[[{]/.test(text) : extname(file).toLowerCase() === '.csv';
  if (csv) return parseRosterCsv(text);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ValidationError([{ field: '(root)', reason: `malformed JSON: ${(err as Error).message}` }]);
  }
  return parseRosterJson(value);
}

function summary(source: string, county: string, o: RosterImportOutcome): string {
  const lines = [
    `imported ${source} into county ${county}: ${o.created.length} new, ${o.updated.length} updated, ${o.unchanged.length} unchanged`,
  ];
  for (const u of o.updated.slice(0, 20)) lines.push(`  updated ${u.id}: ${u.fields.join(', ')}`);
  if (o.updated.length > 20) lines.push(`  … and ${o.updated.length - 20} more updated`);
  return lines.join('\n') + '\n';
}

/**
 * `tiaojie county roster C FILE.csv|FILE.json|-`: the county's mediators, every row checked against
 * the schema and the county's geography first (its registered profile, or the embedded one).
 */
export async function runRosterImport(
  args: ParsedArgs,
  config: Config,
  io: { readonly out: (t: string) => void; readonly stdin: NodeJS.ReadableStream },
): Promise<number> {
  const [, rawCounty, file, ...extra] = args.positionals;
  const county = countyArg(rawCounty, 'roster');
  if (file === undefined) throw new UsageError('name the roster file (.csv or .json), or - for stdin');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const source = file === '-' ? 'stdin' : file;
  const text = await readInput(file, io.stdin);
  const outcome = await withServiceRedis(config, async (redis) => {
    const { config: countyConfig } = await new CountyConfigs(new RedisCountyRegistry(redis), loadDispatchConfig()).of(county);
    let mediators;
    try {
      mediators = checkRoster(rowsOf(file, text), countyConfig);
    } catch (err) {
      throw asInputError(source, err);
    }
    return importRoster(new MediatorRepo(redis, county), mediators);
  });
  io.out(summary(source, county, outcome));
  return EXIT.ok;
}
