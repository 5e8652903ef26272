import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { numberFlag, parseArgs, UsageError } from '../src/cli/args';
import { DEFAULT_SEED, generateCounty } from '../src/simulator/county';
import { runSimulation } from '../src/simulator/run';
import { policy, POLICY_NAMES, type PolicyName } from './lib/quality-policies';
import { policyMetrics, UtilisationSampler, type PolicyMetrics } from './lib/quality-metrics';
import { qualityTable, seedSummary, verdict } from './lib/quality-report';
import { qualityChartSvg } from './lib/quality-svg';

/**
 * `npm run bench:quality`: the simulated county (docs/simulator.md) for 90 days after a 14-day
 * warm-up, outcomes drawn from the hidden propensities with the same random numbers for every
 * policy, the optimizer learning from the outcomes as they close. Compares, in one run, the
 * optimizer, the optimizer without learning, greedy nearest-qualified, round-robin and an oracle
 * that knows the true propensities (same cost weights as the optimizer).
 * Flags: --days N (90), --warmup N (14), --seed N or --seeds A,B,… (20240320), --out DIR
 * (bench-results), --policies a,b,… (the five above; also oracle-stated, oracle-ability).
 */

const DEFAULT_POLICIES: readonly PolicyName[] = ['optimizer', 'no-learning', 'oracle', 'greedy', 'round-robin'];

function listFlag<T extends string>(raw: string | undefined, allowed: readonly T[], fallback: readonly T[]): readonly T[] {
  if (raw === undefined) return fallback;
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const n of names) if (!allowed.includes(n as T)) throw new UsageError(`unknown policy "${n}" (known: ${allowed.join(', ')})`);
  return names as T[];
}

async function runSeed(seed: number, days: number, warmupDays: number, policies: readonly PolicyName[]): Promise<PolicyMetrics[]> {
  const rows: PolicyMetrics[] = [];
  for (const name of policies) {
    const county = generateCounty({ seed });
    const sampler = new UtilisationSampler(county.mediators);
    const started = performance.now();
    const run = await runSimulation({
      county,
      days,
      warmupDays,
      dispatch: policy(name, county),
      afterDispatch: (s, at) => sampler.sample(s, at),
    });
    rows.push(policyMetrics(name, run, sampler.result()));
    process.stderr.write(`  seed ${seed} ${name}: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
  return rows;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), ['days', 'warmup', 'seed', 'seeds', 'out', 'policies']);
  const days = numberFlag(args, 'days', 90);
  const warmupDays = Number(args.flags.get('warmup') ?? 14);
  const seeds = args.flags.has('seeds') ? args.flags.get('seeds')!.split(',').map(Number) : [numberFlag(args, 'seed', DEFAULT_SEED)];
  if (seeds.some((s) => !Number.isInteger(s))) throw new UsageError('--seeds takes integers separated by commas');
  const policies = listFlag(args.flags.get('policies'), POLICY_NAMES, DEFAULT_POLICIES);
  const outDir = path.resolve(args.flags.get('out') ?? 'bench-results');
  mkdirSync(outDir, { recursive: true });
  const bySeed: { seed: number; rows: PolicyMetrics[] }[] = [];
  for (const seed of seeds) {
    const rows = await runSeed(seed, days, warmupDays, policies);
    bySeed.push({ seed, rows });
    const subtitle = `seed ${seed}, ${days} days after ${warmupDays} days of warm-up, ${rows[0]!.cases} cases; outcomes from hidden propensities (docs/simulator.md)`;
    process.stdout.write(`\nbench:quality — ${subtitle}\n\n${qualityTable(rows)}\n\n${verdict(rows).join('\n')}\n`);
    const svg = path.join(outDir, `quality-${seed}.svg`);
    writeFileSync(svg, qualityChartSvg(rows, subtitle));
    writeFileSync(path.join(outDir, `quality-${seed}.json`), JSON.stringify({ seed, days, warmupDays, rows }, null, 1) + '\n');
    process.stdout.write(`\nchart: ${svg}\n`);
  }
  if (bySeed.length > 1)
    process.stdout.write(`\nall seeds (success realised / expected, points; travel vs greedy)\n\n${seedSummary(bySeed)}\n`);
}

main().catch((err) => {
  process.stderr.write(`bench:quality: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
