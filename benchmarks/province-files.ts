import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { numberFlag, parseArgs, UsageError } from '../src/cli/args';
import { generateProvinceInstance } from './lib/province-instance';
import { writeColumnarFile, writeV1File } from './lib/problem-files';

/**
 * `npm run bench:province-files -- [--out DIR] [--seed N] [--form json|columnar|both]`: writes the
 * province (100,000 cases × 50,000 mediators, 4 M arcs; see lib/province-instance.ts) as problem
 * files for `tiaojie solve`: `province-<seed>.json` (v1) and `province-<seed>.columnar.json`.
 */
export function writeProvinceFiles(dir: string, seed: number, form: 'json' | 'columnar' | 'both'): { json?: string; columnar?: string } {
  mkdirSync(dir, { recursive: true });
  const { problem } = generateProvinceInstance({ seed });
  const out: { json?: string; columnar?: string } = {};
  if (form !== 'columnar') writeV1File(problem, (out.json = path.join(dir, `province-${seed}.json`)));
  if (form !== 'json') writeColumnarFile(problem, (out.columnar = path.join(dir, `province-${seed}.columnar.json`)));
  return out;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2), ['out', 'seed', 'form']);
  const form = args.flags.get('form') ?? 'both';
  if (form !== 'json' && form !== 'columnar' && form !== 'both') throw new UsageError(`--form must be json|columnar|both, got "${form}"`);
  const files = writeProvinceFiles(args.flags.get('out') ?? 'bench-results', numberFlag(args, 'seed', 1), form);
  for (const file of Object.values(files)) console.log(`${file}: ${(statSync(file).size / 2 ** 20).toFixed(0)} MB`);
}

if (require.main === module) main();
