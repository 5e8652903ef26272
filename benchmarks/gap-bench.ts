/**
 * Weighted-load benchmark: seeded Chu–Beasley GAP instances (types A–D, minimisation) solved in
 * the same run by solveGap (our heuristics + HiGHS) and by HiGHS alone at the same time limit.
 * Every answer is checked by the independent verifier. The yardstick is the best proven lower
 * bound of the two runs (no published optima exist for these seeded instances), so "gap %" is
 * (objective − best bound) / best bound, an upper estimate of the distance to the optimum.
 *
 *   node dist/benchmarks/gap-bench.js [--time-limit S] [--sizes 20x200,40x400,80x1600] [--types A,B,C,D] [--seed N]
 */
import { loadavg } from 'node:os';
import { toSolution, type IndexedProblem, type IndexedSolution } from '../src/optimizer/indexed';
import { solveWithHighs } from '../src/optimizer/solvers/mip/highs';
import { solveGap } from '../src/optimizer/solvers/mip/gap-solver';
import { verifySolution } from '../src/optimizer/verify';
import { chuBeasley, gapToProblem, indexedToProblem, type ChuBeasleyType } from './lib/gap-instances';

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

async function main(): Promise<void> {
  const fixedLimit = flag('time-limit', '');
  // Default: 10 s, and proportionally more from 400 jobs on (60 s at 1,600 jobs) on this shared machine.
  const limitFor = (n: number): number => (fixedLimit ? Number(fixedLimit) : Math.max(10, (60 * n) / 1600));
  const sizes = flag('sizes', '20x200,40x400,80x1600').split(',').map((s) => s.split('x').map(Number) as [number, number]);
  const types = flag('types', 'A,B,C,D').split(',') as ChuBeasleyType[];
  const seed = Number(flag('seed', '1'));
  console.log(`Chu–Beasley GAP (min), seed ${seed}; both solvers get the same time limit per instance (${fixedLimit ? `${fixedLimit} s` : '10 s, 60 s at 1,600 jobs'});`);
  console.log(`machine shared by several agents (2 cores), load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}: the limit is wall clock, cpu s shows what this process got`);
  console.log('instance      solver          status     objective     bound   gap-to-best-bound   time s   cpu s  verified');
  const ours: number[] = [];
  const theirs: number[] = [];
  for (const type of types) {
    for (const [m, n] of sizes) {
      const g = chuBeasley(type, m, n, seed * 1_000_000 + type.charCodeAt(0) * 10_000 + m * 7 + n);
      const p = gapToProblem(g, 'min');
      const limit = limitFor(n);
      const a = await timed(p, () => solveGap(p, { timeLimitSec: limit }));
      const b = await timed(p, () => solveWithHighs(p, { timeLimitSec: limit }));
      const bestBound = Math.max(a.s.bound ?? -Infinity, b.s.bound ?? -Infinity);
      const gapOf = (r: Run): number | null =>
        r.s.objective === null || !Number.isFinite(bestBound) ? null : (100 * (r.s.objective - bestBound)) / Math.abs(bestBound);
      for (const [label, r] of [['solveGap', a], ['HiGHS alone', b]] as const) {
        console.log(
          `${g.name.padEnd(13)} ${label.padEnd(15)} ${r.s.status.padEnd(10)} ${num(r.s.objective).padStart(9)} ${num(r.s.bound).padStart(9)} ` +
          `${pct(gapOf(r)).padStart(19)} ${r.sec.toFixed(2).padStart(8)} ${r.cpuSec.toFixed(2).padStart(7)}  ${r.verified ? 'yes' : 'NO'}` +
          (r.s.message && r.s.status !== 'optimal' ? `  (${r.s.message})` : ''),
        );
      }
      ours.push(gapOf(a) ?? Infinity);
      theirs.push(gapOf(b) ?? Infinity);
    }
  }
  const worst = (xs: number[]): string => (xs.length ? `${Math.max(...xs).toFixed(3)}%` : '—');
  const within = ours.filter((x) => x <= 0.5).length;
  console.log(`\nload average at the end ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  console.log(`solveGap: worst gap ${worst(ours)}, ${within}/${ours.length} within 0.5% of the best bound; HiGHS alone: worst gap ${worst(theirs)}, ${theirs.filter((x) => x <= 0.5).length}/${theirs.length} within 0.5%`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
