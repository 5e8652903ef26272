/**
 * `node dist/benchmarks/quality-estimators.js [--seed N] [--warmup DAYS]`: how well success estimators
 * recover the hidden truth from the same outcome history — the history the shipped optimizer builds
 * over 90 days after the warm-up. Scored where dispatch decisions are made: within each group of
 * mediators that compete for the same cases (village mediators of a township in a home category;
 * industry mediators of an organisation in a covered category), predicted vs true logit (at zero
 * load, ordinary class) after removing the group mean — rmse, correlation, the slope of truth on
 * prediction (1 = well scaled, < 1 = predictions too spread), and the true logit lost by picking the
 * group's top predicted mediator. `previous` is the estimator shipped before the hierarchical model
 * (prior 0.3 + 0.5·proficiency, shifted by the mediator's record with 8 pseudo-outcomes, then a Beta
 * blend worth 6), kept here only for this comparison.
 */
import { parseArgs, numberFlag } from '../src/cli/args';
import { proficiency, type Category, type Mediator, type OutcomeStat } from '../src/domain';
import { fitSuccessModel, modelSuccess, priorModel } from '../src/cost-model/success-model';
import { estimateEffectSds } from '../src/cost-model/success-hyper';
import { DEFAULT_SEED, generateCounty } from '../src/simulator/county';
import { runSimulation } from '../src/simulator/run';
import { policy } from './lib/quality-policies';

const logit = (p: number) => Math.log(p / (1 - p));
const VILLAGE_HOME: Category[] = ['family', 'marriage_inheritance', 'neighbour', 'land'];

function previousEstimator(outcomes: readonly OutcomeStat[], mediators: readonly Mediator[]) {
  const prior = (prof: number) => 0.3 + 0.5 * prof;
  const byKey = new Map(outcomes.map((o) => [`${o.mediatorId}/${o.category}`, o]));
  const off = new Map<string, number>();
  for (const m of mediators) {
    let s = 0,
      e = 0,
      n = 0;
    for (const o of outcomes)
      if (o.mediatorId === m.id) {
        s += o.successes;
        e += o.attempts * prior(proficiency(m, o.category));
        n += o.attempts;
      }
    off.set(m.id, (s - e) / (n + 8));
  }
  return (m: Mediator, c: Category) => {
    const p0 = Math.min(1, Math.max(0, prior(proficiency(m, c)) + off.get(m.id)!));
    const h = byKey.get(`${m.id}/${c}`);
    return Math.min(0.999, Math.max(0.001, ((h?.successes ?? 0) + 6 * p0) / ((h?.attempts ?? 0) + 6)));
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2), ['seed', 'warmup']);
  const seed = numberFlag(args, 'seed', DEFAULT_SEED);
  const county = generateCounty({ seed });
  const run = await runSimulation({ county, days: 90, warmupDays: numberFlag(args, 'warmup', 14), dispatch: policy('optimizer', county) });
  const outcomes = await run.store.outcomeStats();
  const base = county.config.weights.successModel;
  const ms = county.mediators;
  const truth = (m: Mediator, c: Category) =>
    county.params.propensity.intercept + county.params.propensity.skill * county.trueSkill.get(m.id)![c];
  const groups = new Map<string, { m: Mediator; c: Category }[]>();
  for (const m of ms) {
    const cats =
      m.tier === 'village'
        ? VILLAGE_HOME
        : m.tier === 'industry'
          ? (Object.keys(m.expertise) as Category[]).filter((c) => proficiency(m, c) >= 0.5)
          : [];
    for (const c of cats) {
      const key = m.tier === 'village' ? `${m.township}/${c}` : `${m.organization}/${c}`;
      groups.set(key, [...(groups.get(key) ?? []), { m, c }]);
    }
  }
  const evalEst = (name: string, f: (m: Mediator, c: Category) => number) => {
    let sse = 0,
      n = 0,
      regret = 0,
      g = 0,
      sxy = 0,
      sxx = 0,
      syy = 0;
    for (const list of groups.values()) {
      if (list.length < 2) continue;
      const pred = list.map(({ m, c }) => logit(f(m, c)));
      const tru = list.map(({ m, c }) => truth(m, c));
      const mp = pred.reduce((a, b) => a + b, 0) / pred.length,
        mt = tru.reduce((a, b) => a + b, 0) / tru.length;
      pred.forEach((p, i) => {
        sse += (p - mp - (tru[i]! - mt)) ** 2;
        sxy += (p - mp) * (tru[i]! - mt);
        sxx += (p - mp) ** 2;
        syy += (tru[i]! - mt) ** 2;
        n++;
      });
      const best = pred.indexOf(Math.max(...pred));
      regret += Math.max(...tru) - tru[best]!;
      g++;
    }
    console.log(
      `${name.padEnd(16)} within-group logit rmse ${Math.sqrt(sse / n).toFixed(3)}  corr ${(sxy / Math.sqrt(sxx * syy)).toFixed(3)}  slope ${(sxy / sxx).toFixed(2)}  top-pick regret ${(regret / g).toFixed(3)}`,
    );
  };
  console.log(`seed ${seed}: ${outcomes.reduce((a, o) => a + o.attempts, 0)} outcomes`);
  const p = county.params.propensity;
  evalEst('true curve, stated', (m, c) => 1 / (1 + Math.exp(-(p.intercept + p.skill * proficiency(m, c)))));
  evalEst('configured curve', (m, c) => modelSuccess(priorModel(county.config.weights.successModel), m, c));
  evalEst('previous', previousEstimator(outcomes, ms));
  for (const [su, sv] of [
    [base.mediatorSd, base.categorySd],
    [0.35, 0.35],
    [0.5, 0.5],
    [0.7, 0.7],
  ] as const) {
    const model = fitSuccessModel(outcomes, ms, { ...base, mediatorSd: su, categorySd: sv });
    evalEst(`hier ${su}/${sv}`, (m, c) => modelSuccess(model, m, c));
  }
  const model0 = fitSuccessModel(outcomes, ms, base);
  const eb = estimateEffectSds(outcomes, ms, model0.calibration, [0.05, 0.15, 0.25, 0.35, 0.5, 0.7, 1.0]);
  console.log(
    `empirical Bayes on this history: mediatorSd ${eb.mediatorSd}, categorySd ${eb.categorySd}; fitted calibration ${model0.calibration.map((x) => x.toFixed(2)).join(', ')}`,
  );
}
main().catch((err) => {
  process.stderr.write(`quality-estimators: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
