import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { INSTALLATION_SCOPE } from '../domain/access';
import { ROLES, parseApiKeys, type ApiKey, type Config } from './env';
import type { Logger } from './logger';

/** The field of api-keys.json holding the installation admin's key (bull-board, /metrics). */
const INSTALLATION_FIELD = 'installation';

const newKey = (name: string): string => `tj_${name}_${randomBytes(18).toString('base64url')}`;

/** Writes the file with mode 600: it holds secrets. */
function save(file: string, keys: Readonly<Record<string, string>>): void {
  writeFileSync(file, JSON.stringify(keys, null, 2) + '\n', { mode: 0o600 });
}

/**
 * The API keys: from TIAOJIE_API_KEYS, or — for a first run on a developer machine — one key per
 * role for the default county plus one installation admin key (county "*"), generated once into
 * DATA_DIR/api-keys.json (mode 600) and reused. A file from before the installation key existed
 * gets one added.
 */
export function resolveApiKeys(config: Config, log: Logger): ApiKey[] {
  if (config.TIAOJIE_API_KEYS) return parseApiKeys(config.TIAOJIE_API_KEYS);
  const dir = resolve(config.DATA_DIR);
  const file = join(dir, 'api-keys.json');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    save(file, { county: config.TIAOJIE_DEFAULT_COUNTY, ...Object.fromEntries(ROLES.map((role) => [role, newKey(role)])) });
  }
  const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  if (!saved[INSTALLATION_FIELD]) save(file, { ...saved, [INSTALLATION_FIELD]: newKey(INSTALLATION_FIELD) });
  const keys = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  const county = keys.county ?? config.TIAOJIE_DEFAULT_COUNTY;
  log.warn(
    { file, county },
    `TIAOJIE_API_KEYS is not set: using the development keys in this file (one per role for the county; "${INSTALLATION_FIELD}" for bull-board and /metrics)`,
  );
  const countyKeys = ROLES.filter((r) => keys[r]).map((role) => ({ key: keys[role], role, county, label: `dev-${role}` }));
  const installation = { key: keys[INSTALLATION_FIELD], role: 'admin', county: INSTALLATION_SCOPE, label: 'dev-installation-admin' };
  return parseApiKeys(JSON.stringify([...countyKeys, installation]));
}
