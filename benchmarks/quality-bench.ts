import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { numberFlag, parseArgs, UsageError } from '../src/cli/args';
import { DEFAULT_SEED } from '../src/simulator/county';
import { POLICY_NAMES, type PolicyName } from './lib/quality-policies';
import { calmFrontier, calmRun, named, reweighted, spreadFrontier, surgeRun } from './lib/quality-frontier';
import type { PolicyMetrics } from './lib/quality-metrics';
import { qualityTable, seedSummary, verdict } from './lib/quality-report';
import { qualityChartSvg } from './lib/quality-svg';
import type { SurgeMetrics } from './lib/quality-surge';
import { calmVerdict, meanSurge, surgeTable, surgeVerdict } from './lib/quality-surge-report';
import { SPRING_SURGE } from '../src/simulator/scenario';
import { rebalanceDayTable, rebalanceOnSurge } from './lib/quality-rebalance';

/**
 * `npm run bench:quality`: the simulated county (docs/simulator.md) for 90 days after a 14-day
 * warm-up, outcomes drawn from the hidden propensities with the same random numbers for every
 * policy, the optimizer learning from the outcomes as they close. Compares, in one run, the
 * optimizer, the optimizer without learning, greedy nearest-qualified, round-robin and an oracle
 * that knows the true propensities (same cost weights as the optimizer).
 * Flags: --days N (90), --warmup N (14), --seed N or --seeds A,B,… (20240320), --out DIR
 * (bench-results), --policies a,b,… (the five above; also today, oracle-stated, oracle-ability).
 *
 * Issue 20: --scenario calm | surge | both (both). `surge` runs the spring surge (src/simulator/
 * scenario.ts) for --surge-days N (49) with --surge-policies (ours, today's policy, greedy,
 * round-robin, the full oracle, the general-ability oracle) and prints the surge figures and
 * targets per seed and on the mean; with `both`, the calm year runs first with ours, today's
 * policy and greedy (unless --policies says otherwise) and is judged against today's policy.
 * With the surge, per seed, the night before the festival leave: no rebalance, the nightly
 * rebalance and a full re-solve, judged by the next day (lib/quality-rebalance.ts); --no-rebalance skips it.
 * --frontier runs only the two sweeps of lib/quality-frontier.ts on the seeds: load spread against
 * travel on the surge as the balance weight grows, and the calm year as the prices of failure and
 * of success lost to load move, against today's policy (~20 minutes on five seeds).
 */

const DEFAULT_POLICIES: readonly PolicyName[] = ['optimizer', 'no-learning', 'oracle', 'greedy', 'round-robin'];
const CALM_AGAINST_TODAY: readonly PolicyName[] = ['optimizer', 'today', 'greedy'];
const SURGE_POLICIES: readonly PolicyName[] = ['optimizer', 'today', 'greedy', 'round-robin', 'oracle', 'oracle-ability'];

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
    const started = performance.now();
    rows.push(await calmRun(seed, days, warmupDays, named(name)));
    process.stderr.write(`  seed ${seed} ${name}: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
  return rows;
}

async function main(): Promise<void> {
  const args = parseArgs(
    process.argv.slice(2),
    ['days', 'warmup', 'seed', 'seeds', 'out', 'policies', 'scenario', 'surge-days', 'surge-policies'],
    ['no-rebalance', 'frontier'],
  );
  const days = numberFlag(args, 'days', 90);
  const warmupDays = Number(args.flags.get('warmup') ?? 14);
  const seeds = args.flags.has('seeds') ? args.flags.get('seeds')!.split(',').map(Number) : [numberFlag(args, 'seed', DEFAULT_SEED)];
  if (seeds.some((s) => !Number.isInteger(s))) throw new UsageError('--seeds takes integers separated by commas');
  const scenario = args.flags.get('scenario') ?? 'both';
  if (!['calm', 'surge', 'both'].includes(scenario)) throw new UsageError('--scenario takes calm, surge or both');
  const policies = listFlag(args.flags.get('policies'), POLICY_NAMES, scenario === 'both' ? CALM_AGAINST_TODAY : DEFAULT_POLICIES);
  const outDir = path.resolve(args.flags.get('out') ?? 'bench-results');
  mkdirSync(outDir, { recursive: true });
  if (args.flags.has('frontier')) return frontiers(seeds, days, numberFlag(args, 'surge-days', 49), warmupDays);
  const verdicts: { seed: number; pass: boolean }[] = [];
  if (scenario !== 'surge') verdicts.push(...(await calmYear(seeds, days, warmupDays, policies, outDir)));
  if (scenario !== 'calm') {
    const surgePolicies = listFlag(args.flags.get('surge-policies'), POLICY_NAMES, SURGE_POLICIES);
    verdicts.push(...(await runSurge(seeds, numberFlag(args, 'surge-days', 49), warmupDays, surgePolicies, outDir)));
    if (!args.flags.has('no-rebalance')) await rebalanceNights(seeds, warmupDays, outDir);
  }
  const failed = verdicts.filter((v) => !v.pass).length;
  process.stdout.write(`\nissue-20 targets: ${verdicts.length - failed} of ${verdicts.length} checks passed\n`);
}

async function calmYear(
  seeds: readonly number[],
  days: number,
  warmupDays: number,
  policies: readonly PolicyName[],
  outDir: string,
): Promise<{ seed: number; pass: boolean }[]> {
  const verdicts: { seed: number; pass: boolean }[] = [];
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
    if (policies.includes('today')) {
      const calm = calmVerdict(rows);
      process.stdout.write(`\ncalm year against today's policy (seed ${seed}):\n${calm.map((c) => c.line).join('\n')}\n`);
      verdicts.push(...calm.map((c) => ({ seed, pass: c.pass })));
    }
  }
  if (bySeed.length > 1)
    process.stdout.write(`\nall seeds (success realised / expected, points; travel vs greedy)\n\n${seedSummary(bySeed)}\n`);
  return verdicts;
}

/** The spring surge per seed: the figures, the targets, then the mean over seeds with its targets. */
async function runSurge(
  seeds: readonly number[],
  days: number,
  warmupDays: number,
  policies: readonly PolicyName[],
  outDir: string,
): Promise<{ seed: number; pass: boolean }[]> {
  const verdicts: { seed: number; pass: boolean }[] = [];
  const bySeed: SurgeMetrics[][] = [];
  for (const seed of seeds) {
    const rows: SurgeMetrics[] = [];
    for (const name of policies) {
      const started = performance.now();
      rows.push(await surgeRun(seed, days, warmupDays, named(name)));
      process.stderr.write(`  surge seed ${seed} ${name}: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    }
    bySeed.push(rows);
    const verdict = surgeVerdict(rows);
    verdicts.push(...verdict.map((v) => ({ seed, pass: v.pass })));
    process.stdout.write(
      `\nbench:quality surge — seed ${seed}, ${SPRING_SURGE.name}, ${days} days after ${warmupDays} days of warm-up\n\n${surgeTable(rows)}\n\n${verdict.map((v) => v.line).join('\n')}\n`,
    );
    writeFileSync(path.join(outDir, `quality-surge-${seed}.json`), JSON.stringify({ seed, days, warmupDays, rows }, null, 1) + '\n');
  }
  if (bySeed.length > 1) {
    const mean = meanSurge(bySeed);
    const verdict = surgeVerdict(mean);
    process.stdout.write(
      `\nbench:quality surge — mean of ${bySeed.length} seeds\n\n${surgeTable(mean)}\n\n${verdict.map((v) => v.line).join('\n')}\n`,
    );
  }
  return verdicts;
}

/** `--frontier`: what the load-spread and calm-travel targets cost (lib/quality-frontier.ts). */
async function frontiers(seeds: readonly number[], days: number, surgeDays: number, warmupDays: number): Promise<void> {
  const seedList = seeds.join(', ');
  process.stdout.write(`\nload spread on the spring surge against the balance weight — mean of seeds ${seedList}\n\n`);
  process.stdout.write(`${await spreadFrontier(seeds, surgeDays, warmupDays, [40, 100, 300, 1000])}\n`);
  process.stdout.write(`\ncalm year against the price of failure and of success lost to load — mean of seeds ${seedList}\n\n`);
  const calmVariants = [
    ...[10, 7, 3].map((x) => reweighted(`success ${x} (pressured 10)`, (w) => ({ ...w, success: x }))),
    ...[0, 20].map((x) =>
      reweighted(`load-aware success ${x}`, (w) => ({ ...w, loadSuccess: { ...w.loadSuccess, weight: x, underPressure: 40 } })),
    ),
  ];
  process.stdout.write(`${await calmFrontier(seeds, days, warmupDays, calmVariants)}\n`);
}

/** Rebalance on the surge: the three nights before the festival leave, per seed, and their totals. */
async function rebalanceNights(seeds: readonly number[], warmupDays: number, outDir: string): Promise<void> {
  const all: Awaited<ReturnType<typeof rebalanceOnSurge>>[] = [];
  for (const seed of seeds) {
    const started = performance.now();
    const rows = await rebalanceOnSurge(seed, warmupDays);
    all.push(rows);
    process.stderr.write(`  rebalance nights seed ${seed}: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    process.stdout.write(
      `\nrebalance on the surge — seed ${seed}: the night before the festival leave (day ${SPRING_SURGE.festivalLeave!.fromDay}), judged by the next day\n\n${rebalanceDayTable(rows)}\n`,
    );
    writeFileSync(path.join(outDir, `quality-rebalance-${seed}.json`), JSON.stringify({ seed, warmupDays, rows }, null, 1) + '\n');
  }
  if (all.length > 1) {
    const sum = all[0]!.map((r, i) => ({
      ...r,
      ...Object.fromEntries(
        (['moves', 'forcedMoves', 'heldOnLeave', 'dueLeftWaiting', 'deadlinesMissed', 'majorWithoutGold'] as const).map((k) => [
          k,
          all.reduce((a, rows) => a + rows[i]![k], 0),
        ]),
      ),
    }));
    process.stdout.write(`\nrebalance on the surge — total over ${all.length} seeds\n\n${rebalanceDayTable(sum)}\n`);
  }
}

main().catch((err) => {
  process.stderr.write(`bench:quality: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
