import { MemoryRebalanceStore } from '../../../src/adapters/memory/rebalance-memory-store';
import { runRebalance } from '../../../src/use-cases/rebalance/run-rebalance';
import { buildRebalanceModel } from '../../../src/planning/rebalance/build-model';
import { planRebalance } from '../../../src/planning/rebalance/plan-rebalance';
import { DEFAULT_STABILITY_POLICY } from '../../../src/planning/rebalance/policy';
import { buildDispatchProblem } from '../../../src/cost-model/build-problem';
import { unpressured as config, villageMediator } from '../cost-model/helpers';
import { NIGHT, heldCase, snapshotOf } from './domain-fixtures';

/**
 * Issue 20: the rebalance prices arcs with the dispatcher's cost model, load-aware success
 * included, so it does not move a case onto a mediator whom the case would overload.
 */
describe('rebalance with load-aware success', () => {
  // A sits in the case's village with 3 of 4 seats taken by cases already in mediation (they stay);
  // B, 4.9 km away, holds the case. Moving it to A saves the travel but fills A to 4/4.
  const A = villageMediator('A', 't01-v01', { capacity: 4 });
  const B = villageMediator('B', 't01-v02', { capacity: 4 });
  const cases = [
    heldCase('a1', 't01-v01', 'A', 'mediating'),
    heldCase('a2', 't01-v01', 'A', 'mediating'),
    heldCase('a3', 't01-v01', 'A', 'mediating'),
    heldCase('c', 't01-v01', 'B', 'assigned'),
  ];
  const snap = snapshotOf([A, B], cases);

  it('when the nearer mediator would be overloaded, then the case stays; with the load effect ignored it would move', async () => {
    const aware = await planRebalance(buildRebalanceModel({ ...snap, config, policy: DEFAULT_STABILITY_POLICY, now: NIGHT }).model);
    const blind = await planRebalance(
      buildRebalanceModel({ ...snap, config, policy: DEFAULT_STABILITY_POLICY, now: NIGHT, loadShift: () => 0 }).model,
    );
    expect(aware.moves).toEqual([]);
    expect(blind.moves.map((m) => [m.caseId, m.from, m.to])).toEqual([['c', 'B', 'A']]);
  });

  it('when the rebalance prices an arc, then it is the dispatcher’s price for the same seat at the same loads', () => {
    const { model } = buildRebalanceModel({ ...snap, config, policy: DEFAULT_STABILITY_POLICY, now: NIGHT });
    // The loads the rebalance solves against: what stays (the cases in mediation), not the movable case.
    const dp = buildDispatchProblem({
      cases: [cases[3]!],
      mediators: [A, B],
      loads: new Map([['A', 3]]),
      outcomes: [],
      config,
      now: NIGHT,
    });
    const toA = dp.candidates.find((c) => c.mediator.id === 'A')!;
    const e = model.arcAgent.findIndex((agent) => model.agents[agent]!.id === 'A');
    expect(model.arcCost[e]).toBeCloseTo(toA.cost, 12);
    expect(toA.facts.successWithoutLoad).toBeGreaterThan(toA.facts.predictedSuccess);
  });

  it('when the nightly run reads the store, then it leaves the case with B', async () => {
    const run = await runRebalance(new MemoryRebalanceStore('shandan', snap), { config, now: NIGHT, dryRun: true });
    if (run.status === 'locked') throw new Error('unexpected lock');
    expect(run.plan.moves).toEqual([]);
  });
});
