import { generateCounty, type SimCounty } from '../../src/simulator/county';
import { runSimulation, type Dispatcher } from '../../src/simulator/run';
import { SPRING_SURGE, withScenario } from '../../src/simulator/scenario';
import type { CostWeights } from '../../src/domain/config/schema';
import { DAY_MS } from '../../src/domain/time';
import { policy, type PolicyName } from './quality-policies';
import { policyMetrics, UtilisationSampler, type PolicyMetrics } from './quality-metrics';
import { SurgeObserver, type SurgeMetrics } from './quality-surge';

/**
 * `bench:quality --frontier` (issue 20): what two of the targets cost, measured rather than
 * argued. Each sweep runs our optimizer with one weight moved (the rest as shipped) against the
 * baselines its target is judged by, on the same seeds:
 * - on the spring surge, the load-balance weight (`load.weight` = `load.underPressure` = x): load
 *   spread (target ≤ 1.3) against median travel vs greedy (target ≤ +15%) and settlement;
 * - on the calm year, the price of predicted failure where seats are to spare (`success`) and of
 *   success lost to load (`loadSuccess.weight`): success and travel vs greedy against today's
 *   policy (target: neither worse, per seed).
 */

/** One policy's run, by name or as our optimizer with some weights moved. */
export interface PolicyRun {
  readonly label: string;
  readonly dispatcher: (county: SimCounty) => Dispatcher;
}

export const named = (name: PolicyName): PolicyRun => ({ label: name, dispatcher: (county) => policy(name, county) });

/** Our optimizer with `patch` over the shipped cost weights; the simulator itself is untouched. */
export function reweighted(label: string, patch: (w: CostWeights) => CostWeights): PolicyRun {
  return {
    label,
    dispatcher: (county) => policy('optimizer', { ...county, config: { ...county.config, weights: patch(county.config.weights) } }),
  };
}

/** One policy on the spring surge for one seed, judged by the surge observer. */
export async function surgeRun(seed: number, days: number, warmupDays: number, run: PolicyRun): Promise<SurgeMetrics> {
  const surge = SPRING_SURGE.surge!;
  const leave = SPRING_SURGE.festivalLeave!;
  const county = withScenario(generateCounty({ seed }), SPRING_SURGE);
  const window = {
    from: county.start.getTime() + surge.fromDay * DAY_MS,
    to: county.start.getTime() + (leave.fromDay + leave.days) * DAY_MS,
  };
  const observer = new SurgeObserver(county.config, window);
  const result = await runSimulation({ county, days, warmupDays, scenario: SPRING_SURGE, dispatch: observer.wrap(run.dispatcher(county)) });
  return observer.metrics(run.label, result);
}

/** One policy on the calm year for one seed. */
export async function calmRun(seed: number, days: number, warmupDays: number, run: PolicyRun): Promise<PolicyMetrics> {
  const county = generateCounty({ seed });
  const sampler = new UtilisationSampler(county.mediators);
  const result = await runSimulation({
    county,
    days,
    warmupDays,
    dispatch: run.dispatcher(county),
    afterDispatch: (s, at) => sampler.sample(s, at),
  });
  return policyMetrics(run.label, result, sampler.result());
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const signed = (x: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(1)}%`;
const table = (head: readonly string[], rows: readonly (readonly string[])[]): string => {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
};

/** Runs one policy on every seed, in turn. */
async function overSeeds<T>(seeds: readonly number[], once: (seed: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (const seed of seeds) out.push(await once(seed));
  return out;
}

/** Surge: load spread and median travel vs greedy as the balance weight grows, mean over seeds. */
export async function spreadFrontier(
  seeds: readonly number[],
  days: number,
  warmupDays: number,
  weights: readonly number[],
): Promise<string> {
  const runs = [
    { ...named('optimizer'), label: 'ours as shipped' },
    ...weights.map((x) => reweighted(`balance ${x}`, (w) => ({ ...w, load: { ...w.load, weight: x, underPressure: x } }))),
    named('oracle-ability'),
  ];
  const greedy = await overSeeds(seeds, (seed) => surgeRun(seed, days, warmupDays, named('greedy')));
  const row = (label: string, ms: readonly SurgeMetrics[]) => [
    label,
    `${(mean(ms.map((m) => m.settlementRate)) * 100).toFixed(1)}%`,
    mean(ms.map((m) => m.loadSpread)).toFixed(2),
    mean(ms.map((m) => m.medianTravelKm)).toFixed(2),
    signed(mean(ms.map((m, i) => (m.medianTravelKm / greedy[i]!.medianTravelKm - 1) * 100))),
  ];
  const rows: string[][] = [];
  for (const run of runs) rows.push(row(run.label, await overSeeds(seeds, (seed) => surgeRun(seed, days, warmupDays, run))));
  rows.push(row('greedy', greedy));
  return table(['policy', 'settled', 'load spread (≤ 1.3)', 'median km', 'vs greedy (≤ +15%)'], rows);
}

/** Calm year: success and mean travel vs greedy of each variant of ours, against today's policy (first row). */
export async function calmFrontier(
  seeds: readonly number[],
  days: number,
  warmupDays: number,
  variants: readonly PolicyRun[],
): Promise<string> {
  const runs = [named('today'), ...variants, { ...named('optimizer'), label: 'ours as shipped' }];
  const greedy = await overSeeds(seeds, (seed) => calmRun(seed, days, warmupDays, named('greedy')));
  const results: { label: string; ms: PolicyMetrics[] }[] = [];
  for (const run of runs) results.push({ label: run.label, ms: await overSeeds(seeds, (seed) => calmRun(seed, days, warmupDays, run)) });
  return calmTable(results, greedy);
}

/**
 * The calm sweep's table: per policy (today's first) the mean success and travel vs greedy, and on
 * how many seeds each is not worse than today's — at the tenth of a point, as the calm verdict judges.
 */
export function calmTable(
  results: readonly { readonly label: string; readonly ms: readonly PolicyMetrics[] }[],
  greedy: readonly PolicyMetrics[],
): string {
  const travel = (ms: readonly PolicyMetrics[]) => ms.map((m, i) => (m.meanTravelKm / greedy[i]!.meanTravelKm - 1) * 100);
  const tenth = (x: number) => Math.round(x * 10) / 10;
  const today = results[0]!.ms;
  const rows = results.map(({ label, ms }) => [
    label,
    `${(mean(ms.map((m) => m.successRate)) * 100).toFixed(1)}%`,
    signed(mean(travel(ms))),
    `${ms.filter((m, i) => tenth(m.successRate * 100) >= tenth(today[i]!.successRate * 100)).length} of ${ms.length}`,
    `${travel(ms).filter((t, i) => tenth(t) <= tenth(travel(today)[i]!)).length} of ${ms.length}`,
  ]);
  return table(['policy', 'success', 'travel vs greedy', "seeds success ≥ today's", "seeds travel ≤ today's"], rows);
}
