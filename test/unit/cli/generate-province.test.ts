import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { checkCountyProfile } from '../../../src/domain/config/county-profile';
import { loadDispatchConfig } from '../../../src/domain/config/load';
import { MediatorSchema } from '../../../src/domain';

describe('tiaojie generate --province', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tj-province-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('when asked for 3 counties, then it writes a valid profile and roster for each and says so', async () => {
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['generate', '--province', '3', '--seed', '4', '--out', dir])).toBe(0);
      // Among whatever else reaches stderr in this jest worker (another file's late logs), the summary line.
      const written = err.mock.calls.map((call) => String(call[0]));
      expect(written.find((text) => text.startsWith('tiaojie generate:'))).toMatch(
        /^tiaojie generate: 3 counties, \d+ villages, \d+ mediators → /,
      );
    } finally {
      err.mockRestore();
    }
    expect(readdirSync(dir).sort()).toEqual(['p001', 'p002', 'p003'].flatMap((id) => [`${id}.profile.json`, `${id}.roster.json`]));
    for (const id of ['p001', 'p002', 'p003']) {
      const profile: unknown = JSON.parse(readFileSync(join(dir, `${id}.profile.json`), 'utf8'));
      expect(checkCountyProfile(profile, loadDispatchConfig().tierRules)).toMatchObject({ ok: true, profile: { county: { id } } });
      const roster = JSON.parse(readFileSync(join(dir, `${id}.roster.json`), 'utf8')) as unknown[];
      expect(roster.length).toBeGreaterThan(50);
      for (const m of roster) expect(MediatorSchema.safeParse(m).success).toBe(true);
    }
  });
});
