import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { resolveApiKeys } from '../../../src/runtime/api-keys';
import { loadConfig } from '../../../src/runtime/env';

describe('development keys', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'tiaojie-keys-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const resolve = () => resolveApiKeys(loadConfig({ DATA_DIR: dir, TIAOJIE_DEFAULT_COUNTY: 'demo' }), pino({ level: 'silent' }));

  test('when none exist, then one key per role of the default county and one installation admin key are written (mode 600)', () => {
    const keys = resolve();
    expect(keys.map((k) => `${k.role}@${k.county}`).sort()).toEqual([
      'admin@*',
      'admin@demo',
      'court@demo',
      'dispatcher@demo',
      'viewer@demo',
    ]);
    const file = join(dir, 'api-keys.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    expect(keys.find((k) => k.county === '*')?.key).toBe(saved.installation);
    expect(resolve()).toEqual(keys); // reused, not regenerated
  });

  test('when a file from before the installation key exists, then its keys stay and an installation key is added', () => {
    const old = { county: 'demo', court: 'tj_court_aaaaaaaaaaaaaaaa', admin: 'tj_admin_aaaaaaaaaaaaaaaa' };
    writeFileSync(join(dir, 'api-keys.json'), JSON.stringify(old));
    const keys = resolve();
    expect(keys.find((k) => k.role === 'court')?.key).toBe(old.court);
    expect(keys.find((k) => k.county === '*')?.key).toMatch(/^tj_installation_/);
  });
});
