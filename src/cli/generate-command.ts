import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Referral } from '../domain';
import { DEFAULT_SEED, generateCounty } from '../simulator/county';
import { referralsForDay } from '../simulator/referrals';
import { Rng } from '../domain/random';
import { numberFlag, parseArgs, UsageError } from './args';
import { DAY_MS } from '../domain/time';
import { writeProvince } from './generate-province';

/**
 * `tiaojie generate`: a simulated county as JSON — configuration, 555 mediators and N days of
 * referrals (the same stream `tiaojie demo` dispatches for the same seed) — ready to load into the
 * service. `--with-truth` adds the hidden true skills (simulation only).
 */
export async function runGenerateCommand(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, ['seed', 'days', 'out', 'start', 'province'], ['with-truth']);
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  const seed = numberFlag(args, 'seed', DEFAULT_SEED);
  if (args.flags.has('province')) {
    const counties = numberFlag(args, 'province', 1);
    const out = args.flags.get('out');
    if (!Number.isInteger(counties) || counties > 3000) throw new UsageError('--province must be a whole number from 1 to 3000');
    if (!Number.isInteger(seed)) throw new UsageError('--seed must be a whole number');
    if (!out) throw new UsageError('--province needs --out DIR (a profile and a roster file per county)');
    process.stderr.write(`tiaojie generate: ${await writeProvince(counties, seed, out)}\n`);
    return 0;
  }
  const days = numberFlag(args, 'days', 1);
  if (!Number.isInteger(seed) || !Number.isInteger(days)) throw new UsageError('--seed and --days must be whole numbers');
  const startRaw = args.flags.get('start');
  const start = startRaw ? new Date(`${startRaw}T00:00:00.000Z`) : undefined;
  if (start && Number.isNaN(start.getTime())) throw new UsageError(`--start must be a date YYYY-MM-DD, got "${startRaw}"`);
  const county = generateCounty({ seed, ...(start ? { start } : {}) });
  const rng = new Rng(seed);
  const ctx = { config: county.config, params: county.params, mediators: county.mediators };
  const referrals: Referral[] = [];
  for (let d = 0; d < days; d++) {
    referrals.push(...referralsForDay(new Date(county.start.getTime() + d * DAY_MS), ctx, rng.fork(`referrals-${d}`)));
  }
  const doc = {
    seed,
    start: county.start.toISOString(),
    days,
    county: county.config.county,
    organizations: county.config.organizations,
    mediators: county.mediators,
    referrals,
    ...(args.flags.get('with-truth') === 'true' ? { hiddenTrueSkill: Object.fromEntries(county.trueSkill) } : {}),
  };
  const text = JSON.stringify(doc, null, 1) + '\n';
  const out = args.flags.get('out');
  if (out) {
    const path = resolve(out);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
    process.stderr.write(
      `tiaojie generate: ${county.mediators.length} mediators, ${referrals.length} referrals over ${days} day(s) → ${path}\n`,
    );
  } else {
    process.stdout.write(text);
  }
  return 0;
}
