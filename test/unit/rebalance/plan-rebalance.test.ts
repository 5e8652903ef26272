import fc from 'fast-check';
import { planRebalance } from '../../../src/planning/rebalance/plan-rebalance';
import { tinyModel, type TinyAgent, type TinySeat } from './fixtures';
import { choiceOf, exhaustiveOptimum, penalisedObjective } from './reference';

const two: TinyAgent[] = [
  { id: 'A', capacity: 5 },
  { id: 'B', capacity: 5 },
];

describe('planRebalance', () => {
  it('when a move gains less than its penalty, then the seat stays', async () => {
    const plan = await planRebalance(tinyModel(two, [{ current: 'A', arcs: { A: 5, B: 4 }, penalty: 1.5 }]));
    expect(plan.status).toBe('optimal');
    expect(plan.moves).toEqual([]);
    expect(plan.gain).toBe(0);
  });

  it('when a move gains more than its penalty, then the seat moves and the plan shows the gain by term', async () => {
    const plan = await planRebalance(tinyModel(two, [{ current: 'A', arcs: { A: 5, B: 2 }, penalty: 1.5 }]));
    expect(plan.moves).toHaveLength(1);
    const [move] = plan.moves;
    expect(move).toMatchObject({ from: 'A', to: 'B', reason: 'gain', penalty: 1.5 });
    expect(move!.gain.byTerm).toEqual({ travel: 3 });
    expect(move!.gain.total).toBeCloseTo(3);
    expect(move!.gain.net).toBeCloseTo(1.5);
    expect(plan.before.cost.total).toBeCloseTo(5);
    expect(plan.after.cost.total).toBeCloseTo(2);
  });

  it('when stability is ignored, then any gain moves the seat', async () => {
    const plan = await planRebalance(tinyModel(two, [{ current: 'A', arcs: { A: 5, B: 4.9 }, penalty: 1.5 }]), { ignoreStability: true });
    expect(plan.moves.map((m) => m.to)).toEqual(['B']);
    expect(plan.penalties).toBe(0);
  });

  it('when the mediator is leaving, then the seat moves even at a loss', async () => {
    const agents: TinyAgent[] = [{ id: 'B', capacity: 5 }];
    const plan = await planRebalance(tinyModel(agents, [{ current: 'A', arcs: { B: 9 }, penalty: 3, forced: 'leave' }]));
    expect(plan.moves).toMatchObject([{ from: 'A', to: 'B', reason: 'leave' }]);
    expect(plan.movesByReason.leave).toBe(1);
  });

  it('when a forced seat has nowhere to go, then it stays and is reported stranded', async () => {
    const agents: TinyAgent[] = [
      { id: 'A', capacity: 5 },
      { id: 'B', capacity: 1, fixedLoad: 1 },
    ];
    const plan = await planRebalance(tinyModel(agents, [{ current: 'A', arcs: { A: 1, B: 1 }, forced: 'deadline' }]));
    expect(plan.moves).toEqual([]);
    expect(plan.stranded).toMatchObject([{ caseId: 'c0', mediatorId: 'A', reason: 'deadline' }]);
  });

  it('when one mediator is overloaded, then the load term moves the cases whose relief beats the penalty', async () => {
    const agents: TinyAgent[] = [
      { id: 'A', capacity: 4, loadCosts: [0, 1, 4, 9] },
      { id: 'B', capacity: 4, loadCosts: [0, 1, 4, 9] },
    ];
    const seats: TinySeat[] = [0, 1, 2, 3].map(() => ({ current: 'A', arcs: { A: 1, B: 1.5 }, penalty: 1 }));
    const plan = await planRebalance(tinyModel(agents, seats));
    // Load 4/0 costs 14; 3/1 costs 5 + 1.5 + 1; 2/2 costs 2 + 3 + 2 — the third move would gain nothing.
    expect(plan.moves).toHaveLength(2);
    expect(plan.after.spread.spread).toBeLessThan(plan.before.spread.spread);
    expect(plan.moves.reduce((s, m) => s + m.gain.load, 0)).toBeCloseTo(plan.before.cost.load - plan.after.cost.load);
  });

  it('when a cap is set, then no mediator sees more discretionary moves than the cap', async () => {
    const agents: TinyAgent[] = [
      { id: 'A', capacity: 5 },
      { id: 'B', capacity: 5 },
      { id: 'C', capacity: 5 },
    ];
    const seats: TinySeat[] = [
      { current: 'A', arcs: { A: 9, B: 1, C: 2 }, penalty: 1 },
      { current: 'A', arcs: { A: 9, B: 2, C: 1 }, penalty: 1 },
      { current: 'A', arcs: { A: 9, B: 1.5 }, penalty: 1 },
    ];
    const plan = await planRebalance(tinyModel(agents, seats), { maxMovesPerMediator: 1 });
    const perMediator = new Map<string, number>();
    for (const m of plan.moves) for (const id of [m.from, m.to]) perMediator.set(id, (perMediator.get(id) ?? 0) + 1);
    expect(Math.max(...perMediator.values())).toBeLessThanOrEqual(1);
    expect(plan.moves).toHaveLength(1);
    expect(plan.rounds).toBeGreaterThan(1);
  });

  it('when checked against an exhaustive search, then the plan is optimal for the penalised objective and no move is worth undoing', async () => {
    const agentIds = ['A', 'B', 'C'];
    const seatArb = fc.record({
      current: fc.constantFrom(...agentIds),
      costs: fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 })),
      drop: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()),
      penalty: fc.constantFrom(0, 1, 2.5, 4),
      forced: fc.constantFrom(undefined, undefined, undefined, 'leave' as const, 'deadline' as const),
    });
    const agentArb = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 1 }), fc.constantFrom(0, 1, 2));
    await fc.assert(
      fc.asyncProperty(
        fc.array(seatArb, { minLength: 1, maxLength: 5 }),
        fc.tuple(agentArb, agentArb, agentArb),
        async (rawSeats, rawAgents) => {
          const agents: TinyAgent[] = rawAgents.map(([capacity, fixed, w], i) => ({
            id: agentIds[i]!,
            capacity: capacity + fixed + 2,
            fixedLoad: fixed,
            loadCosts: [0, w, 2 * w, 4 * w, 8 * w, 16 * w, 32 * w],
          }));
          const seats: TinySeat[] = rawSeats.map((s) => {
            const arcs: Record<string, number> = {};
            agentIds.forEach((id, i) => {
              if (id === s.current || !s.drop[i]) arcs[id] = s.costs[i]!;
            });
            return { current: s.current, arcs, penalty: s.penalty, ...(s.forced ? { forced: s.forced } : {}) };
          });
          const model = tinyModel(agents, seats);
          const plan = await planRebalance(model);
          const choice = choiceOf(model, plan);
          const got = penalisedObjective(model, choice);
          expect(got).not.toBeNull();
          expect(got!).toBeCloseTo(exhaustiveOptimum(model), 6);
          // Undoing any one discretionary move never lowers the objective: each move earns its penalty.
          plan.moves
            .filter((m) => m.reason === 'gain')
            .forEach((m) => {
              const s = model.seats.findIndex((x) => x.id === m.seatId);
              const undone = choice.map((a, i) => (i === s ? model.seats[s]!.current : a));
              const v = penalisedObjective(model, undone);
              if (v !== null) expect(v).toBeGreaterThanOrEqual(got! - 1e-9);
            });
          // The plan's own figures agree with an independent recount.
          const full = await planRebalance(model, { ignoreStability: true });
          expect(penalisedObjective(model, choiceOf(model, full), { ignoreStability: true })!).toBeCloseTo(
            exhaustiveOptimum(model, { ignoreStability: true }),
            6,
          );
          expect(full.gain).toBeGreaterThanOrEqual(plan.gain - 1e-9);
        },
      ),
      { numRuns: 150, seed: 20261127 },
    );
  });
});
