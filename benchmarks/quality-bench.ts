import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { numberFlag, parseArgs } from '../src/cli/args';
import { DEFAULT_SEED, generateCounty } from '../src/sim/county';
import { runSimulation } from '../src/sim/run';
import { policy, type PolicyName } from './lib/quality-policies';
import { policyMetrics, UtilisationSampler, type PolicyMetrics } from './lib/quality-metrics';
import { qualityChartSvg } from './lib/quality-svg';

/**
 * `npm run bench:quality`: the simulated county (docs/simulator.md) for 90 days after a 14-day
 * warm-up, outcomes drawn from the hidden propensities with the same random numbers for every
 * policy, the optimizer learning from the outcomes as they close. Compares, in one run, the
 * optimizer, the optimizer without learning, greedy nearest-qualified, round-robin and an oracle
 * that knows the true propensities (same cost weights as the optimizer).
 * Flags: --days N (90), --warmup N (14), --seed N, --out DIR (bench-results).
 */

const POLICIES: readonly PolicyName[] = ['optimizer', 'no-learning', 'oracle', 'greedy', 'round-robin'];
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function table(rows: readonly PolicyMetrics[]): string {
  const head = ['policy', 'cases', 'assigned', 'success', 'expected', 'deadline ok', 'travel km', 'util mean', 'util max', 'gold seats', 'gold non-major', 'dispatch ms'];
  const body = rows.map((m) => [
    m.policy, String(m.cases), String(m.assigned), pct(m.successRate), pct(m.expectedSuccess), pct(m.deadlineCompliance),
    m.meanTravelKm.toFixed(2), pct(m.utilisationMean), pct(m.utilisationMax), String(m.goldSeats), String(m.goldOnNonMajor), m.dispatchMs.toFixed(0),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

function verdict(rows: readonly PolicyMetrics[]): string[] {
  const by = (p: string) => rows.find((r) => r.policy === p)!;
  const opt = by('optimizer'), oracle = by('oracle'), greedy = by('greedy');
  const gapOracle = (oracle.successRate - opt.successRate) * 100;
  const gapGreedy = (opt.successRate - greedy.successRate) * 100;
  const travel = opt.meanTravelKm / greedy.meanTravelKm - 1;
  const expGapOracle = (oracle.expectedSuccess - opt.expectedSuccess) * 100;
  return [
    `success: optimizer ${pct(opt.successRate)} vs oracle ${pct(oracle.successRate)} (gap ${gapOracle.toFixed(1)} points; target ≤ 2) — ${gapOracle <= 2 ? 'met' : 'NOT met'}`,
    `         expected (noise-free) gap to oracle ${expGapOracle.toFixed(1)} points`,
    `success: optimizer ${gapGreedy >= 0 ? '+' : ''}${gapGreedy.toFixed(1)} points vs greedy — ${gapGreedy > 1 ? 'clearly above' : 'NOT clearly above'}`,
    `travel:  optimizer ${(travel * 100).toFixed(1)}% vs greedy (target ≤ +10%) — ${travel <= 0.1 ? 'met' : 'NOT met'}`,
  ];
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), ['days', 'warmup', 'seed', 'out']);
  const days = numberFlag(args, 'days', 90);
  const warmupDays = Number(args.flags.get('warmup') ?? 14);
  const seed = numberFlag(args, 'seed', DEFAULT_SEED);
  const outDir = path.resolve(args.flags.get('out') ?? 'bench-results');
  const rows: PolicyMetrics[] = [];
  for (const name of POLICIES) {
    const county = generateCounty({ seed });
    const sampler = new UtilisationSampler(county.mediators);
    const started = performance.now();
    const run = await runSimulation({ county, days, warmupDays, dispatch: policy(name, county), afterDispatch: (s, at) => sampler.sample(s, at) });
    rows.push(policyMetrics(name, run, sampler.result()));
    process.stderr.write(`  ${name}: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
  const subtitle = `seed ${seed}, ${days} days after ${warmupDays} days of warm-up, ${rows[0]!.cases} cases; outcomes from hidden propensities (docs/simulator.md)`;
  process.stdout.write(`\nbench:quality — ${subtitle}\n\n${table(rows)}\n\n${verdict(rows).join('\n')}\n`);
  mkdirSync(outDir, { recursive: true });
  const svg = path.join(outDir, `quality-${seed}.svg`);
  writeFileSync(svg, qualityChartSvg(rows, subtitle));
  writeFileSync(path.join(outDir, `quality-${seed}.json`), JSON.stringify({ seed, days, warmupDays, rows }, null, 1) + '\n');
  process.stdout.write(`\nchart: ${svg}\n`);
}

main().catch((err) => {
  process.stderr.write(`bench:quality: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
