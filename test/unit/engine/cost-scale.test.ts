import fc from 'fast-check';
import { indexProblem } from '../../../src/engine/indexed';
import { parseProblem, type ProblemInput } from '../../../src/engine/problem';
import { extraCostsScaleIndex, NO_SCALE, positionCosts, scaleAt } from '../../../src/engine/solvers/flow/cost-scale';
import { buildFlowNetwork } from '../../../src/engine/solvers/flow/network';

const costsOf = (values: readonly number[], sign: 1 | -1 = 1, from = 0) =>
  positionCosts(Float64Array.from(values), null, sign, from, new Float64Array(values.length));

describe('holding arc costs as scaled integers', () => {
  it('when every cost is an integer, then they are held as Int32 at scale 1', () => {
    const held = costsOf([3, -7, 0, 2 ** 31 - 1]);
    expect(held.cost).toBeInstanceOf(Int32Array);
    expect(scaleAt(held.scaleIndex)).toBe(1);
    expect([...held.cost]).toEqual([3, -7, 0, 2 ** 31 - 1]);
  });

  it('when costs have up to k decimals, then they are held × 10^k, and the negation for max', () => {
    const held = costsOf([1.5, 12.25, -0.1, 4.35], -1);
    expect(held.cost).toBeInstanceOf(Int32Array);
    expect(scaleAt(held.scaleIndex)).toBe(100);
    expect([...held.cost]).toEqual([-150, -1225, 10, -435]);
  });

  it('when a cost is no short decimal or too large for Int32 once scaled, then all are held as doubles', () => {
    for (const odd of [1 / 3, 2 ** 31, 0.1234567, 300_000_000.5]) {
      const held = costsOf([1, 2.5, odd]);
      expect(held.cost).toBeInstanceOf(Float64Array);
      expect(held.scaleIndex).toBe(NO_SCALE);
      expect([...held.cost]).toEqual([1, 2.5, odd]);
    }
  });

  it('when the other costs need more decimals than the arcs, then the arcs are held at their scale', () => {
    const k = extraCostsScaleIndex([0.25, 3]);
    expect(scaleAt(k)).toBe(100);
    expect([...costsOf([1, 2], 1, k).cost]).toEqual([100, 200]);
    expect(extraCostsScaleIndex([1 / 3])).toBe(NO_SCALE);
  });

  it('when decimals of random size are held, then each is exact: held / scale is the cost itself', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -2_000_000, max: 2_000_000 }), fc.integer({ min: 0, max: 3 })), {
          minLength: 1,
          maxLength: 50,
        }),
        (raw) => {
          const values = raw.map(([n, d]) => n / 10 ** d);
          const held = costsOf(values);
          expect(held.cost).toBeInstanceOf(Int32Array);
          const scale = scaleAt(held.scaleIndex);
          expect(scale).toBeLessThanOrEqual(1000);
          held.cost.forEach((v, j) => expect(v / scale).toBe(values[j]));
        },
      ),
    );
  });

  it('when a network is built, then load-unit and unfilled costs share the arcs’ scale and sense', () => {
    const input: ProblemInput = {
      tasks: [{ id: 't' }],
      agents: [{ id: 'a', capacity: 2, loadCosts: [1.25, 0.5] }],
      arcs: [{ task: 't', agent: 'a', cost: 2.1 }],
      sense: 'max',
      unassignedCost: 0.5,
    };
    const net = buildFlowNetwork(indexProblem(parseProblem(input)));
    expect(net.costScale).toBe(100);
    expect([...net.positionCost]).toEqual([-210]);
    expect([...net.unitCosts[0]!]).toEqual([-125, -50]);
    expect(net.unfilledCost).toBe(-50);
  });
});
