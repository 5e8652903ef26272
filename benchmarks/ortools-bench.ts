import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { numberFlag, parseArgs, UsageError } from '../src/cli/args';
import type { IndexedProblem } from '../src/engine/indexed';
import { solveIndexed } from '../src/runtime/threaded-solve';
import { buildInstance, checkIndexed, instanceLabel, type InstanceSpec } from './lib/baselines';
import { ortoolsPython, ortoolsUnfit, runOrtools, writeInstanceFile, type OrtoolsRun } from './lib/ortools';

/**
 * `npm run bench:ortools` (also the second part of `npm run bench`): the engine against OR-Tools'
 * C++ SimpleMinCostFlow on the same unit-load instances (county n = 500, 2,000, 10,000 and the
 * province), interleaved round by round in one run, best of `--rounds` (3) each. Ours is timed
 * from the index-form problem to the answer, network construction included; OR-Tools' solve()
 * alone, its build (graph into the solver) printed beside it. The optima must be equal (a
 * mismatch is printed loudly and fails the run). Without `.venv-ortools` (`npm run
 * bench:ortools-setup`) the baseline prints "skipped (no ortools venv)" and ours is still timed.
 * Flags: --sizes 500,2000 (county sizes), --no-province, --rounds N, --seed N.
 */

/**
 * Untimed solves before ours is timed, as in the long-running worker that dispatches every batch
 * in one process: V8 needs ~10–20 solves of a county to finish compiling the engine (the first
 * n = 500 solve takes ~100 ms CPU, against ~4 ms warm). At least 3, then until 30 or 3 s.
 */
const WARM_UP = { minRuns: 3, maxRuns: 30, ms: 3000 } as const;
/** Idle time before each timed run of ours, ms (see the loop). */
const PAUSE_MS = 200;

interface Best {
  readonly best: number;
  readonly median: number;
}
const summary = (xs: readonly number[]): Best => {
  const s = [...xs].sort((a, b) => a - b);
  return { best: s[0]!, median: s[s.length >> 1]! };
};
const fmt = (v: number): string =>
  v.toLocaleString('en-US', { maximumFractionDigits: v < 100 ? 1 : 0, minimumFractionDigits: v < 100 ? 1 : 0 });

interface Result {
  readonly label: string;
  readonly arcs: number;
  readonly ours: Best;
  /** Our CPU time (every thread of this process: the province's flow thread counts too). */
  readonly oursCpu: Best;
  readonly ortools: { readonly solve: Best; readonly build: Best; readonly solveCpu: Best } | string;
  readonly agree: string;
  /** OR-Tools' best solve ÷ our best (incl. build); > 1 = ours faster. */
  readonly ratio: number | null;
  /** The same in CPU time. */
  readonly cpuRatio: number | null;
  readonly mismatch: boolean;
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function timeOurs(p: IndexedProblem): Promise<{ ms: number; cpuMs: number; objective: number | null }> {
  const cpu = cpuMs();
  const started = performance.now();
  const s = await solveIndexed(p, { solver: 'flow' });
  return { ms: performance.now() - started, cpuMs: cpuMs() - cpu, objective: s.objective };
}

async function benchInstance(spec: InstanceSpec, rounds: number, python: string | null, dir: string): Promise<Result> {
  const label = instanceLabel(spec);
  const p = buildInstance(spec);
  // Checked once before anything is timed (and warms the JIT; the province starts the flow thread).
  const first = await solveIndexed(p, { solver: 'flow' });
  const verdict = checkIndexed(p, first);
  if (!verdict.feasible || first.status !== 'optimal')
    throw new Error(`${label}: our answer fails the check: ${verdict.errors.join('; ')}`);
  // JIT warm-up (see WARM_UP); OR-Tools is compiled ahead of time and gets one untimed run in its process.
  const warmUntil = performance.now() + WARM_UP.ms;
  for (let w = 0; w < WARM_UP.maxRuns && (w < WARM_UP.minRuns || performance.now() < warmUntil); w++) await timeOurs(p);
  const unfit = ortoolsUnfit(p);
  const skip = python === null ? 'skipped (no ortools venv)' : unfit ? `skipped (${unfit})` : null;
  const file = path.join(dir, `${label.replace(/[^a-z0-9]+/gi, '-')}.bin`);
  const scale = skip === null ? writeInstanceFile(p, file) : 1;
  const ours: number[] = [];
  const oursCpu: number[] = [];
  const runs: OrtoolsRun[] = [];
  try {
    for (let r = 0; r < rounds; r++) {
      if (skip === null) runs.push(...(await runOrtools(python!, file, 1, 600_000)));
      // A short pause first: the timed run starts from a wait, as the OR-Tools process does.
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
      const o = await timeOurs(p);
      if (o.objective !== first.objective) throw new Error(`${label}: our objective changed between runs`);
      ours.push(o.ms);
      oursCpu.push(o.cpuMs);
    }
  } finally {
    rmSync(file, { force: true });
  }
  const oursBest = summary(ours);
  const cpu = summary(oursCpu);
  if (skip !== null)
    return {
      label,
      arcs: p.arcTask.length,
      ours: oursBest,
      oursCpu: cpu,
      ortools: skip,
      agree: '—',
      ratio: null,
      cpuRatio: null,
      mismatch: false,
    };
  const costs = new Set(runs.map((r) => r.cost));
  const ourCost = Math.round(first.objective! * scale);
  const theirs = runs[0]!.cost;
  const mismatch = costs.size !== 1 || theirs !== ourCost;
  const solve = summary(runs.map((r) => r.solveMs));
  return {
    label,
    arcs: p.arcTask.length,
    ours: oursBest,
    oursCpu: cpu,
    ortools: { solve, build: summary(runs.map((r) => r.buildMs)), solveCpu: summary(runs.map((r) => r.solveCpuMs)) },
    agree: mismatch
      ? `MISMATCH: OR-Tools ${[...costs].join('/')} vs ours ${ourCost} (×${scale})`
      : `equal (${(ourCost / scale).toLocaleString('en-US', { maximumFractionDigits: 6 })})`,
    ratio: solve.best / oursBest.best,
    cpuRatio: summary(runs.map((r) => r.solveCpuMs)).best / cpu.best,
    mismatch,
  };
}

function report(results: readonly Result[]): void {
  const header = [
    'instance',
    'arcs',
    'ours best ms (median)',
    'OR-Tools solve best ms (median)',
    'OR-Tools build ms',
    'OR-Tools solve ÷ ours',
    'CPU ms ours / OR-Tools solve (best)',
    'CPU ratio',
    'optimum',
  ];
  const rows = results.map((r) => [
    r.label,
    r.arcs.toLocaleString('en-US'),
    `${fmt(r.ours.best)} (${fmt(r.ours.median)})`,
    typeof r.ortools === 'string' ? r.ortools : `${fmt(r.ortools.solve.best)} (${fmt(r.ortools.solve.median)})`,
    typeof r.ortools === 'string' ? '—' : fmt(r.ortools.build.best),
    r.ratio === null ? '—' : `${r.ratio.toFixed(2)}×`,
    typeof r.ortools === 'string' ? fmt(r.oursCpu.best) : `${fmt(r.oursCpu.best)} / ${fmt(r.ortools.solveCpu.best)}`,
    r.cpuRatio === null ? '—' : `${r.cpuRatio.toFixed(2)}×`,
    r.agree,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (row: readonly string[]): string =>
    row
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  console.log(['', line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n'));
  const measured = results.filter((r) => r.ratio !== null);
  const verdict = measured.length === 0 ? 'NOT MEASURED' : measured.every((r) => r.ratio! > 1) ? 'PASS' : 'FAIL';
  console.log(
    `\nTarget (issue 21): ours (incl. building) faster than OR-Tools' solve alone at every size: ${verdict} (wall, best of each)`,
  );
  const cpuMeasured = results.filter((r) => r.cpuRatio !== null);
  const cpuVerdict = cpuMeasured.length === 0 ? 'NOT MEASURED' : cpuMeasured.every((r) => r.cpuRatio! > 1) ? 'PASS' : 'FAIL';
  console.log(`Same in CPU time (less sensitive to a busy machine; ours counts both threads on the province): ${cpuVerdict}`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), ['sizes', 'rounds', 'seed'], ['no-province']);
  const rounds = numberFlag(args, 'rounds', 3);
  const seed = numberFlag(args, 'seed', 1);
  const sizes = (args.flags.get('sizes') ?? '500,2000,10000').split(',').map((v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--sizes: bad size "${v}"`);
    return n;
  });
  const specs: InstanceSpec[] = sizes.map((n) => ({ kind: 'county', n, seed, loadCosts: false }));
  if (!args.flags.has('no-province')) specs.push({ kind: 'province', seed, loadCosts: false });
  const python = ortoolsPython();
  console.log(
    `engine vs OR-Tools SimpleMinCostFlow (seed ${seed}, best of ${rounds}, interleaved): load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}, ` + `${python ? `python ${python}` : 'OR-Tools skipped (no ortools venv: npm run bench:ortools-setup)'}`,
  );
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tiaojie-ortools-'));
  const results: Result[] = [];
  try {
    for (const spec of specs) {
      console.log(`  ${instanceLabel(spec)}…`);
      results.push(await benchInstance(spec, rounds, python, dir));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  report(results);
  console.log(
    `load at end ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const mismatches = results.filter((r) => r.mismatch);
  if (mismatches.length > 0) {
    console.error(`\n!!! OPTIMUM MISMATCH with OR-Tools on ${mismatches.map((r) => r.label).join(', ')} — one of the solvers is wrong !!!`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
