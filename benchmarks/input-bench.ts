import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { numberFlag, parseArgs } from '../src/cli/args';
import { writeProvinceFiles } from './province-files';

/**
 * `npm run bench:input`: `tiaojie solve` end to end on the province (100,000 cases × 50,000
 * mediators, 4 M arcs) in the v1 JSON form and the columnar form — wall time, CPU time and peak
 * RSS of the whole command (read, parse, validate, solve, print), from `/usr/bin/time -v`, best of
 * `--rounds` (2) interleaved, and the columnar form's ratios to the JSON form's from the same run.
 * Flags: --dir DIR (reuse province-<seed>.json / .columnar.json there instead of writing them
 * to a temp folder), --seed N, --rounds N.
 */

const TIME = '/usr/bin/time';
const ROOT = path.resolve(__dirname, '..', '..');

interface Run {
  readonly wallS: number;
  readonly cpuS: number;
  /** Null without /usr/bin/time. */
  readonly peakMB: number | null;
  readonly solveMs: number;
  readonly objective: number | null;
}

/** h:mm:ss.ss or m:ss.ss as printed by GNU time. */
function seconds(clock: string): number {
  return clock.split(':').reduce((s, part) => s * 60 + Number(part), 0);
}

function field(report: string, name: string): string | null {
  return new RegExp(`${name}: (.+)`).exec(report)?.[1]?.trim() ?? null;
}

function solveOnce(file: string, outFile: string): Promise<Run> {
  const withTime = existsSync(TIME);
  const cli = [path.join(ROOT, 'bin', 'tiaojie.js'), 'solve', file];
  const [cmd, args] = withTime ? [TIME, ['-v', process.execPath, ...cli]] : [process.execPath, cli];
  const out = openSync(outFile, 'w');
  const started = performance.now();
  const child = spawn(cmd, args, { stdio: ['ignore', out, 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      closeSync(out);
      const wall = (performance.now() - started) / 1000;
      if (code !== 0) return reject(new Error(`tiaojie solve ${file} exited ${code}: ${stderr.slice(-500)}`));
      const solution = JSON.parse(readFileSync(outFile, 'utf8')) as { solveMs: number; objective: number | null };
      const user = Number(field(stderr, 'User time \\(seconds\\)') ?? NaN);
      const sys = Number(field(stderr, 'System time \\(seconds\\)') ?? NaN);
      const clock = field(stderr, 'Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)');
      const rssKb = field(stderr, 'Maximum resident set size \\(kbytes\\)');
      resolve({
        wallS: clock ? seconds(clock) : wall,
        cpuS: user + sys,
        peakMB: rssKb ? Number(rssKb) / 1024 : null,
        solveMs: solution.solveMs,
        objective: solution.objective,
      });
    });
  });
}

const best = (runs: readonly Run[], key: 'wallS' | 'cpuS' | 'peakMB' | 'solveMs'): number => Math.min(...runs.map((r) => r[key] ?? NaN));
const f = (v: number, d: number): string => (Number.isFinite(v) ? v.toFixed(d) : 'n/a');

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), ['dir', 'seed', 'rounds']);
  const seed = numberFlag(args, 'seed', 1);
  const rounds = numberFlag(args, 'rounds', 2);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'tiaojie-input-'));
  try {
    const dir = args.flags.get('dir');
    const files = dir
      ? { json: path.join(dir, `province-${seed}.json`), columnar: path.join(dir, `province-${seed}.columnar.json`) }
      : (console.log('writing the province in both forms…'), writeProvinceFiles(tmp, seed, 'both') as { json: string; columnar: string });
    console.log(
      `tiaojie solve on the province, best of ${rounds} interleaved; load ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    const runs: Record<'json' | 'columnar', Run[]> = { json: [], columnar: [] };
    for (let r = 0; r < rounds; r++) {
      for (const form of ['json', 'columnar'] as const) {
        const run = await solveOnce(files[form], path.join(tmp, 'solution.json'));
        console.log(
          `  ${form}: wall ${f(run.wallS, 2)} s, cpu ${f(run.cpuS, 2)} s, peak ${f(run.peakMB ?? NaN, 0)} MB, solve ${f(run.solveMs, 0)} ms`,
        );
        runs[form].push(run);
      }
    }
    const rows = (['json', 'columnar'] as const).map((form) => {
      const rs = runs[form];
      return [
        form,
        f(statSync(files[form]).size / 2 ** 20, 0),
        f(best(rs, 'wallS'), 2),
        f(best(rs, 'cpuS'), 2),
        f(best(rs, 'peakMB'), 0),
        f(best(rs, 'solveMs'), 0),
      ];
    });
    console.log('\nform      file MB  wall s  cpu s  peak RSS MB  solve ms');
    for (const row of rows) console.log(row.map((c, i) => c.padEnd([8, 7, 6, 5, 11, 8][i]!)).join('  '));
    const ratio = (key: 'wallS' | 'cpuS' | 'peakMB'): string => f(best(runs.columnar, key) / best(runs.json, key), 2);
    console.log(`columnar ÷ json: wall ${ratio('wallS')}×, cpu ${ratio('cpuS')}×, peak RSS ${ratio('peakMB')}×`);
    const objectives = new Set([...runs.json, ...runs.columnar].map((r) => r.objective));
    console.log(`same optimum in both forms: ${objectives.size === 1 ? 'yes' : `NO (${[...objectives].join(' / ')})`}`);
    const wall = best(runs.columnar, 'wallS');
    const peak = best(runs.columnar, 'peakMB');
    console.log(
      `Target (issue 21): columnar ≤ 4 s wall: ${wall <= 4 ? 'PASS' : 'FAIL'} (${f(wall, 2)} s); ≤ 800 MB peak: ${peak <= 800 ? 'PASS' : Number.isFinite(peak) ? 'FAIL' : 'NOT MEASURED'} (${f(peak, 0)} MB)`,
    );
    console.log(
      `load at end ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    if (objectives.size !== 1) process.exitCode = 1;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
