import { buildDispatchProblem } from '../../../src/cost-model/build-problem';
import { indexProblem } from '../../../src/engine/indexed';
import { solveIndexed } from '../../../src/engine/solve';
import { caseIn, config, goldMediator, industryMediator, NOW, villageMediator } from './helpers';

/** The capacity of issue 18's poison pill: the load-cost schedule once had one entry per unit of it. */
const POISON = 169_220_804;

describe('a capacity far beyond the problem costs nothing (issue 18 poison pill)', () => {
  // Built directly, around the schema (which now refuses it), as a record written into Redis would be.
  const mediators = [
    { ...villageMediator('v-poison', 't01-v03'), capacity: POISON },
    villageMediator('v-ok', 't01-v08'),
    { ...industryMediator('i-land', 'land'), capacity: POISON },
    goldMediator('g1'),
  ];
  const cases = [
    caseIn('c1', 't01-v02', { class: 'ordinary', category: 'family' }),
    caseIn('c2', 't01-v04', { class: 'ordinary', category: 'family' }),
  ];

  test('when a mediator has capacity 169,220,804, then its load schedule holds at most one entry per arc, and the solve assigns every case', async () => {
    const dp = buildDispatchProblem({ cases, mediators, loads: new Map(), outcomes: [], config, now: NOW });
    const arcsOf = (id: string) => dp.problem.arcs.filter((a) => a.agent === id).length;
    expect(dp.problem.agents.map((a) => a.id)).toContain('v-poison');
    for (const agent of dp.problem.agents) {
      expect(agent.loadCosts!.length).toBeLessThanOrEqual(arcsOf(agent.id));
      expect(agent.capacity).toBeLessThanOrEqual(cases.length);
    }
    const sol = await solveIndexed(indexProblem(dp.problem), { timeLimitSec: 5 });
    expect(sol.status).toBe('optimal');
    expect(Array.from(sol.unfilled).every((n) => n === 0)).toBe(true);
  });

  test('when a problem given to the engine states a huge capacity, then the indexed form caps it at the load its arcs could bring', () => {
    const ip = indexProblem({
      tasks: [
        { id: 't1', seats: 1 },
        { id: 't2', seats: 1 },
      ],
      agents: [
        { id: 'a', capacity: 1e12 },
        { id: 'b', capacity: 1 },
      ],
      arcs: [
        { task: 't1', agent: 'a', cost: 1, load: 1 },
        { task: 't2', agent: 'a', cost: 1, load: 1 },
        { task: 't1', agent: 'b', cost: 2, load: 1 },
      ],
      sense: 'min',
    });
    expect(Array.from(ip.capacity)).toEqual([2, 1]);
  });
});
