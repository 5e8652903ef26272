import { dispatchBatch } from '../../../src/use-cases/dispatch/dispatch-batch';
import { generateCounty } from '../../../src/simulator/county';
import { runSimulation, type Dispatcher } from '../../../src/simulator/run';
import { summarizeRun } from '../../../src/simulator/summary';
import { trueSuccess } from '../../../src/simulator/truth';

const county = generateCounty();
const optimizer: Dispatcher = async (store, now) => {
  const r = await dispatchBatch(store, { config: county.config, now });
  return { ...r, solveMs: r.stats.solveMs };
};

describe('simulation run', () => {
  test('when dispatching a few days, then no mediator exceeds capacity at any dispatch and no case is assigned twice', async () => {
    const violations: string[] = [];
    const run = await runSimulation({
      county,
      days: 3,
      warmupDays: 3,
      dispatch: optimizer,
      afterDispatch: async (store) => {
        const loads = await store.loads();
        for (const m of county.mediators) if ((loads.get(m.id) ?? 0) > m.capacity) violations.push(m.id);
      },
    });
    expect(violations).toEqual([]);
    const assigned = run.store.allCases().filter((c) => c.assignment);
    for (const c of assigned) {
      expect(new Set(c.assignment!.mediatorIds).size).toBe(c.assignment!.mediatorIds.length);
      expect(c.assignment!.seats).toHaveLength(c.class === 'major' ? 2 : 1);
    }
    // Loads equal the open seats recomputed from the cases.
    const open = new Map<string, number>();
    for (const c of run.store.allCases())
      if (c.status === 'assigned') for (const id of c.assignment!.mediatorIds) open.set(id, (open.get(id) ?? 0) + 1);
    const loads = await run.store.loads();
    for (const m of county.mediators) expect(loads.get(m.id) ?? 0).toBe(open.get(m.id) ?? 0);
  });

  test('when run twice with the same seed, then the summaries are identical', async () => {
    const a = await summarizeRun(await runSimulation({ county, days: 2, dispatch: optimizer }));
    const b = await summarizeRun(await runSimulation({ county: generateCounty(), days: 2, dispatch: optimizer }));
    expect({ ...a, solveMs: 0 }).toEqual({ ...b, solveMs: 0 });
    expect(a.cases).toBeGreaterThan(30);
  });
});

describe('hidden truth', () => {
  const m = county.mediators.find((x) => x.tier === 'village')!;
  const gold = county.mediators.find((x) => x.tier === 'gold')!;
  const c = { category: 'family' as const, class: 'ordinary' as const };

  test('overload hurts: success falls once load passes the overload start', () => {
    const p = (ratio: number) => trueSuccess([m], c, [ratio], county.trueSkill, county.params);
    expect(p(0.5)).toBeCloseTo(p(0.2), 12);
    expect(p(0.8)).toBeLessThan(p(0.5));
    expect(p(1)).toBeLessThan(p(0.8));
  });

  test('expertise helps: a higher true skill means a higher probability', () => {
    const skill = new Map(county.trueSkill);
    const low = new Map(skill).set(m.id, { ...skill.get(m.id)!, family: 0.2 });
    const high = new Map(skill).set(m.id, { ...skill.get(m.id)!, family: 0.9 });
    expect(trueSuccess([m], c, [0], high, county.params)).toBeGreaterThan(trueSuccess([m], c, [0], low, county.params));
  });

  test('harder classes settle less often; a panel gets its bonus', () => {
    const p1 = trueSuccess([gold], { category: 'land', class: 'ordinary' }, [0], county.trueSkill, county.params);
    const p2 = trueSuccess([gold], { category: 'land', class: 'major' }, [0], county.trueSkill, county.params);
    expect(p2).toBeLessThan(p1);
    const panel = trueSuccess([gold, gold], { category: 'land', class: 'major' }, [0, 0], county.trueSkill, county.params);
    expect(panel).toBeGreaterThan(p2);
  });
});
