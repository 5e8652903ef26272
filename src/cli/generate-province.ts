import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { generateProvince } from '../simulator/province';

/**
 * `tiaojie generate --province N --out DIR`: a simulated province, one `<id>.profile.json` (for
 * `tiaojie county add`) and one `<id>.roster.json` (for `tiaojie county roster <id>`) per county.
 * Returns a one-line summary.
 */
export async function writeProvince(counties: number, seed: number, out: string): Promise<string> {
  const dir = resolve(out);
  await mkdir(dir, { recursive: true });
  const province = generateProvince({ counties, seed });
  for (const c of province) {
    const id = c.profile.county.id;
    await writeFile(join(dir, `${id}.profile.json`), JSON.stringify(c.profile, null, 1) + '\n');
    await writeFile(join(dir, `${id}.roster.json`), JSON.stringify(c.mediators) + '\n');
  }
  const mediators = province.reduce((n, c) => n + c.mediators.length, 0);
  const villages = province.reduce((n, c) => n + c.profile.townships.reduce((m, t) => m + t.villages.length, 0), 0);
  return `${province.length} counties, ${villages} villages, ${mediators} mediators → ${dir} (<id>.profile.json, <id>.roster.json)`;
}
