import type { Case, Mediator } from '../../domain';
import type { DispatchConfig } from '../../domain/config/load';
import {
  arcTerms,
  buildDispatchProblem,
  predictionFor,
  sumTerms,
  type DispatchProblem,
  type StoreSnapshot,
  type SuccessPredictor,
} from '../../cost-model/build-problem';
import type { LoadShift } from '../../cost-model/load-success';
import { problemPressure, type SeatPressure } from '../../cost-model/seat-pressure';
import { eligibilityContext, inPool, seatsFor, type EligibilityContext } from '../../cost-model/eligibility';
import type { ForcedReason, RebalanceAgent, RebalanceModel, RebalanceSeat, StrandedSeat, TermBreakdown } from './model';
import { earliestSession, isOnLeaveWithin, missesDeadline, mobilityOf, type StabilityPolicy } from './policy';
import { itemAt, mustGet } from '../../domain/indexed-access';

/**
 * The deadline shapes the plan only while it is ahead: a case already past it is late wherever it
 * goes, so it is weighed like any other (moving it does not make it less late).
 */
function deadlineBinds(c: Case, now: Date): boolean {
  return Date.parse(c.deadlineAt) > now.getTime();
}

/** A county's open caseload at one moment. */
export interface RebalanceSnapshot extends StoreSnapshot {
  /** Every open case with an assignment (any status; the policy decides who may move). */
  readonly cases: readonly Case[];
}

export interface BuildModelInput extends RebalanceSnapshot {
  readonly config: DispatchConfig;
  readonly policy: StabilityPolicy;
  readonly now: Date;
  /** Replaces the learned success prediction. @defaultValue learned from outcome history */
  readonly predict?: SuccessPredictor;
  /** Replaces the learned fall of success with load. @defaultValue learned from `loadOutcomes` (none when `predict` is given) */
  readonly loadShift?: LoadShift;
}

/** The model plus what the use case needs to turn a plan into commits. */
export interface BuiltRebalance {
  readonly model: RebalanceModel;
  /** Movable cases by id (their seats are the model's seats). */
  readonly movable: ReadonlyMap<string, Case>;
  /** Fixed (started or pinned) cases whose mediator is leaving: they stay, for people to see. */
  readonly fixedOnLeave: readonly { readonly caseId: string; readonly mediatorId: string; readonly why: 'started' | 'pinned' }[];
}

/** Mediators leaving within the horizon, marked on leave so the cost model gives them no arc. */
function leaveView(mediators: readonly Mediator[], now: Date, policy: StabilityPolicy): { view: Mediator[]; leaving: Set<string> } {
  const leaving = new Set<string>();
  const view = mediators.map((m) => {
    if (!isOnLeaveWithin(m, now, policy.leaveHorizonHours)) return m;
    leaving.add(m.id);
    return m.status === 'on_leave' ? m : { ...m, status: 'on_leave' as const };
  });
  return { view, leaving };
}

/** The mediator currently on a seat of the case (by role, else by position). */
function seatHolder(c: Case, role: string, position: number): string | null {
  const seats = c.assignment?.seats ?? [];
  return seats.find((s) => s.role === role)?.mediatorId ?? c.assignment?.mediatorIds[position] ?? null;
}

/** Arc terms of the current (possibly no longer eligible) assignment, for the before side. */
function currentTermsOf(
  m: Mediator | undefined,
  c: Case,
  role: string,
  input: BuildModelInput,
  ctx: EligibilityContext,
  prediction: { readonly predict: SuccessPredictor; readonly shift: LoadShift; readonly pressured: SeatPressure },
  loads: ReadonlyMap<string, number>,
): TermBreakdown | null {
  if (!m) return null;
  const seat = seatsFor(c, input.config.tierRules).find((s) => s.role === role);
  const primary = seat ? seat.primary.some((p) => inPool(p, m, c, ctx)) : false;
  return arcTerms(
    m,
    c,
    !primary,
    { config: input.config, now: input.now, loads },
    prediction.predict,
    prediction.shift,
    prediction.pressured(m),
  ).terms;
}

/**
 * Builds the rebalance model from a snapshot through the cost model: the movable cases are
 * dispatched afresh against the load of everything that stays (so eligibility, capacity and the
 * convex load costs are exactly those of live dispatch), then each seat learns where it is now,
 * what a move costs and whether it must move. A case with a seat nobody else may take stays
 * (stranded) and its load is counted as fixed.
 */
export function buildRebalanceModel(input: BuildModelInput): BuiltRebalance {
  const { config, policy, now } = input;
  const { view, leaving } = leaveView(input.mediators, now, policy);
  const byId = new Map(view.map((m) => [m.id, m]));
  // The dispatcher's cost model, load-aware success included (issue 20): fitted once, used for every arc.
  const prediction = { ...predictionFor({ ...input, cases: [] }), pressured: problemPressure({ ...input, cases: [] }).weightsOf };
  const { predict, shift: loadShift } = prediction;
  const ctx = eligibilityContext(config, input.loads, now);

  const movable = new Map<string, Case>();
  const penaltyOf = new Map<string, number>();
  const fixedOnLeave: BuiltRebalance['fixedOnLeave'][number][] = [];
  const movableSeats = new Map<string, number>();
  for (const c of input.cases) {
    const mob = mobilityOf(c, policy);
    if (mob.kind === 'movable') {
      movable.set(c.id, c);
      penaltyOf.set(c.id, mob.penalty);
      for (const id of c.assignment?.mediatorIds ?? []) movableSeats.set(id, (movableSeats.get(id) ?? 0) + 1);
    } else if (mob.why !== 'not_assigned') {
      for (const id of c.assignment?.mediatorIds ?? [])
        if (leaving.has(id)) fixedOnLeave.push({ caseId: c.id, mediatorId: id, why: mob.why });
    }
  }
  const fixedLoads = new Map<string, number>();
  for (const m of view) fixedLoads.set(m.id, Math.max(0, (input.loads.get(m.id) ?? 0) - (movableSeats.get(m.id) ?? 0)));

  // Cases with a seat nobody may fill stay where they are: count them as fixed and build again.
  const stranded: StrandedSeat[] = [];
  let cases = [...movable.values()];
  let dp: DispatchProblem;
  for (;;) {
    dp = buildDispatchProblem({ cases, mediators: view, loads: fixedLoads, outcomes: input.outcomes, config, now, predict, loadShift });
    if (dp.excluded.length === 0) break;
    const out = new Set(dp.excluded.map((e) => e.caseId));
    for (const e of dp.excluded) {
      const c = mustGet(movable, e.caseId, 'movable case');
      movable.delete(c.id);
      const assignment = c.assignment;
      assignment?.mediatorIds.forEach((id, i) => {
        fixedLoads.set(id, (fixedLoads.get(id) ?? 0) + 1);
        const reason: ForcedReason = leaving.has(id) ? 'leave' : 'ineligible';
        const role = assignment.seats[i]?.role ?? 'sole';
        stranded.push({ seatId: `${c.id}#${role}`, caseId: c.id, mediatorId: id, reason, detail: e.detail });
      });
    }
    cases = cases.filter((c) => !out.has(c.id));
  }

  const agents: RebalanceAgent[] = dp.problem.agents.map((a) => ({
    id: a.id,
    capacity: mustGet(byId, a.id, 'mediator').capacity,
    fixedLoad: fixedLoads.get(a.id) ?? 0,
    loadCosts: dp.loadCosts.get(a.id) ?? null,
  }));
  const agentIndex = new Map(agents.map((a, i) => [a.id, i]));
  const earliest = new Map(view.map((m) => [m.id, earliestSession(m, now, policy)]));

  // Arcs: the cost model's candidates, minus mediators who could not meet the deadline (except
  // the current one, whose arc tells the solver what staying costs).
  const seats: RebalanceSeat[] = [];
  const arcSeat: number[] = [];
  const arcAgent: number[] = [];
  const arcCost: number[] = [];
  const terms: TermBreakdown[] = [];
  const currentArc = new Map<number, number>();
  // A case's seats are consecutive tasks: position = index among them.
  const position = new Int32Array(dp.tasks.length);
  dp.tasks.forEach((t, i) => {
    if (i > 0 && dp.tasks[i - 1]?.caseId === t.caseId) position[i] = (position[i - 1] as number) + 1;
  });
  for (let k = 0; k < dp.candidates.length; k++) {
    const cand = itemAt(dp.candidates, k, 'candidates');
    const task = itemAt(dp.tasks, cand.task, 'tasks');
    const c = mustGet(movable, task.caseId, 'movable case');
    const holder = seatHolder(c, task.role, position[cand.task] as number);
    const isCurrent = cand.mediator.id === holder;
    if (!isCurrent && deadlineBinds(c, now) && missesDeadline(earliest.get(cand.mediator.id) ?? null, c)) continue;
    if (isCurrent) currentArc.set(cand.task, arcSeat.length);
    arcSeat.push(cand.task);
    arcAgent.push(mustGet(agentIndex, cand.mediator.id, 'agent'));
    arcCost.push(cand.cost);
    terms.push(cand.terms);
  }
  const alternatives = new Map<number, number>();
  arcSeat.forEach((seat, e) => {
    if (currentArc.get(seat) !== e) alternatives.set(seat, (alternatives.get(seat) ?? 0) + 1);
  });
  dp.tasks.forEach((task, t) => {
    const c = mustGet(movable, task.caseId, 'movable case');
    const holder = seatHolder(c, task.role, position[t] as number) ?? '';
    const m = byId.get(holder);
    const here = currentArc.get(t);
    let forced: ForcedReason | null = null;
    if (leaving.has(holder)) forced = 'leave';
    else if (here === undefined) forced = 'ineligible';
    else if (deadlineBinds(c, now) && missesDeadline(earliest.get(holder) ?? null, c) && (alternatives.get(t) ?? 0) > 0)
      forced = 'deadline';
    const currentTerms =
      here !== undefined ? itemAt(terms, here, 'terms') : currentTermsOf(m, c, task.role, input, ctx, prediction, fixedLoads);
    seats.push({
      id: task.id,
      caseId: c.id,
      role: task.role,
      current: agentIndex.get(holder) ?? -1,
      currentId: holder,
      penalty: mustGet(penaltyOf, c.id, 'penalty of case'),
      forced,
      currentTerms,
      currentCost: here !== undefined ? itemAt(arcCost, here, 'arcCost') : currentTerms ? sumTerms(currentTerms as never) : null,
    });
  });

  const model: RebalanceModel = {
    seats,
    agents,
    arcSeat: Int32Array.from(arcSeat),
    arcAgent: Int32Array.from(arcAgent),
    arcCost: Float64Array.from(arcCost),
    arcTerms: terms,
    unassignedCost: config.weights.unassignedCost,
    stranded,
  };
  return { model, movable, fixedOnLeave };
}
