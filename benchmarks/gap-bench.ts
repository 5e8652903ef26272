/**
 * Weighted-load benchmark: seeded Chu–Beasley GAP instances (types A–D, minimisation) solved in
 * the same run by solveGap (our heuristics + HiGHS) and by HiGHS alone at the same time limit.
 * Every answer is checked by the independent verifier. The yardstick is the best proven lower
 * bound of the two runs (no published optima exist for these seeded instances), so "gap %" is
 * (objective − best bound) / best bound, an upper estimate of the distance to the optimum.
 *
 * With --orlib, OR-Library's own Chu–Beasley files (gapc.txt, gapd.txt: not in shared/bench-data,
 * read from wherever they are) replace the seeded instances, and each answer is also compared with
 * the problem's published optimum ("gap to best known").
 *
 *   node dist/benchmarks/gap-bench.js [--time-limit S] [--sizes 20x200,40x400,80x1600] [--types A,B,C,D] [--seed N]
 *   node dist/benchmarks/gap-bench.js --orlib /path/gapd.txt[,/path/gapc.txt] [--time-limit S]
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basename } from 'node:path';
import { toSolution, type IndexedProblem, type IndexedSolution } from '../src/engine/indexed';
import { solveWithHighs } from '../src/engine/solvers/mip/highs';
import { solveGap } from '../src/engine/solvers/mip/gap-solver';
import { verifySolution } from '../src/engine/verify';
import { chuBeasley, gapToProblem, indexedToProblem, type ChuBeasleyType } from './lib/gap-instances';
import { parseGapFile } from './lib/orlib';
import { orlibName } from './lib/orlib-best-known';

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

interface Run {
  readonly s: IndexedSolution;
  readonly sec: number;
  /** CPU seconds of this process during the solve (HiGHS runs in-process too). */
  readonly cpuSec: number;
  readonly verified: boolean;
}

async function timed(p: IndexedProblem, run: () => Promise<IndexedSolution>): Promise<Run> {
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  const s = await run();
  const sec = (performance.now() - t) / 1000;
  const cpu = process.cpuUsage(cpu0);
  let verified = s.objective === null;
  if (s.objective !== null) {
    const v = verifySolution(indexedToProblem(p), toSolution(p, s, 0));
    verified = v.feasible && Math.abs(v.objective - s.objective) <= 1e-6 * Math.max(1, Math.abs(s.objective));
  }
  return { s, sec, cpuSec: (cpu.user + cpu.system) / 1e6, verified };
}

const pct = (x: number | null): string => (x === null ? '—' : `${x.toFixed(3)}%`);
const num = (x: number | null): string => (x === null ? '—' : String(Math.round(x * 100) / 100));

interface Case {
  readonly name: string;
  readonly p: IndexedProblem;
  readonly limitSec: number;
  /** Published optimum (OR-Library files only), else null. */
  readonly bestKnown: number | null;
}

// Default: 10 s, and proportionally more from 400 jobs on (60 s at 1,600 jobs) on this shared machine.
function limitFor(n: number): number {
  const fixed = flag('time-limit', '');
  return fixed ? Number(fixed) : Math.max(10, (60 * n) / 1600);
}

function seededCases(): Case[] {
  const sizes = flag('sizes', '20x200,40x400,80x1600')
    .split(',')
    .map((s) => s.split('x').map(Number) as [number, number]);
  const types = flag('types', 'A,B,C,D').split(',') as ChuBeasleyType[];
  const seed = Number(flag('seed', '1'));
  return types.flatMap((type) =>
    sizes.map(([m, n]) => {
      const g = chuBeasley(type, m, n, seed * 1_000_000 + type.charCodeAt(0) * 10_000 + m * 7 + n);
      return { name: g.name, p: gapToProblem(g, 'min'), limitSec: limitFor(n), bestKnown: null };
    }),
  );
}

/** Every problem of OR-Library gapX.txt files (X = the type letter), with its published optimum when known. */
function orlibCases(files: string[]): Case[] {
  return files.flatMap((file) => {
    const type = /^gap([a-e])/i.exec(basename(file))?.[1] ?? '?';
    return parseGapFile(readFileSync(file, 'utf8'), basename(file)).map((g) => {
      const { name, bestKnown } = orlibName(type, g.m, g.n);
      return { name, p: gapToProblem(g, 'min'), limitSec: limitFor(g.n), bestKnown };
    });
  });
}

const relGap = (objective: number | null, ref: number | null): number | null =>
  objective === null || ref === null || !Number.isFinite(ref) ? null : (100 * (objective - ref)) / Math.abs(ref);

async function runCase(c: Case): Promise<{ ours: number | null; theirs: number | null; toBestKnown: number | null }> {
  const a = await timed(c.p, () => solveGap(c.p, { timeLimitSec: c.limitSec }));
  const b = await timed(c.p, () => solveWithHighs(c.p, { timeLimitSec: c.limitSec }));
  const bestBound = Math.max(a.s.bound ?? -Infinity, b.s.bound ?? -Infinity);
  for (const [label, r] of [
    ['solveGap', a],
    ['HiGHS alone', b],
  ] as const) {
    console.log(
      `${c.name.padEnd(13)} ${label.padEnd(15)} ${r.s.status.padEnd(10)} ${num(r.s.objective).padStart(9)} ${num(r.s.bound).padStart(9)} ` +
        `${pct(relGap(r.s.objective, bestBound)).padStart(19)} ${pct(relGap(r.s.objective, c.bestKnown)).padStart(18)} ` +
        `${r.sec.toFixed(2).padStart(8)} ${r.cpuSec.toFixed(2).padStart(7)}  ${r.verified ? 'yes' : 'NO'}` +
        (r.s.message && r.s.status !== 'optimal' ? `  (${r.s.message})` : ''),
    );
  }
  if (c.bestKnown !== null && a.s.objective !== null && a.s.objective < c.bestKnown - 1e-9)
    console.log(`  ${c.name}: below the published optimum ${c.bestKnown}: check the table`);
  return {
    ours: relGap(a.s.objective, bestBound),
    theirs: relGap(b.s.objective, bestBound),
    toBestKnown: relGap(a.s.objective, c.bestKnown),
  };
}

async function main(): Promise<void> {
  const orlib = flag('orlib', '');
  const cases = orlib ? orlibCases(orlib.split(',')) : seededCases();
  const fixed = flag('time-limit', '');
  console.log(
    `${orlib ? 'OR-Library' : `Chu–Beasley GAP (min), seed ${flag('seed', '1')}`}; both solvers get the same time limit per instance (${fixed ? `${fixed} s` : '10 s, 60 s at 1,600 jobs'});`,
  );
  console.log(
    `machine shared by several agents (2 cores), load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}: the limit is wall clock, cpu s shows what this process got`,
  );
  console.log(
    'instance      solver          status     objective     bound   gap-to-best-bound  gap-to-best-known   time s   cpu s  verified',
  );
  const ours: number[] = [];
  const theirs: number[] = [];
  const known: number[] = [];
  for (const c of cases) {
    const out = await runCase(c);
    ours.push(out.ours ?? Infinity);
    theirs.push(out.theirs ?? Infinity);
    if (c.bestKnown !== null) known.push(out.toBestKnown ?? Infinity);
  }
  const worst = (xs: number[]): string => (xs.length ? `${Math.max(...xs).toFixed(3)}%` : '—');
  const within = (xs: number[]): string => `${xs.filter((x) => x <= 0.5).length}/${xs.length}`;
  console.log(
    `\nload average at the end ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    `solveGap: worst gap ${worst(ours)}, ${within(ours)} within 0.5% of the best bound; HiGHS alone: worst gap ${worst(theirs)}, ${within(theirs)} within 0.5%`,
  );
  if (known.length) console.log(`solveGap against the published optima: worst ${worst(known)}, ${within(known)} within 0.5%`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
