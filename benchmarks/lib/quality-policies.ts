import { distanceKm, proficiency, type Assignment, type Case, type Mediator, type Seat } from '../../src/domain';
import { indexCounty } from '../../src/config/county-index';
import { dispatchBatch } from '../../src/dispatch/dispatch-batch';
import type { MemoryDispatchStore } from '../../src/dispatch/memory-store';
import { coverageOf, seatEligibility, seatsFor, type EligibilityContext } from '../../src/optimizer/cost-model/eligibility';
import { priorSuccess } from '../../src/optimizer/cost-model/terms';
import type { SimCounty } from '../../src/sim/county';
import type { DispatchOutcome, Dispatcher } from '../../src/sim/run';
import { trueSuccess } from '../../src/sim/truth';

/**
 * The dispatch policies the quality benchmark compares. All obey the same hard rules (tiers,
 * recusal, leave, capacity) — they differ only in how they choose among eligible mediators.
 */

export type PolicyName = 'optimizer' | 'no-learning' | 'oracle' | 'greedy' | 'round-robin';

/** The optimizer as shipped: predicted success learned from outcome history. */
export function optimizerPolicy(county: SimCounty): Dispatcher {
  return async (store, now) => {
    const r = await dispatchBatch(store, { config: county.config, now });
    return { ...r, solveMs: r.stats.solveMs };
  };
}

/** The optimizer with learning switched off: predicted success from stated proficiency only. */
export function staticPolicy(county: SimCounty): Dispatcher {
  const predict = (m: Mediator, c: Case) => priorSuccess(proficiency(m, c.category), county.config.weights);
  return async (store, now) => {
    const r = await dispatchBatch(store, { config: county.config, now, predict });
    return { ...r, solveMs: r.stats.solveMs };
  };
}

/** The optimizer told the hidden true success probability (at the mediator's load with this case). */
export function oraclePolicy(county: SimCounty): Dispatcher {
  return async (store, now) => {
    const loads = await store.loads();
    const predict = (m: Mediator, c: Case) =>
      trueSuccess([m], c, [((loads.get(m.id) ?? 0) + 1) / Math.max(1, m.capacity)], county.trueSkill, county.params);
    const r = await dispatchBatch(store, { config: county.config, now, predict });
    return { ...r, solveMs: r.stats.solveMs };
  };
}

type Chooser = (eligible: readonly Mediator[], c: Case, seatKey: string) => Mediator;

/** One case at a time, oldest first: for each seat, a primary-pool mediator if any, else overflow. */
function sequentialPolicy(county: SimCounty, choose: Chooser): Dispatcher {
  const county$ = indexCounty(county.config.county);
  const coverage = coverageOf(county.config.organizations.organizations);
  return async (store: MemoryDispatchStore, now: Date): Promise<DispatchOutcome> => {
    const started = performance.now();
    const [cases, mediators, loads0] = await Promise.all([store.waitingCases(), store.listMediators(), store.loads()]);
    const loads = new Map(loads0);
    const ctx: EligibilityContext = { rules: county.config.tierRules, county: county$, coverage, loads, now };
    const commits: { caseId: string; assignment: Assignment }[] = [];
    const unassigned: DispatchOutcome['unassigned'][number][] = [];
    for (const c of cases) {
      const seats: Seat[] = [];
      for (const seat of seatsFor(c, county.config.tierRules)) {
        const ok = mediators
          .map((m) => ({ m, e: seatEligibility(m, c, seat, ctx) }))
          .filter((x) => x.e.eligible && !seats.some((s) => s.mediatorId === x.m.id));
        const primary = ok.filter((x) => x.e.eligible && !x.e.overflow).map((x) => x.m);
        const pool = primary.length ? primary : ok.map((x) => x.m);
        if (pool.length === 0) break;
        const m = choose(pool, c, `${c.class}/${seat.role}/${c.township}/${c.category}/${primary.length ? 'p' : 'o'}`);
        seats.push({ role: seat.role, mediatorId: m.id, cost: 0 });
      }
      if (seats.length < seatsFor(c, county.config.tierRules).length) {
        unassigned.push({ caseId: c.id, reason: 'capacity', detail: 'no eligible mediator with free capacity' });
        continue;
      }
      for (const s of seats) loads.set(s.mediatorId, (loads.get(s.mediatorId) ?? 0) + 1);
      commits.push({ caseId: c.id, assignment: { mediatorIds: seats.map((s) => s.mediatorId), seats, cost: 0, assignedAt: now.toISOString(), by: 'optimizer' } });
    }
    const res = await store.commitAssignments(commits);
    if (res.refused.length) throw new Error(`baseline produced refused commits: ${JSON.stringify(res.refused[0])}`);
    await store.markUnassigned(unassigned.map((u) => ({ caseId: u.caseId, reason: u.reason })));
    return { assigned: commits, unassigned, solveMs: performance.now() - started };
  };
}

/** A dispatcher's habit: the nearest qualified mediator with room. */
export function greedyPolicy(county: SimCounty): Dispatcher {
  return sequentialPolicy(county, (pool, c) =>
    pool.reduce((best, m) => (distanceKm(m.location, c.location) < distanceKm(best.location, c.location) ? m : best)),
  );
}

/** Take turns: the next qualified mediator (by id) after the one chosen last for the same kind of seat. */
export function roundRobinPolicy(county: SimCounty): Dispatcher {
  const last = new Map<string, string>();
  return sequentialPolicy(county, (pool, _c, key) => {
    const sorted = [...pool].sort((a, b) => (a.id < b.id ? -1 : 1));
    const prev = last.get(key);
    const next = sorted.find((m) => prev === undefined || m.id > prev) ?? sorted[0]!;
    last.set(key, next.id);
    return next;
  });
}

export function policy(name: PolicyName, county: SimCounty): Dispatcher {
  switch (name) {
    case 'optimizer':
      return optimizerPolicy(county);
    case 'no-learning':
      return staticPolicy(county);
    case 'oracle':
      return oraclePolicy(county);
    case 'greedy':
      return greedyPolicy(county);
    case 'round-robin':
      return roundRobinPolicy(county);
  }
}
