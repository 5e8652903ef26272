/**
 * `npm run bench` (third part): the flow engine on linear assignment problems the size of
 * OR-Library's larger ones — dense 800 × 800 (640,000 pairs) and sparse 5,000 × 5,000 (~100,000
 * pairs) — seeded, since bench-data ships only assign100–400. Each answer is checked by the
 * typed-array checker and its objective compared with HiGHS (the LP of an assignment problem is
 * integral, so HiGHS's optimum is the optimum). Prints median wall and CPU ms of the engine and
 * HiGHS's time in the same run.
 *
 *   node dist/benchmarks/lap-bench.js [--seed N] [--repeats K]
 */
import { loadavg } from 'node:os';
import type { IndexedProblem, IndexedSolution } from '../src/engine/indexed';
import { solveIndexed } from '../src/runtime/threaded-solve';
import { solveWithHighs } from '../src/engine/solvers/mip/highs';
import { sameObjective } from '../src/engine/verify';
import { checkIndexed } from './lib/baselines';
import { generateLap, type LapOptions } from './lib/lap-instances';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const f0 = (v: number): string => v.toLocaleString('en-US', { maximumFractionDigits: 0 });

async function timed(solve: () => Promise<IndexedSolution>): Promise<{ s: IndexedSolution; wallMs: number; cpuMs: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const s = await solve();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { s, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

async function benchLap(label: string, options: LapOptions, repeats: number): Promise<void> {
  const p: IndexedProblem = generateLap(options);
  await solveIndexed(generateLap({ n: 50, perJob: null, seed: 1 })); // warm-up (JIT)
  const runs = [];
  for (let r = 0; r < repeats; r++) runs.push(await timed(() => solveIndexed(p)));
  const s = runs[0]!.s;
  const check = checkIndexed(p, s);
  const verdict =
    s.status === 'optimal' && check.feasible && sameObjective(check.objective, s.objective!)
      ? 'checked'
      : `CHECK FAILED: ${check.errors[0] ?? s.status}`;
  const h = await timed(() => solveWithHighs(p, { timeLimitSec: 120 }));
  const agree =
    h.s.status !== 'optimal'
      ? `HiGHS ${h.s.status}${h.s.message ? ` (${h.s.message.slice(0, 60)})` : ''}`
      : sameObjective(h.s.objective!, s.objective!)
        ? 'agrees with HiGHS'
        : `DISAGREES with HiGHS (${h.s.objective})`;
  console.log(
    `${label.padEnd(22)} ${String(p.arcTask.length).padStart(8)}  ${String(s.objective).padStart(9)}  ${f0(median(runs.map((x) => x.wallMs))).padStart(8)}  ` +
      `${f0(median(runs.map((x) => x.cpuMs))).padStart(7)}  ${f0(h.wallMs).padStart(8)}  ${verdict}; ${agree}`,
  );
}

async function main(): Promise<void> {
  const seed = flag('seed', 1);
  const repeats = flag('repeats', 5);
  console.log(
    `assignment problems at OR-Library's larger sizes (seed ${seed}, ${repeats} runs; load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}):`,
  );
  console.log('instance                   pairs  objective  wall ms   cpu ms  HiGHS ms  check');
  await benchLap('dense 800 × 800', { n: 800, perJob: null, seed }, repeats);
  await benchLap('sparse 5,000 × 5,000', { n: 5000, perJob: 20, seed }, repeats);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
