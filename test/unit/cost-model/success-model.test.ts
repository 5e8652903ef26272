import type { OutcomeStat } from '../../../src/domain';
import {
  fitSuccessModel,
  modelSuccess,
  modelUncertainty,
  priorModel,
  shiftedSuccess,
  type SuccessModelParams,
} from '../../../src/cost-model/success-model';
import { mediatorPosterior } from '../../../src/cost-model/success-posterior';
import { estimateEffectSds } from '../../../src/cost-model/success-hyper';
import { Rng } from '../../../src/domain/random';
import { mediator } from '../domain/fixtures';

const params: SuccessModelParams = { intercept: -0.85, perProficiency: 2.23, calibrationSd: 1, mediatorSd: 0.35, categorySd: 0.25 };
const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/** Log posterior of one mediator's w (up to a constant), written out directly from the model. */
function logPosterior(cells: readonly { base: number; s: number; n: number }[], w: readonly number[], su: number, sv: number): number {
  let lp = 0;
  cells.forEach((c, i) => {
    const eta = c.base + w[i]!;
    lp += c.s * eta - c.n * Math.log(1 + Math.exp(eta));
  });
  // Prior N(0, Σ), Σ = su²·11ᵀ + sv²·I, for k = 2 inverted by hand.
  const a = su * su + sv * sv,
    b = su * su,
    det = a * a - b * b;
  lp -= (a * w[0]! * w[0]! - 2 * b * w[0]! * w[1]! + a * w[1]! * w[1]!) / (2 * det);
  return lp;
}

describe('mediator posterior', () => {
  test('no outcomes: effects stay 0', () => {
    const r = mediatorPosterior([{ base: 0.5, s: 0, n: 0 }], 0.35, 0.25);
    expect(r.w[0]).toBeCloseTo(0, 8);
    expect(r.u).toBeCloseTo(0, 8);
  });

  test('the mode matches a brute-force search of the log posterior (two categories)', () => {
    const cells = [
      { base: 0.6, s: 5, n: 6 },
      { base: -0.2, s: 0, n: 3 },
    ];
    const { w } = mediatorPosterior(cells, 0.4, 0.3);
    let best = { lp: -Infinity, w0: 0, w1: 0 };
    for (let w0 = -2; w0 <= 2; w0 += 0.005) {
      for (let w1 = -2; w1 <= 2; w1 += 0.005) {
        const lp = logPosterior(cells, [w0, w1], 0.4, 0.3);
        if (lp > best.lp) best = { lp, w0, w1 };
      }
    }
    expect(w[0]).toBeCloseTo(best.w0, 2);
    expect(w[1]).toBeCloseTo(best.w1, 2);
  });

  test('the shared effect u sits between 0 and the observed categories, and pools their evidence', () => {
    const good = mediatorPosterior(
      [
        { base: 0.8, s: 4, n: 4 },
        { base: 0.8, s: 3, n: 3 },
      ],
      0.35,
      0.25,
    );
    expect(good.u).toBeGreaterThan(0);
    expect(good.u).toBeLessThan(Math.min(...good.w));
    const one = mediatorPosterior([{ base: 0.8, s: 4, n: 4 }], 0.35, 0.25);
    expect(good.u).toBeGreaterThan(one.u);
  });

  test('Laplace evidence is close to the integral over the effect (one category)', () => {
    const cell = { base: 0.7, s: 7, n: 10 };
    const su = 0.35,
      sv = 0.25,
      sd = Math.hypot(su, sv);
    let integral = 0;
    const h = 0.001;
    for (let x = -6; x <= 6; x += h) {
      const eta = cell.base + x;
      const lik = Math.exp(cell.s * eta - cell.n * Math.log(1 + Math.exp(eta)));
      integral += (lik * Math.exp(-(x * x) / (2 * sd * sd)) * h) / (sd * Math.sqrt(2 * Math.PI));
    }
    expect(mediatorPosterior([cell], su, sv).logEvidence).toBeCloseTo(Math.log(integral), 2);
  });
});

describe('success model', () => {
  const ms = [
    mediator({ id: 'a', expertise: { family: 0.8, neighbour: 0.6 } }),
    mediator({ id: 'b', expertise: { family: 0.8, neighbour: 0.6 } }),
  ];

  test('with no history it is the configured curve', () => {
    const fitted = fitSuccessModel([], ms, params);
    for (const model of [fitted, priorModel(params)]) {
      expect(modelSuccess(model, ms[0]!, 'family')).toBeCloseTo(logistic(-0.85 + 2.23 * 0.8), 10);
      expect(modelSuccess(model, ms[0]!, 'land')).toBeCloseTo(logistic(-0.85), 10);
    }
  });

  test('a mediator who settles everything is predicted higher, most in the category seen, also in the others', () => {
    const outcomes: OutcomeStat[] = [{ mediatorId: 'a', category: 'family', successes: 6, attempts: 6 }];
    // The calibration held at the configured curve, so the lift is the mediator's own (logit scale).
    const model = fitSuccessModel(outcomes, ms, { ...params, calibrationSd: 1e-3 });
    const logit = (p: number) => Math.log(p / (1 - p));
    const liftFamily = logit(modelSuccess(model, ms[0]!, 'family')) - logit(modelSuccess(model, ms[1]!, 'family'));
    const liftNeighbour = logit(modelSuccess(model, ms[0]!, 'neighbour')) - logit(modelSuccess(model, ms[1]!, 'neighbour'));
    expect(liftNeighbour).toBeGreaterThan(0);
    expect(liftFamily).toBeGreaterThan(liftNeighbour);
    // A mediator with no outcomes keeps the curve.
    expect(modelSuccess(model, ms[1]!, 'family')).toBeCloseTo(logistic(-0.85 + 2.23 * 0.8), 3);
  });

  test('uncertainty shrinks with outcomes and optimism lifts the little-known more', () => {
    const outcomes: OutcomeStat[] = [{ mediatorId: 'a', category: 'family', successes: 15, attempts: 20 }];
    const model = fitSuccessModel(outcomes, ms, params);
    expect(modelUncertainty(model, ms[1]!, 'family')).toBeCloseTo(Math.hypot(0.35, 0.25), 10);
    expect(modelUncertainty(model, ms[0]!, 'family')).toBeLessThan(modelUncertainty(model, ms[0]!, 'neighbour'));
    expect(modelUncertainty(model, ms[0]!, 'neighbour')).toBeLessThan(modelUncertainty(model, ms[1]!, 'neighbour'));
    const lift = (m: (typeof ms)[number]) => shiftedSuccess(model, m, 'family', 1) - modelSuccess(model, m, 'family');
    expect(lift(ms[1]!)).toBeGreaterThan(lift(ms[0]!));
  });

  test('with much history a cell tends to its observed rate', () => {
    const model = fitSuccessModel([{ mediatorId: 'a', category: 'family', successes: 200, attempts: 1000 }], ms, {
      ...params,
      calibrationSd: 0.01,
    });
    expect(modelSuccess(model, ms[0]!, 'family')).toBeCloseTo(0.2, 1);
  });

  test('the calibration is learned from many outcomes drawn from a different curve', () => {
    const rng = new Rng(11);
    const mediators = Array.from({ length: 300 }, (_, i) =>
      mediator({ id: `m${i}`, expertise: { family: Math.round(rng.uniform(0, 1) * 100) / 100 } }),
    );
    const outcomes: OutcomeStat[] = mediators.map((m) => {
      const p = logistic(-1.4 + 3.4 * m.expertise.family!);
      let s = 0;
      for (let k = 0; k < 20; k++) if (rng.next() < p) s += 1;
      return { mediatorId: m.id, category: 'family', successes: s, attempts: 20 };
    });
    const model = fitSuccessModel(outcomes, mediators, { ...params, mediatorSd: 0.01, categorySd: 0.01 });
    expect(model.calibration[0]).toBeCloseTo(-1.4, 0);
    expect(model.calibration[1]).toBeCloseTo(3.4, 0);
    const eb = estimateEffectSds(outcomes, mediators, model.calibration, [0.05, 0.3, 0.6]);
    expect(eb.mediatorSd + eb.categorySd).toBeLessThan(0.5);
  });
});
