import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROLES, parseApiKeys, type ApiKey, type Config } from './env';
import type { Logger } from './logger';

/**
 * The API keys: from TIAOJIE_API_KEYS, or — for a first run on a developer machine — one key per
 * role for the default county, generated once into DATA_DIR/api-keys.json (mode 600) and reused.
 */
export function resolveApiKeys(config: Config, log: Logger): ApiKey[] {
  if (config.TIAOJIE_API_KEYS) return parseApiKeys(config.TIAOJIE_API_KEYS);
  const dir = resolve(config.DATA_DIR);
  const file = join(dir, 'api-keys.json');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const byRole = Object.fromEntries(ROLES.map((role) => [role, `tj_${role}_${randomBytes(18).toString('base64url')}`]));
    writeFileSync(file, JSON.stringify({ county: config.TIAOJIE_DEFAULT_COUNTY, ...byRole }, null, 2) + '\n', { mode: 0o600 });
  }
  const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  const county = saved.county ?? config.TIAOJIE_DEFAULT_COUNTY;
  log.warn({ file, county }, 'TIAOJIE_API_KEYS is not set: using the development keys in this file (one per role)');
  return parseApiKeys(
    JSON.stringify(ROLES.filter((r) => saved[r]).map((role) => ({ key: saved[role], role, county, label: `dev-${role}` }))),
  );
}
