import { readFile } from 'node:fs/promises';
import { CountyIdSchema } from '../domain/access';
import { ValidationError } from '../domain/errors';
import { RedisCourtFigures } from '../adapters/redis/court-figures-repo';
import { loadConfig } from '../runtime/env';
import { parseCourtFiguresCsv } from '../use-cases/court-figures/court-figures-csv';
import { recordCourtFigures, type CourtImportOutcome } from '../use-cases/court-figures/import-court-figures';
import { parseArgs, UsageError } from './args';
import { EXIT, InputError } from './exit-codes';
import { withServiceRedis } from './service-redis';

/** What the command reads and writes: the process's own, or a test's. */
export interface ImportCommandIo {
  /** @defaultValue process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** @defaultValue process.stdout */
  readonly out?: (text: string) => void;
  /** The time recorded as `updatedAt`. @defaultValue now */
  readonly now?: Date;
}

const KINDS = ['court-figures'] as const;

function summary(file: string, county: string, o: CourtImportOutcome): string {
  const lines = [
    `imported ${file} into county ${county}: ${o.created.length} new, ${o.updated.length} updated, ${o.unchanged.length} unchanged`,
  ];
  if (o.created.length > 0) lines.push(`  new: ${o.created.join(' ')}`);
  for (const u of o.updated) lines.push(`  updated ${u.month}: ${u.fields.join(', ')}`);
  if (o.unchanged.length > 0) lines.push(`  unchanged: ${o.unchanged.join(' ')}`);
  return lines.join('\n') + '\n';
}

/**
 * `tiaojie import court-figures FILE [--county C]`: the court's monthly figures from a CSV into the
 * Redis the service uses. Every row is checked first; one bad row (reported with its line and
 * column) and nothing is written (exit 1). Idempotent per month.
 */
export async function runImportCommand(argv: readonly string[], io: ImportCommandIo = {}): Promise<number> {
  const args = parseArgs(argv, ['county']);
  const [kind, file, ...extra] = args.positionals;
  if (kind === undefined || !(KINDS as readonly string[]).includes(kind)) throw new UsageError(`say what to import: ${KINDS.join(', ')}`);
  if (file === undefined) throw new UsageError('name the CSV file');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const config = loadConfig(io.env ?? process.env);
  const rawCounty = args.flags.get('county');
  const parsedCounty = rawCounty === undefined ? undefined : CountyIdSchema.safeParse(rawCounty);
  if (parsedCounty && !parsedCounty.success) throw new UsageError(`--county: ${parsedCounty.error.issues[0]?.message ?? 'invalid'}`);
  const county = parsedCounty?.data ?? config.TIAOJIE_DEFAULT_COUNTY;
  let months;
  try {
    months = parseCourtFiguresCsv(await readFile(file, 'utf8'));
  } catch (err) {
    if (err instanceof ValidationError)
      throw new InputError(`${file}: nothing imported; ${err.issues.map((i) => `${i.field}: ${i.reason}`).join('; ')}`);
    throw err;
  }
  const outcome = await withServiceRedis(config, (redis) =>
    recordCourtFigures(new RedisCourtFigures(redis, county), months, io.now ?? new Date()),
  );
  (io.out ?? ((t: string) => void process.stdout.write(t)))(summary(file, county, outcome));
  return EXIT.ok;
}
