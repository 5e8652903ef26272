import {
  distanceKm,
  proficiency,
  type ArcTerms,
  type Case,
  type CandidateFacts,
  type Mediator,
  type OutcomeStat,
  type SeatRole,
  sumArcTerms,
} from '../domain';
import type { DispatchConfig } from '../domain/config/load';
import type { Problem } from '../engine/problem';
import { fitSuccessModel, modelSuccess } from './success-model';
import { eligibilityContext, seatEligibility, seatsFor, type Exclusion } from './eligibility';
import {
  expertiseGapCost,
  goldPremiumCost,
  loadCostSchedule,
  mustServeNow,
  overflowCost,
  successCost,
  loadSuccessCost,
  travelCost,
  urgencyCost,
  waitPriorityCost,
} from './terms';
import { DAY_MS } from '../domain/time';
import { problemPressure, type PressuredWeights } from './seat-pressure';
import { agentsOf, keptAgentId, keptOut, reachesKept, unitsNeeded, type KeptSeatsMap } from './kept-agents';
import { fitLoadShift, loadSuccessSchedule, priorLoadShift, shifted, type LoadOutcomeStat, type LoadShift } from './load-success';
import { itemAt } from '../domain/indexed-access';

/** Probability that a mediator settles a case; the default learns from outcome history. */
export type SuccessPredictor = (m: Mediator, c: Case) => number;

export interface CostModelInput {
  readonly cases: readonly Case[];
  readonly mediators: readonly Mediator[];
  /** Open cases per mediator id at snapshot time. */
  readonly loads: ReadonlyMap<string, number>;
  readonly outcomes: readonly OutcomeStat[];
  readonly config: DispatchConfig;
  readonly now: Date;
  /** Replaces the learned success prediction (the benchmark's oracle uses the hidden truth). */
  readonly predict?: SuccessPredictor;
  /** Closed seats by the load they were taken at, to learn how success falls with load. @defaultValue none: the prior shifts */
  readonly loadOutcomes?: readonly LoadOutcomeStat[];
  /**
   * Replaces the learned load shift of predicted success. @defaultValue learned from `loadOutcomes`;
   * none when `predict` is given (a replaced prediction carries its own load effect)
   */
  readonly loadShift?: LoadShift;
  /** Seats kept for a class (issue 20, reservations.ts): other classes may not take them. @defaultValue none */
  readonly kept?: KeptSeatsMap;
}

/** What the cost model reads from a county's store, in one read (`readSnapshot` in the use cases). */
export type StoreSnapshot = Pick<CostModelInput, 'mediators' | 'loads' | 'outcomes' | 'loadOutcomes'>;

/** One seat of one case: a task of the v1 problem. Id `<caseId>#<role>`. */
export interface SeatTask {
  readonly id: string;
  readonly caseId: string;
  readonly role: SeatRole;
}

/** An arc with what it is made of; `cost` = Σ terms. */
export interface CandidateArc {
  readonly task: number;
  readonly mediator: Mediator;
  /** The problem's agent when it is not the mediator's id: their kept seats (kept-agents.ts). */
  readonly agent?: string;
  readonly cost: number;
  readonly terms: ArcTerms;
  readonly facts: CandidateFacts;
}

/** A case left out of the problem because a seat has no eligible mediator. */
export interface CaseExclusion {
  readonly caseId: string;
  /** `capacity` when the only obstacle was full mediators; else `no_eligible_mediator`. */
  readonly reason: 'no_eligible_mediator' | 'capacity';
  /** For people, e.g. "seat lead: 2 on leave, 13 at capacity". */
  readonly detail: string;
}

export interface DispatchProblem {
  readonly problem: Problem;
  /** Aligned with `problem.tasks`. */
  readonly tasks: readonly SeatTask[];
  /** Aligned with `problem.arcs`. */
  readonly candidates: readonly CandidateArc[];
  /** Marginal load costs per agent (mediator id), unit 0 = the next case. */
  readonly loadCosts: ReadonlyMap<string, readonly number[]>;
  readonly excluded: readonly CaseExclusion[];
  /** Cases of other classes that lost at least one mediator to kept seats (for the explanation). */
  readonly keptFrom: ReadonlySet<string>;
}

/**
 * Learned prediction from outcome history: the hierarchical success model (success-model.ts)
 * fitted to the county's outcomes. The one estimator the dispatcher, the candidates API and the
 * rebalancer all use.
 */
export function historyPredictor(
  outcomes: readonly OutcomeStat[],
  config: DispatchConfig,
  mediators: readonly Mediator[],
): SuccessPredictor {
  const model = fitSuccessModel(outcomes, mediators, config.weights.successModel);
  return (m, c) => modelSuccess(model, m, c.category);
}

/** No load effect: for a prediction that already includes it. */
const NO_SHIFT: LoadShift = () => 0;

/**
 * The prediction and load shift the cost uses. Given a prediction, it carries its own load effect
 * (the oracle's truth) unless a shift is given too; else the success model is fitted to the
 * outcomes and the shift learned from the closed seats on top of it (the prior shifts without any).
 */
export function predictionFor(input: CostModelInput): { predict: SuccessPredictor; shift: LoadShift } {
  if (input.predict) return { predict: input.predict, shift: input.loadShift ?? NO_SHIFT };
  const { config } = input;
  const model = fitSuccessModel(input.outcomes, input.mediators, config.weights.successModel);
  const predict: SuccessPredictor = (m, c) => modelSuccess(model, m, c.category);
  if (input.loadShift) return { predict, shift: input.loadShift };
  const params = config.weights.loadSuccess;
  const shift = input.loadOutcomes?.length
    ? fitLoadShift(input.loadOutcomes, input.mediators, (m, category) => logit(modelSuccess(model, m, category)), params)
    : priorLoadShift(params);
  return { predict, shift };
}

const logit = (p: number): number => {
  const q = Math.min(1 - 1e-9, Math.max(1e-9, p));
  return Math.log(q / (1 - q));
};

/** Days from `now` to the case's deadline (negative once it has passed). */
export function daysLeft(c: Pick<Case, 'deadlineAt'>, now: Date): number {
  return (Date.parse(c.deadlineAt) - now.getTime()) / DAY_MS;
}

/** The arc terms and facts of one (case, mediator) pair that passed the hard rules. */
export function arcTerms(
  m: Mediator,
  c: Case,
  overflow: boolean,
  input: Pick<CostModelInput, 'config' | 'now' | 'loads'>,
  predict: SuccessPredictor,
  shift: LoadShift,
  /** The mediator's weights under seat pressure (seat-pressure.ts; the weights as written without `seatPressure`). */
  pressured: PressuredWeights,
): { terms: ArcTerms; facts: CandidateFacts } {
  const w = input.config.weights;
  const km = distanceKm(m.location, c.location);
  const prof = proficiency(m, c.category);
  const load = input.loads.get(m.id) ?? 0;
  const unloaded = predict(m, c);
  const p = shifted(unloaded, shift(m.tier, (load + 1) / Math.max(1, m.capacity)));
  const slackDays = daysLeft(c, input.now);
  const priority = waitPriorityCost(!mustServeNow(slackDays, c.class, w), w);
  const terms: ArcTerms = {
    expertise: expertiseGapCost(prof, w),
    travel: travelCost(km, w),
    success: successCost(unloaded, pressured.success) + loadSuccessCost(unloaded, p, pressured.loadSuccess),
    goldPremium: goldPremiumCost(m.tier === 'gold', c.class === 'major', w),
    overflow: overflowCost(overflow && m.tier !== 'gold', w),
    urgency: urgencyCost(slackDays, w),
    // Its own term, so the explanation can leave it out of the cost it shows (it orders cases only).
    ...(priority > 0 ? { priority } : {}),
  };
  const facts: CandidateFacts = {
    tier: m.tier,
    township: m.township,
    distanceKm: km,
    proficiency: prof,
    load,
    capacity: m.capacity,
    predictedSuccess: p,
    ...(p !== unloaded ? { successWithoutLoad: unloaded } : {}),
    ...(pressured.pressure > 0 ? { seatPressure: pressured.pressure } : {}),
  };
  return { terms, facts };
}

/** The arc cost: Σ terms, the priority included. */
export function sumTerms(t: ArcTerms): number {
  return sumArcTerms(t);
}

/** A mediator whose open seats are all kept for another class. */
const KEPT = 'kept_for_expected_cases';

/** Why a seat has nobody: the exclusions counted by rule, for people. */
export function describeExclusions(role: SeatRole, counts: ReadonlyMap<Exclusion | typeof KEPT, number>): string {
  if (counts.size === 0) return `seat ${role}: no mediator of the required tier covers this case`;
  return `seat ${role}: ` + [...counts].map(([k, n]) => `${n} ${k.replace(/_/g, ' ')}`).join(', ');
}

/**
 * Turns cases, mediators and loads into a v1 problem: one task per seat (a major case has a lead
 * task whose arcs go only to gold mediators and an expert task whose arcs go only to industry
 * mediators — disjoint sets, so the panel is always two different people), arcs for the pairs
 * the hard rules allow, each agent's remaining capacity with convex load costs. A case with a seat
 * nobody may fill is left out with the reason.
 */
export function buildDispatchProblem(input: CostModelInput): DispatchProblem {
  const { config } = input;
  const ctx = eligibilityContext(config, input.loads, input.now);
  const { predict, shift } = predictionFor(input);
  const { weightsOf: pressured, beyondOpenRing } = problemPressure(input);
  /** Σ load-free predicted success over each mediator's arcs: the reference for their schedule. */
  const unloadedSum = new Map<string, number>();
  const mediators = [...input.mediators].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const tasks: SeatTask[] = [];
  const candidates: CandidateArc[] = [];
  const excluded: CaseExclusion[] = [];
  /** Arcs per agent id: the most seats the problem could give each. */
  const arcsPerAgent = new Map<string, number>();
  const keptFrom = new Set<string>();
  /** Free seats open to every class: those not kept. */
  const openSeats = (m: Mediator): number => m.capacity - (input.loads.get(m.id) ?? 0) - (input.kept?.get(m.id)?.seats ?? 0);

  for (const c of input.cases) {
    const caseArcs: Omit<CandidateArc, 'task'>[][] = [];
    let exclusion: CaseExclusion | null = null;
    for (const seat of seatsFor(c, config.tierRules)) {
      const arcs: Omit<CandidateArc, 'task'>[] = [];
      const counts = new Map<Exclusion | typeof KEPT, number>();
      for (const m of mediators) {
        const e = seatEligibility(m, c, seat, ctx);
        // The rest of the county only once the township and its neighbours run short (seat-pressure.ts).
        if (beyondOpenRing(e, c)) continue;
        const out = e.eligible && keptOut(m, c, input.loads.get(m.id) ?? 0, input.kept) ? KEPT : e.eligible ? null : e.exclusion;
        if (out !== null || !e.eligible) {
          if (out) counts.set(out, (counts.get(out) ?? 0) + 1);
          if (out === KEPT) keptFrom.add(c.id);
          continue;
        }
        const { terms, facts } = arcTerms(m, c, e.overflow, input, predict, shift, pressured(m));
        const arc = { mediator: m, cost: sumTerms(terms), terms, facts };
        if (openSeats(m) > 0) arcs.push(arc);
        if (reachesKept(m, c, input.kept)) arcs.push({ ...arc, agent: keptAgentId(m.id) });
      }
      if (arcs.length === 0) {
        // No mediator at all is not a capacity problem: `every` of nothing would say it is.
        const onlyFull = counts.size > 0 && [...counts.keys()].every((k) => k === 'at_capacity' || k === KEPT);
        exclusion = { caseId: c.id, reason: onlyFull ? 'capacity' : 'no_eligible_mediator', detail: describeExclusions(seat.role, counts) };
        break;
      }
      caseArcs.push(arcs);
    }
    if (exclusion) {
      excluded.push(exclusion);
      continue;
    }
    seatsFor(c, config.tierRules).forEach((seat, i) => {
      const task = tasks.length;
      tasks.push({ id: `${c.id}#${seat.role}`, caseId: c.id, role: seat.role });
      for (const a of itemAt(caseArcs, i)) {
        candidates.push({ ...a, task });
        const agent = a.agent ?? a.mediator.id;
        arcsPerAgent.set(agent, (arcsPerAgent.get(agent) ?? 0) + 1);
        unloadedSum.set(a.mediator.id, (unloadedSum.get(a.mediator.id) ?? 0) + (a.facts.successWithoutLoad ?? a.facts.predictedSuccess));
      }
    });
  }

  const loadCosts = new Map<string, number[]>();
  const agents = mediators
    .filter((m) => arcsPerAgent.has(m.id) || arcsPerAgent.has(keptAgentId(m.id)))
    .flatMap((m) => {
      // A mediator can take at most one seat per arc: capacity beyond that can never be used.
      const arcs = { open: arcsPerAgent.get(m.id) ?? 0, kept: arcsPerAgent.get(keptAgentId(m.id)) ?? 0 };
      const units = unitsNeeded(m, arcs.open + arcs.kept, input.kept);
      const load = input.loads.get(m.id) ?? 0;
      const balance = loadCostSchedule(load, m.capacity, { load: { ...config.weights.load, weight: pressured(m).balance } }, units);
      // Success lost to load by the further cases of this batch (the first is priced on its arc).
      const reference = (unloadedSum.get(m.id) ?? 0) / Math.max(1, arcs.open + arcs.kept);
      const lost = loadSuccessSchedule(m.tier, load, m.capacity, balance.length, reference, shift, pressured(m).loadSuccess);
      const schedule = balance.map((b, u) => b + itemAt(lost, u));
      loadCosts.set(m.id, schedule);
      return agentsOf(m, load, schedule, arcs, input.kept);
    });
  const problem: Problem = {
    tasks: tasks.map((t) => ({ id: t.id, seats: 1 })),
    agents,
    arcs: candidates.map((a) => ({ task: itemAt(tasks, a.task).id, agent: a.agent ?? a.mediator.id, cost: a.cost, load: 1 })),
    sense: 'min',
    unassignedCost: config.weights.unassignedCost,
  };
  return { problem, tasks, candidates, loadCosts, excluded, keptFrom };
}
