import { fitLoadShift, loadBand, loadSuccessSchedule, priorLoadShift, type LoadOutcomeStat } from '../../../src/cost-model/load-success';
import { dispatchBatch } from '../../../src/use-cases/dispatch/dispatch-batch';
import { MemoryDispatchStore } from '../../../src/adapters/memory/dispatch-memory-store';
import type { Mediator, OutcomeStat } from '../../../src/domain';
import { caseIn, config, NOW, unpressured, villageMediator } from './helpers';

const params = config.weights.loadSuccess;
const logit = (p: number) => Math.log(p / (1 - p));

/** Closed seats of village mediators: `rate` settled at `openWith` of capacity 4. */
function seats(mediators: readonly Mediator[], openWith: number, rate: number, n: number): LoadOutcomeStat[] {
  return mediators.map((m) => ({
    mediatorId: m.id,
    category: 'family',
    openWith,
    capacity: 4,
    successes: Math.round(rate * n),
    attempts: n,
  }));
}

describe('load-aware success', () => {
  const pool = Array.from({ length: 8 }, (_, i) => villageMediator(`v${i}`, 't01-v02'));

  test('when loads fall in bands, then a ratio on an edge belongs to the band below it', () => {
    expect(loadBand(0.25, [0.5, 0.7, 0.85])).toBe(0);
    expect(loadBand(0.5, [0.5, 0.7, 0.85])).toBe(0);
    expect(loadBand(0.75, [0.5, 0.7, 0.85])).toBe(2);
    expect(loadBand(1, [0.5, 0.7, 0.85])).toBe(3);
  });

  test('when full mediators settled far less often, then the learned shift of the full band is that much lower, the idle band near 0', () => {
    const stats = [...seats(pool, 1, 0.73, 40), ...seats(pool, 4, 0.18, 40)];
    const shift = fitLoadShift(stats, pool, () => logit(0.73), params);
    expect(shift('village', 0.25)).toBeCloseTo(0, 1);
    expect(shift('village', 1)).toBeCloseTo(logit(0.18) - logit(0.73), 0);
    // Pooled per tier: nothing was learned for gold, which keeps the prior.
    expect(shift('gold', 1)).toBe(priorLoadShift(params)('gold', 1));
  });

  test('when the data say a fuller band does better, then the shifts are still non-increasing, so the schedule is convex', () => {
    const stats = [...seats(pool, 3, 0.3, 40), ...seats(pool, 4, 0.9, 40)];
    const shift = fitLoadShift(stats, pool, () => logit(0.7), params);
    expect(shift('village', 1)).toBeLessThanOrEqual(shift('village', 0.75));
    const schedule = loadSuccessSchedule('village', 0, 10, 10, 0.7, shift, 40);
    expect(schedule[0]).toBe(0);
    for (let u = 1; u < schedule.length; u++) expect(schedule[u]!).toBeGreaterThanOrEqual(schedule[u - 1]!);
  });

  test('when the local mediator is at 3/4 load and an idle colleague is 12 km away, then the colleague gets the case and the words say why', async () => {
    const near = villageMediator('near', 't01-v02', { capacity: 4 });
    const far = villageMediator('far', 't01-v12', { capacity: 4 });
    const others = pool.map((m) => ({ ...m, status: 'on_leave' as const }));
    const history: OutcomeStat[] = [near, far].map((m) => ({ mediatorId: m.id, category: 'family', successes: 30, attempts: 40 }));
    class Store extends MemoryDispatchStore {
      override loads() {
        return Promise.resolve(new Map([['near', 3]]));
      }
      override outcomeStats() {
        return Promise.resolve(history);
      }
      override loadOutcomeStats() {
        return Promise.resolve([...seats(pool, 1, 0.73, 40), ...seats(pool, 4, 0.18, 40)]);
      }
    }
    const s = new Store([near, far, ...others]);
    s.addCase(caseIn('c1', 't01-v02'));
    // Load-aware success alone: without seat pressure, which these two mediators' township would show.
    const r = await dispatchBatch(s, { config: unpressured, now: NOW });
    const seat = r.assigned[0]!.assignment.seats[0]!;
    expect(seat.mediatorId).toBe('far');
    const runnerUp = seat.explanation!.alternatives[0]!;
    expect(runnerUp.facts.successWithoutLoad! - runnerUp.facts.predictedSuccess).toBeGreaterThan(0.3);
    expect(seat.explanation!.words!.en.summary).toContain('at which load predicted success falls to');
    expect(seat.explanation!.words!['zh-CN'].summary).toContain('负荷过重');
  });

  test('when no load is learned, then the same local mediator at 1/4 load keeps the case (the distance decides)', async () => {
    const near = villageMediator('near', 't01-v02', { capacity: 4 });
    const far = villageMediator('far', 't01-v12', { capacity: 4 });
    const s = new MemoryDispatchStore([near, far]);
    s.addCase(caseIn('c1', 't01-v02'));
    const r = await dispatchBatch(s, { config, now: NOW });
    expect(r.assigned[0]!.assignment.mediatorIds).toEqual(['near']);
  });
});
