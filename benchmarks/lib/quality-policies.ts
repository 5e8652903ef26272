import { CATEGORIES, distanceKm, proficiency, type Assignment, type Case, type Mediator, type Seat } from '../../src/domain';
import { dispatchBatch } from '../../src/use-cases/dispatch/dispatch-batch';
import type { MemoryDispatchStore } from '../../src/adapters/memory/dispatch-memory-store';
import { eligibilityContext, seatEligibility, seatsFor } from '../../src/cost-model/eligibility';
import { fitSuccessModel, modelSuccess, priorModel, shiftedSuccess } from '../../src/cost-model/success-model';
import { Rng } from '../../src/domain/random';
import type { SimCounty } from '../../src/simulator/county';
import type { DispatchOutcome, Dispatcher } from '../../src/simulator/run';
import { overload, trueSuccess } from '../../src/simulator/truth';
import { DEFAULT_RESERVATIONS } from '../../src/domain/config/reservation-rules';
import type { LoadShift } from '../../src/cost-model/load-success';
import { omit } from '../../src/domain/omit';

/**
 * The dispatch policies the quality benchmark compares. All obey the same hard rules (tiers,
 * recusal, leave, capacity) — they differ only in how they choose among eligible mediators.
 */

export type PolicyName = 'optimizer' | 'today' | 'no-learning' | 'oracle' | 'greedy' | 'round-robin' | AnalysisPolicyName;

/**
 * Oracles that know part of the hidden truth, to split the gap to the full oracle (docs/simulator.md):
 * `oracle-stated` knows the true curve (intercept, skill slope, gold bonus, class penalty, overload)
 * applied to stated proficiency — no hidden skill; `oracle-ability` also knows each mediator's
 * general ability but not their per-category noise.
 */
export type AnalysisPolicyName = 'oracle-stated' | 'oracle-ability' | 'optimism' | 'thompson';

export const POLICY_NAMES: readonly PolicyName[] = [
  'optimizer',
  'today',
  'no-learning',
  'oracle',
  'greedy',
  'round-robin',
  'oracle-stated',
  'oracle-ability',
  'optimism',
  'thompson',
];

/** Gold-medal and legal-expert seats kept for forecast major cases, from the store's own arrivals (issue 20). */
const reservations = (store: MemoryDispatchStore) => ({ rules: DEFAULT_RESERVATIONS, history: store });

/** The optimizer as shipped: predicted success learned from outcome history, deadlines first, load-aware success, kept seats. */
export function optimizerPolicy(county: SimCounty): Dispatcher {
  return async (store, now) => {
    const r = await dispatchBatch(store, { config: county.config, now, reservations: reservations(store) });
    return { ...r, solveMs: r.stats.solveMs };
  };
}

/**
 * The cost weights before issue 20 (cost-weights.json at 5810e37), frozen so that retuning the
 * shipped weights never moves the baseline the calm year is judged against.
 */
const TODAY_WEIGHTS = {
  expertise: 4,
  travelPer10Km: 10,
  success: 10,
  goldPremium: 6,
  overflow: 3,
  urgency: { weight: 20, horizonDays: 30 },
  load: { weight: 4, exponent: 2 },
  unassignedCost: 1000,
} as const;

/**
 * The optimizer before issue 20, on the same simulator: its weights, deadlines only as the capped
 * urgency cost (no wait cost), success blind to load, nothing kept.
 */
export function todayPolicy(county: SimCounty): Dispatcher {
  // Today's policy predates seat pressure: none of its weights ramp (TODAY_WEIGHTS.load has no
  // pressured weight either).
  const w = omit(county.config.weights, 'successUnderPressure');
  const weights = {
    ...w,
    ...TODAY_WEIGHTS,
    priority: { ...w.priority, waitCost: 0 },
    loadSuccess: { ...omit(w.loadSuccess, 'underPressure'), weight: 0, priorShift: w.loadSuccess.priorShift.map(() => 0) },
  };
  const config = { ...county.config, weights };
  return async (store, now) => {
    const r = await dispatchBatch(store, { config, now, loadShift: () => 0 });
    return { ...r, solveMs: r.stats.solveMs };
  };
}

/** The truth's load effect: the logit fall of the hidden propensity at a load ratio (any tier). */
function trueLoadShift(county: SimCounty): LoadShift {
  return (_tier, ratio) => -county.params.propensity.overloadPenalty * overload(ratio, county.params);
}

/** The optimizer with learning switched off: predicted success from stated proficiency on the configured curve. */
export function staticPolicy(county: SimCounty): Dispatcher {
  const prior = priorModel(county.config.weights.successModel);
  const predict = (m: Mediator, c: Case) => modelSuccess(prior, m, c.category);
  return async (store, now) => {
    const r = await dispatchBatch(store, { config: county.config, now, predict });
    return { ...r, solveMs: r.stats.solveMs };
  };
}

/**
 * The optimizer told the hidden truth: the true success probability without load, and the true
 * fall with load as its load shift (so the same cost weighs it as the optimizer's learned one).
 */
export function oraclePolicy(county: SimCounty): Dispatcher {
  const loadShift = trueLoadShift(county);
  return async (store, now) => {
    const predict = (m: Mediator, c: Case) => trueSuccess([m], c, [0], county.trueSkill, county.params);
    const r = await dispatchBatch(store, { config: county.config, now, predict, loadShift, reservations: reservations(store) });
    return { ...r, solveMs: r.stats.solveMs };
  };
}

/** General ability as the simulator drew it: mean deviation of true skill from stated, over categories not clamped at 0 or 1. */
function abilityOf(county: SimCounty, m: Mediator): number {
  const row = county.trueSkill.get(m.id)!;
  const d = CATEGORIES.filter((c) => row[c] > 0 && row[c] < 1).map((c) => row[c] - proficiency(m, c));
  return d.reduce((a, b) => a + b, 0) / Math.max(1, d.length);
}

/** The optimizer told the true curve (and the true fall with load) at a skill that knows only part of the truth. */
function partialOraclePolicy(county: SimCounty, skill: (m: Mediator, c: Case) => number): Dispatcher {
  const loadShift = trueLoadShift(county);
  return async (store, now) => {
    const predict = (m: Mediator, c: Case) => {
      const known = new Map([[m.id, { ...county.trueSkill.get(m.id)!, [c.category]: Math.min(1, Math.max(0, skill(m, c))) }]]);
      return trueSuccess([m], c, [0], known, county.params);
    };
    const r = await dispatchBatch(store, { config: county.config, now, predict, loadShift, reservations: reservations(store) });
    return { ...r, solveMs: r.stats.solveMs };
  };
}

/**
 * Exploration experiments on the learned model: `optimism` scores every mediator one posterior sd
 * above the estimate (upper-confidence style); `thompson` draws each mediator × category effect once
 * per dispatch from its posterior. Both favour mediators with few outcomes so as to learn about them.
 */
function explorationPolicy(county: SimCounty, kind: 'optimism' | 'thompson'): Dispatcher {
  const rng = new Rng(`${county.seed}/thompson`);
  return async (store, now) => {
    const model = fitSuccessModel(await store.outcomeStats(), county.mediators, county.config.weights.successModel);
    const draws = new Map<string, number>();
    const z = (m: Mediator, c: Case) => {
      if (kind === 'optimism') return 1;
      const key = `${m.id}/${c.category}`;
      if (!draws.has(key)) draws.set(key, rng.normal(0, 1));
      return draws.get(key)!;
    };
    const r = await dispatchBatch(store, { config: county.config, now, predict: (m, c) => shiftedSuccess(model, m, c.category, z(m, c)) });
    return { ...r, solveMs: r.stats.solveMs };
  };
}

type Chooser = (eligible: readonly Mediator[], c: Case, seatKey: string) => Mediator;

/** One case at a time, oldest first: for each seat, a primary-pool mediator if any, else overflow. */
function sequentialPolicy(county: SimCounty, choose: Chooser): Dispatcher {
  return async (store: MemoryDispatchStore, now: Date): Promise<DispatchOutcome> => {
    const started = performance.now();
    const [cases, mediators, loads0] = await Promise.all([store.waitingCases(), store.listMediators(), store.loads()]);
    const loads = new Map(loads0);
    const ctx = eligibilityContext(county.config, loads, now);
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
      commits.push({
        caseId: c.id,
        assignment: { mediatorIds: seats.map((s) => s.mediatorId), seats, cost: 0, assignedAt: now.toISOString(), by: 'optimizer' },
      });
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
    case 'today':
      return todayPolicy(county);
    case 'no-learning':
      return staticPolicy(county);
    case 'oracle':
      return oraclePolicy(county);
    case 'greedy':
      return greedyPolicy(county);
    case 'round-robin':
      return roundRobinPolicy(county);
    case 'optimism':
    case 'thompson':
      return explorationPolicy(county, name);
    case 'oracle-stated':
      return partialOraclePolicy(county, (m, c) => proficiency(m, c.category));
    case 'oracle-ability':
      return partialOraclePolicy(county, (m, c) => proficiency(m, c.category) + abilityOf(county, m));
  }
}
