import { ARC_TERMS, shownCost, type ArcTerms } from '../../../src/domain';
import { buildDispatchProblem } from '../../../src/cost-model/build-problem';
import { makeExplainer } from '../../../src/cost-model/explain';
import { parseProblem } from '../../../src/engine/problem';
import { solve } from '../../../src/engine/solve';
import { verifySolution } from '../../../src/engine/verify';
import { caseIn, config, goldMediator, industryMediator, NOW, villageMediator } from './helpers';

const mediators = [
  villageMediator('v1', 't01-v03'),
  villageMediator('v2', 't01-v08', { expertise: { family: 0.95 } }),
  villageMediator('v3', 't02-v01'),
  industryMediator('i-land', 'land'),
  industryMediator('i-legal', 'legal'),
  industryMediator('i-med', 'medical'),
  goldMediator('g1'),
  goldMediator('g2', { capacity: 1 }),
];
const cases = [
  caseIn('ord', 't01-v02', { class: 'ordinary', category: 'family' }),
  caseIn('pro', 't03-v02', { class: 'professional', category: 'medical' }),
  caseIn('maj', 't04-v02', { class: 'major', category: 'land' }),
];

/** Every term present on an arc, the optional ones (priority) included: summed here, not by the code under test. */
const allTerms = (t: ArcTerms): number => Object.values(t).reduce((a, b) => a + (b ?? 0), 0);

function build(loads: Record<string, number> = {}) {
  return buildDispatchProblem({ cases, mediators, loads: new Map(Object.entries(loads)), outcomes: [], config, now: NOW });
}

describe('buildDispatchProblem', () => {
  test('the problem is valid v1 with one task per seat; a major case has a lead and an expert task', () => {
    const dp = build();
    expect(() => parseProblem(dp.problem)).not.toThrow();
    expect(dp.tasks.map((t) => t.id)).toEqual(['ord#sole', 'pro#sole', 'maj#lead', 'maj#expert']);
  });

  test('lead arcs go only to gold and expert arcs only to industry: the two sets are disjoint', () => {
    const dp = build();
    const agentsOf = (task: string) =>
      dp.problem.arcs
        .filter((a) => a.task === task)
        .map((a) => a.agent)
        .sort();
    expect(agentsOf('maj#lead')).toEqual(['g1', 'g2']);
    expect(agentsOf('maj#expert')).toEqual(['i-land', 'i-legal']);
    expect(agentsOf('pro#sole')).toEqual(['g1', 'g2', 'i-med']);
    expect(agentsOf('ord#sole')).toEqual(['g1', 'g2', 'v1', 'v2', 'v3']);
  });

  test('agents carry remaining capacity and convex loadCosts starting at their current load', () => {
    const dp = build({ g1: 4 });
    const g1 = dp.problem.agents.find((a) => a.id === 'g1')!;
    expect(g1.capacity).toBe(2);
    // The gold pool is 4 of 7 seats busy, past seatPressure.to: the balance weighs its pressured weight.
    expect(g1.loadCosts![0]).toBeCloseTo(config.weights.load.underPressure! * (5 / 6) ** config.weights.load.exponent);
    const calm = buildDispatchProblem({ cases, mediators, loads: new Map([['g1', 1]]), outcomes: [], config, now: NOW });
    // 1 of 7: below seatPressure.from, the weight as written.
    expect(calm.problem.agents.find((a) => a.id === 'g1')!.loadCosts![0]).toBeCloseTo(config.weights.load.weight * (2 / 6) ** 2);
  });

  test('every arc cost is exactly the sum of its terms', () => {
    const dp = build();
    dp.candidates.forEach((c, i) => {
      expect(dp.problem.arcs[i]!.cost).toBeCloseTo(allTerms(c.terms), 12);
    });
  });

  test('when a case can wait, then its deadline priority is its own term, not folded into urgency', () => {
    const dp = build();
    const { priority, urgency } = config.weights;
    // 15 days left: the ordinary and professional cases can wait (3 and 10 working days + 1), the major one not (18 + 1).
    const waiting = dp.candidates.filter((c) => dp.tasks[c.task]!.caseId !== 'maj');
    expect(waiting.length).toBeGreaterThan(0);
    for (const c of dp.candidates) {
      expect(c.terms.priority).toBe(dp.tasks[c.task]!.caseId === 'maj' ? undefined : priority.waitCost);
      expect(c.terms.urgency).toBeLessThanOrEqual(urgency.weight);
    }
  });

  test('when a case must be served now, then its arcs carry no priority term', () => {
    const due = caseIn('due', 't01-v02', {
      class: 'ordinary',
      category: 'family',
      deadlineAt: new Date(NOW.getTime() + 86_400_000).toISOString(),
    });
    const dp = buildDispatchProblem({ cases: [due], mediators, loads: new Map(), outcomes: [], config, now: NOW });
    expect(dp.candidates.length).toBeGreaterThan(0);
    for (const c of dp.candidates) expect(c.terms.priority).toBeUndefined();
  });

  test('when gold is full, then the major case is left out with the reason capacity', () => {
    const dp = build({ g1: 6, g2: 1 });
    expect(dp.excluded).toEqual([{ caseId: 'maj', reason: 'capacity', detail: expect.stringContaining('seat lead: 2 at capacity') }]);
    expect(dp.tasks.some((t) => t.caseId === 'maj')).toBe(false);
  });

  test('solved and verified independently, a panel gets two different mediators of the right tiers', async () => {
    const dp = build();
    const sol = await solve(dp.problem);
    expect(sol.status).toBe('optimal');
    const verdict = verifySolution(dp.problem, sol);
    expect(verdict.feasible).toBe(true);
    expect(verdict.objective).toBeCloseTo(sol.objective!, 6);
    const lead = sol.assignments.find((a) => a.task === 'maj#lead')!.agent;
    const expert = sol.assignments.find((a) => a.task === 'maj#expert')!.agent;
    expect(lead).not.toBe(expert);
    expect(mediators.find((m) => m.id === lead)!.tier).toBe('gold');
    expect(mediators.find((m) => m.id === expert)!.tier).toBe('industry');
  });
});

describe('explanations', () => {
  test('the chosen terms add up to the arc cost, alternatives differ by exactly their term differences', () => {
    const dp = build({ v1: 1 });
    const explain = makeExplainer(dp, { category: 'family', alternatives: 3 });
    const chosenArc = dp.candidates.findIndex((c) => dp.tasks[c.task]!.id === 'ord#sole' && c.mediator.id === 'v2');
    const e = explain(chosenArc);
    expect(allTerms(e.chosen.terms)).toBeCloseTo(dp.problem.arcs[chosenArc]!.cost, 12);
    // The cost shown to people leaves the priority out: it orders cases, not mediators.
    expect(shownCost(e.chosen)).toBeCloseTo(e.chosen.total - config.weights.priority.waitCost, 12);
    expect(e.chosen.total).toBeCloseTo(e.chosen.arcCost + e.chosen.loadCost, 12);
    expect(e.alternatives).toHaveLength(3);
    for (const alt of e.alternatives) {
      const arc = dp.problem.arcs.find((a) => a.task === 'ord#sole' && a.agent === alt.mediatorId)!;
      expect(allTerms(alt.terms)).toBeCloseTo(arc.cost, 12);
      const termDiffs = ARC_TERMS.reduce((a, t) => a + alt.difference[t], 0) + alt.difference.loadCost;
      expect(termDiffs).toBeCloseTo(alt.difference.total, 12);
      expect(alt.difference.total).toBeCloseTo(alt.total - e.chosen.total, 12);
    }
    const totals = e.alternatives.map((a) => a.total);
    expect([...totals].sort((a, b) => a - b)).toEqual(totals);
    expect(e.text).toMatch(/^chosen: .*km away, handles family disputes 0\.9, load 0\/4.*; next: /);
    expect(e.alternatives.map((a) => a.mediatorId)).not.toContain('v2');
  });
});
