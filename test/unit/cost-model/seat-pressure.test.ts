import { MemoryDispatchStore } from '../../../src/adapters/memory/dispatch-memory-store';
import { lastRingOpen, poolUtilisation, seatPressure, type PressureInput } from '../../../src/cost-model/seat-pressure';
import { buildDispatchProblem } from '../../../src/cost-model/build-problem';
import { dispatchBatch } from '../../../src/use-cases/dispatch/dispatch-batch';
import type { Seat } from '../../../src/domain';
import { caseIn, config, goldMediator, industryMediator, NOW, unpressured, villageMediator } from './helpers';

const w = config.weights;

function input(over: Partial<PressureInput>): PressureInput {
  return { weights: w, mediators: [], loads: new Map(), waiting: [], now: NOW, neighbours: () => [], ...over };
}

describe('seat pressure', () => {
  test('when a pool is measured, then its open cases and the township’s waiting ordinary cases count over the capacity of mediators not on leave', () => {
    const mediators = [
      villageMediator('a', 't01-v02', { capacity: 4 }),
      villageMediator('b', 't01-v03', { capacity: 4 }),
      villageMediator('away', 't01-v04', { capacity: 4, status: 'on_leave' }),
      industryMediator('i1', 'medical', { capacity: 8 }),
      goldMediator('g1', { capacity: 6 }),
    ];
    const waiting = [caseIn('o', 't01-v05'), caseIn('p', 't01-v05', { class: 'professional', category: 'medical' })];
    const u = poolUtilisation(
      mediators,
      new Map([
        ['a', 3],
        ['away', 4],
        ['i1', 2],
        ['g1', 3],
      ]),
      waiting,
      NOW,
    );
    expect(u.get('village:t01')).toBeCloseTo((3 + 1) / 8);
    expect(u.get('industry:medical')).toBeCloseTo(2 / 8);
    expect(u.get('gold')).toBeCloseTo(3 / 6);
  });

  test('when a pool is below, inside or above the range, then the success and balance weights are as written, in between, or their pressured weights', () => {
    const range = w.seatPressure!;
    const m = villageMediator('a', 't01-v02', { capacity: 100 });
    const at = (open: number) => seatPressure(input({ mediators: [m], loads: new Map([['a', open]]) }))(m);
    expect(w.successUnderPressure).toBeGreaterThan(w.success);
    expect(at(range.from * 100 - 1)).toMatchObject({ pressure: 0, success: w.success, balance: w.load.weight });
    expect(at(range.to * 100 + 1)).toMatchObject({ pressure: 1, success: w.successUnderPressure, balance: w.load.underPressure });
    const mid = at(((range.from + range.to) / 2) * 100);
    expect(mid.pressure).toBeCloseTo(0.5);
    expect(mid.success).toBeCloseTo((w.success + w.successUnderPressure!) / 2);
    expect(mid.balance).toBeCloseTo((w.load.weight + w.load.underPressure!) / 2);
    // loadSuccess has no pressured weight configured: it holds.
    expect(mid.loadSuccess).toBe(w.loadSuccess.weight);
  });

  test('when a neighbouring township runs short, then its neighbours’ village mediators feel it (they take its overflow); industry does not', () => {
    const here = villageMediator('here', 't01-v02', { capacity: 4 });
    const there = villageMediator('there', 't02-v01', { capacity: 4 });
    const ind = industryMediator('i1', 'medical');
    const mediators = [here, there, ind];
    const loads = new Map([['there', 4]]);
    const neighbours = (t: string) => (t === 't01' ? ['t02'] : ['t01']);
    const p = seatPressure(input({ mediators, loads, neighbours }));
    expect(p(here).pressure).toBe(1);
    expect(p(ind).pressure).toBe(0);
    expect(seatPressure(input({ mediators, loads }))(here).pressure).toBe(0);
  });

  test('when load-aware success has a pressured weight, then its price ramps the same way (a county may price it only where seats are short)', () => {
    const weights = { ...w, loadSuccess: { ...w.loadSuccess, weight: 0, underPressure: 40 } };
    const m = villageMediator('a', 't01-v02', { capacity: 4 });
    const at = (open: number) => seatPressure(input({ weights, mediators: [m], loads: new Map([['a', open]]) }))(m).loadSuccess;
    expect(at(0)).toBe(0);
    expect(at(4)).toBe(40);
  });

  test('when the configuration has no seat pressure, then every mediator weighs the weights as written', () => {
    const m = villageMediator('a', 't01-v02', { capacity: 1 });
    const p = seatPressure(input({ weights: unpressured.weights, mediators: [m], loads: new Map([['a', 1]]) }))(m);
    expect(p).toEqual({ pressure: 0, success: w.success, balance: w.load.weight, loadSuccess: w.loadSuccess.weight });
  });

  test('when a township and its neighbours together pass seatPressure.to, then the last ring opens to its cases', () => {
    const home = villageMediator('home', 't08-v01', { capacity: 4 });
    const near = villageMediator('near', 't07-v01', { capacity: 4 });
    const neighbours = (t: string) => (t === 't08' ? ['t07'] : ['t08']);
    const open = (loads: Record<string, number>, waiting = 0) =>
      lastRingOpen(
        input({
          mediators: [home, near],
          loads: new Map(Object.entries(loads)),
          waiting: Array.from({ length: waiting }, (_, i) => caseIn(`w${i}`, 't08-v02')),
          neighbours,
        }),
      )('t08');
    expect(open({ home: 1, near: 1 })).toBe(false);
    expect(open({ home: 1, near: 1 }, 2)).toBe(true); // (2 + 2) / 8 = 0.5
    expect(open({ home: 4 })).toBe(true);
    expect(lastRingOpen(input({ weights: unpressured.weights, mediators: [home, near], neighbours }))('t08')).toBe(true);
  });

  test('when the township has seats to spare, then the dispatch problem carries no arc to the rest of the county', () => {
    const home = villageMediator('home', 't08-v01', { capacity: 4 });
    const far = villageMediator('far', 't01-v03', { capacity: 4 });
    const cases = [caseIn('a', 't08-v02')];
    const arcsTo = (loads: Record<string, number>) =>
      buildDispatchProblem({ cases, mediators: [home, far], loads: new Map(Object.entries(loads)), outcomes: [], config, now: NOW })
        .problem.arcs.map((a) => a.agent)
        .filter((a) => a !== 'home');
    expect(arcsTo({})).toEqual([]);
    expect(arcsTo({ home: 3 })).toEqual(['far']);
  });

  describe('in dispatch', () => {
    // A sits in the case's village with 1 of 4 seats taken; B, 4.9 km away, is idle. Ten colleagues
    // 12 km away are idle (seats to spare) or full (the township short of seats).
    const A = villageMediator('A', 't01-v02', { capacity: 4 });
    const B = villageMediator('B', 't01-v01', { capacity: 4 });
    const colleagues = Array.from({ length: 10 }, (_, i) => villageMediator(`far${i}`, 't01-v12', { capacity: 4 }));

    async function chosen(colleagueLoad: number): Promise<Seat> {
      const loads = new Map([['A', 1], ...colleagues.map((m) => [m.id, colleagueLoad] as [string, number])]);
      class Store extends MemoryDispatchStore {
        override loads() {
          return Promise.resolve(loads);
        }
      }
      const s = new Store([A, B, ...colleagues]);
      s.addCase(caseIn('c1', 't01-v02'));
      const r = await dispatchBatch(s, { config, now: NOW });
      return r.assigned[0]!.assignment.seats[0]!;
    }

    test('when the township has seats to spare, then the local mediator at 1/4 keeps the case (spreading would only add travel)', async () => {
      const seat = await chosen(0);
      expect(seat.mediatorId).toBe('A');
      expect(seat.explanation!.chosen.facts.seatPressure).toBeUndefined();
    });

    test('when the township is short of seats, then the case goes to the idle colleague 4.9 km away, sparing the local seat', async () => {
      const seat = await chosen(4);
      expect(seat.mediatorId).toBe('B');
      expect(seat.explanation!.chosen.facts.seatPressure).toBe(1);
      expect(seat.explanation!.words!.en.summary).toContain('seats are short in this area, so load is spread');
      expect(seat.explanation!.words!['zh-CN'].summary).toContain('席位紧张');
    });

    // Both idle now: A in the case's village, predicted to settle 30%; B 4.9 km away, 90%.
    async function chosenBySuccess(colleagueLoad: number): Promise<string> {
      const loads = new Map(colleagues.map((m) => [m.id, colleagueLoad] as [string, number]));
      class Store extends MemoryDispatchStore {
        override loads() {
          return Promise.resolve(loads);
        }
      }
      const s = new Store([A, B, ...colleagues]);
      s.addCase(caseIn('c1', 't01-v02'));
      const predict = (m: { id: string }) => (m.id === 'A' ? 0.3 : m.id === 'B' ? 0.9 : 0.5);
      const r = await dispatchBatch(s, { config, now: NOW, predict });
      return r.assigned[0]!.assignment.mediatorIds[0]!;
    }

    test('when seats are to spare, then the nearer mediator keeps a case the farther one would settle more often (success at its calm weight)', async () => {
      // 5 × 0.7 = 3.5 against 4.9 km + 5 × 0.1 = 5.4.
      expect(await chosenBySuccess(0)).toBe('A');
    });

    test('when the township is short of seats, then the mediator more likely to settle takes it (a failed case also held a seat)', async () => {
      // 10 × 0.7 = 7 against 4.9 km + 10 × 0.1 = 5.9.
      expect(await chosenBySuccess(4)).toBe('B');
    });
  });
});
