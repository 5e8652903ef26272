import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkCountyProfile, type CountyProfile } from '../domain/config/county-profile';
import { dispatchConfigFor, loadDispatchConfig } from '../domain/config/load';
import type { Mediator } from '../domain';
import { ValidationError } from '../domain/errors';
import { RedisCountyRegistry } from '../adapters/redis/county-registry';
import { MediatorRepo } from '../adapters/redis/mediator-repo';
import type { Config } from '../runtime/env';
import { addCounty } from '../use-cases/counties/register-county';
import { checkRoster, importRoster } from '../use-cases/counties/import-roster';
import { parseRosterJson } from '../use-cases/counties/roster-csv';
import { InputError } from './exit-codes';
import { withServiceRedis } from './service-redis';

const PROFILE = '.profile.json';
const ROSTER = '.roster.json';

interface Checked {
  readonly profile: CountyProfile;
  readonly roster?: readonly Mediator[];
}

async function jsonOf(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    if (err instanceof SyntaxError) throw new ValidationError([{ field: '(root)', reason: `malformed JSON: ${err.message}` }]);
    throw err;
  }
}

/** One county's files checked: the profile, and its roster against that profile; problems as `file: field: reason`. */
async function checkFiles(dir: string, name: string, rosters: ReadonlySet<string>, problems: string[]): Promise<Checked | undefined> {
  const id = name.slice(0, -PROFILE.length);
  const file = join(dir, name);
  const describe = (f: string, err: unknown): string[] =>
    err instanceof ValidationError ? err.issues.slice(0, 3).map((i) => `${f}: ${i.field}: ${i.reason}`) : [`${f}: ${String(err)}`];
  let checked;
  try {
    checked = checkCountyProfile(await jsonOf(file), loadDispatchConfig().tierRules);
  } catch (err) {
    problems.push(...describe(file, err));
    return undefined;
  }
  if (!checked.ok) {
    problems.push(...checked.issues.slice(0, 3).map((i) => `${file}: ${i.field}: ${i.reason}`));
    return undefined;
  }
  if (!rosters.has(`${id}${ROSTER}`)) return { profile: checked.profile };
  const rosterFile = join(dir, `${id}${ROSTER}`);
  try {
    const roster = checkRoster(parseRosterJson(await jsonOf(rosterFile)), dispatchConfigFor(checked.profile));
    return { profile: checked.profile, roster };
  } catch (err) {
    problems.push(...describe(rosterFile, err));
    return undefined;
  }
}

/**
 * `tiaojie county add DIR`: every `<id>.profile.json` of the directory, each with its
 * `<id>.roster.json` when there is one (what `tiaojie generate --province` writes), in one process
 * and one connection. Every file is checked first: any problem, and nothing is written (exit 1).
 */
export async function addCountyDir(
  dir: string,
  config: Config,
  io: { readonly out: (t: string) => void; readonly now: Date },
): Promise<number> {
  const names = (await readdir(dir)).sort();
  const profiles = names.filter((n) => n.endsWith(PROFILE));
  if (profiles.length === 0) throw new InputError(`${dir}: no <id>${PROFILE} files`);
  const rosters = new Set(names.filter((n) => n.endsWith(ROSTER)));
  const problems: string[] = [];
  const counties: Checked[] = [];
  for (const name of profiles) {
    const c = await checkFiles(dir, name, rosters, problems);
    if (c) counties.push(c);
  }
  if (problems.length > 0) {
    const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : '';
    throw new InputError(`${dir}: nothing written; ${problems.slice(0, 5).join('; ')}${more}`);
  }
  const tierRules = loadDispatchConfig().tierRules;
  await withServiceRedis(config, async (redis) => {
    const registry = new RedisCountyRegistry(redis);
    for (const c of counties) {
      const added = await addCounty(registry, c.profile, { tierRules, now: io.now });
      const r = c.roster ? await importRoster(new MediatorRepo(redis, added.county), c.roster) : undefined;
      const roster = r ? `; roster ${r.created.length} new, ${r.updated.length} updated, ${r.unchanged.length} unchanged` : '';
      io.out(`county ${added.county} ${added.outcome === 'created' ? 'added' : added.outcome}${roster}\n`);
    }
  });
  return 0;
}
