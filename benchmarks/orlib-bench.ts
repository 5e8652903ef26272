/**
 * OR-Library runner: gap1–12 (60 problems, each minimised and maximised) through
 * solveIndexed(…, {solver: 'auto'}) — weighted loads, so the GAP path — and assign100–400 (unit
 * loads, the flow engine). Each answer is checked by the independent verifier and against the
 * optimum published in bench-data/README.md. Data: argv[2], else TIAOJIE_BENCH_DATA, else
 * ../shared/bench-data beside the repository.
 *
 *   node dist/benchmarks/orlib-bench.js [DATA_DIR] [--time-limit S]
 */
import { loadavg } from 'node:os';
import { toSolution, type IndexedProblem, type IndexedSolution } from '../src/engine/indexed';
import { solveIndexed } from '../src/runtime/threaded-solve';
import { verifySolution } from '../src/engine/verify';
import { gapToProblem, indexedToProblem } from './lib/gap-instances';
import { findBenchData, readAssignFile, readGapFile, readPublishedOptima } from './lib/orlib';

interface Outcome {
  readonly ok: boolean;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly note: string;
}

async function run(p: IndexedProblem, optimum: number, timeLimitSec: number): Promise<Outcome> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let s: IndexedSolution;
  try {
    s = await solveIndexed(p, { solver: 'auto', timeLimitSec });
  } catch (err) {
    return { ok: false, wallMs: performance.now() - t0, cpuMs: 0, note: `threw: ${(err as Error).message}` };
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  if (s.objective === null) return { ok: false, wallMs, cpuMs, note: `${s.status}: ${s.message ?? ''}` };
  const v = verifySolution(indexedToProblem(p), toSolution(p, s, wallMs));
  if (!v.feasible) return { ok: false, wallMs, cpuMs, note: `infeasible answer: ${v.errors[0]}` };
  if (Math.abs(v.objective - s.objective) > 1e-6)
    return { ok: false, wallMs, cpuMs, note: `reported ${s.objective}, recomputed ${v.objective}` };
  const ok = s.status === 'optimal' && Math.abs(v.objective - optimum) < 1e-6;
  return { ok, wallMs, cpuMs, note: ok ? '' : `${s.status} ${v.objective} vs optimum ${optimum}` };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const f0 = (x: number): string => x.toFixed(0).padStart(6);

async function main(): Promise<void> {
  const positional = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--time-limit');
  const at = process.argv.indexOf('--time-limit');
  const timeLimitSec = at >= 0 ? Number(process.argv[at + 1]) : 10;
  const dir = findBenchData(positional[0]);
  if (!dir) {
    console.log('OR-Library data not found: pass a directory, set TIAOJIE_BENCH_DATA, or place shared/bench-data beside the repo');
    process.exit(2);
  }
  const optima = readPublishedOptima(dir);
  console.log(`OR-Library (${dir}), solver auto, time limit ${timeLimitSec} s; machine shared by several agents (2 cores):`);
  console.log(
    `wall = elapsed time, cpu = this process's CPU time; load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}. One untimed warm-up solve first.\n`,
  );
  await solveIndexed(gapToProblem(readGapFile(dir, 'gap1')[0]!, 'min'), { solver: 'auto', timeLimitSec });
  console.log('file    sense  optimal  max wall ms  median wall ms  max cpu ms  median cpu ms  ≤1 s wall');
  const all: Outcome[] = [];
  for (let k = 1; k <= 12; k++) {
    const file = `gap${k}`;
    const published = optima.gap.get(file);
    if (!published) throw new Error(`${file}: no published optima in README.md`);
    const problems = readGapFile(dir, file);
    for (const sense of ['min', 'max'] as const) {
      const outs: Outcome[] = [];
      for (let q = 0; q < problems.length; q++) outs.push(await run(gapToProblem(problems[q]!, sense), published[sense][q]!, timeLimitSec));
      all.push(...outs);
      const walls = outs.map((o) => o.wallMs);
      const cpus = outs.map((o) => o.cpuMs);
      console.log(
        `${file.padEnd(7)} ${sense.padEnd(5)}  ${outs.filter((o) => o.ok).length}/${outs.length}     ${f0(Math.max(...walls))}       ${f0(median(walls))}      ${f0(Math.max(...cpus))}       ${f0(median(cpus))}     ${outs.filter((o) => o.wallMs <= 1000).length}/${outs.length}`,
      );
      outs.forEach((o, q) => o.note && console.log(`        problem ${q + 1}: ${o.note}`));
    }
  }
  const walls = all.map((o) => o.wallMs);
  const cpus = all.map((o) => o.cpuMs);
  console.log(
    `GAP total: ${all.filter((o) => o.ok).length}/${all.length} optimal; wall max ${f0(Math.max(...walls))} ms, median ${f0(median(walls))} ms, ` +
      `${all.filter((o) => o.wallMs <= 1000).length}/${all.length} within 1 s; cpu max ${f0(Math.max(...cpus))} ms, median ${f0(median(cpus))} ms, ${all.filter((o) => o.cpuMs <= 1000).length}/${all.length} within 1 s\n`,
  );
  console.log('file        optimum  objective ok   wall ms   cpu ms');
  for (const [name, optimum] of optima.assign) {
    const p = readAssignFile(dir, name);
    const o = await run(p, optimum, timeLimitSec);
    console.log(
      `${name.padEnd(11)} ${String(optimum).padStart(7)}  ${o.ok ? 'optimal' : 'NO     '}   ${f0(o.wallMs)}   ${f0(o.cpuMs)}  ${o.note}`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
