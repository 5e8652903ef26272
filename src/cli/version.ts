import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The version in the package's package.json. Looked for upwards from this file, since it runs both
 * from src/cli (tests, ts-node) and from dist/src/cli (the built CLI).
 */
export function packageVersion(from: string = __dirname): string {
  for (let dir = from, up = 0; up < 6; up++, dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
    if (pkg.name === 'tiaojie' && typeof pkg.version === 'string') return pkg.version;
  }
  return 'unknown';
}
