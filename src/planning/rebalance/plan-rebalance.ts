import { loadTermCost, type IndexedSolution } from '../../engine/indexed';
import { DEFAULT_TIME_LIMIT_SEC, solveIndexed } from '../../engine/solve';
import { itemAt, mustGet } from '../../domain/indexed-access';
import { agentRoom, toIndexedProblem } from './indexed-form';
import type { RebalanceModel, RebalanceOptions, StrandedSeat } from './model';
import { loadSpread, termDifference, type MoveReason, type PlanSide, type RebalanceMove, type RebalancePlan } from './plan';

/** Cap enforcement re-solves at most this many times. */
const MAX_ROUNDS = 12;

/** Model arc chosen per seat (-1 = none), from a solution. */
function chosenArcs(model: RebalanceModel, solution: IndexedSolution, modelArc: Int32Array): Int32Array {
  const out = new Int32Array(model.seats.length).fill(-1);
  for (const a of solution.chosenArcs) {
    const e = modelArc[a] as number;
    out[model.arcSeat[e] as number] = e;
  }
  return out;
}

function marginal(lc: Float64Array | null, k: number): number {
  return loadTermCost(lc, k + 1) - loadTermCost(lc, k);
}

/** Cost and spread of an assignment of the movable seats (agent per seat, -1 = none/not an agent). */
function side(
  model: RebalanceModel,
  agentOf: Int32Array,
  arcCostOf: (seat: number) => number,
  loadCosts: (Float64Array | null)[],
): PlanSide {
  const counts = new Int32Array(model.agents.length);
  let arc = 0;
  for (let s = 0; s < agentOf.length; s++) {
    arc += arcCostOf(s);
    if ((agentOf[s] as number) >= 0) (counts[agentOf[s] as number] as number)++;
  }
  let load = 0;
  const util: number[] = [];
  model.agents.forEach((a, i) => {
    load += loadTermCost(loadCosts[i] ?? null, counts[i] as number);
    if (a.capacity > 0) util.push((a.fixedLoad + (counts[i] as number)) / a.capacity);
  });
  return { cost: { arc, load, total: arc + load }, spread: loadSpread(util) };
}

interface Evaluation {
  readonly moves: RebalanceMove[];
  readonly stranded: StrandedSeat[];
  readonly before: PlanSide;
  readonly after: PlanSide;
}

/** Turns the chosen arcs (model arc per seat, -1 = none) into moves with their gains, and both sides' costs. */
function evaluate(model: RebalanceModel, chosen: Int32Array, ignoreStability: boolean): Evaluation {
  const loadCosts = model.agents.map((a) => (a.loadCosts && a.loadCosts.length > 0 ? Float64Array.from(a.loadCosts) : null));
  const current = Int32Array.from(model.seats, (s) => s.current);
  // A seat left without a mediator stays where it is (stranded).
  const after = Int32Array.from(chosen, (e, s) => (e === -1 ? (current[s] as number) : (model.arcAgent[e] as number)));
  const before = side(model, current, (s) => itemAt(model.seats, s, 'seats').currentCost ?? 0, loadCosts);
  const afterSide = side(
    model,
    after,
    (s) => (after[s] === current[s] ? (itemAt(model.seats, s, 'seats').currentCost ?? 0) : (model.arcCost[chosen[s] as number] as number)),
    loadCosts,
  );

  const counts = new Int32Array(model.agents.length);
  for (const a of current) if (a >= 0) (counts[a] as number)++;
  const moves: RebalanceMove[] = [];
  const stranded: StrandedSeat[] = [...model.stranded];
  model.seats.forEach((seat, s) => {
    const to = after[s] as number;
    if (to === current[s]) {
      if (seat.forced) {
        stranded.push({
          seatId: seat.id,
          caseId: seat.caseId,
          mediatorId: seat.currentId,
          reason: seat.forced,
          detail: 'no other eligible mediator has room',
        });
      }
      return;
    }
    const from = current[s] as number;
    let load = 0;
    if (from >= 0) load += marginal(loadCosts[from] ?? null, --(counts[from] as number));
    load -= marginal(loadCosts[to] ?? null, (counts[to] as number)++);
    const e = chosen[s] as number;
    const byTerm = termDifference(seat.currentTerms, model.arcTerms?.[e] ?? null);
    const arcGain = (seat.currentCost ?? 0) - (model.arcCost[e] as number);
    const penalty = ignoreStability || seat.forced ? 0 : seat.penalty;
    const reason: MoveReason = seat.forced ?? 'gain';
    moves.push({
      seatId: seat.id,
      caseId: seat.caseId,
      role: seat.role,
      from: seat.currentId,
      to: itemAt(model.agents, to, 'agents').id,
      reason,
      penalty,
      gain: { byTerm, load, total: arcGain + load, net: arcGain + load - penalty },
    });
  });
  return { moves, stranded, before, after: afterSide };
}

/** Seats to hold in place so no mediator sees more than `cap` discretionary moves. */
function overCap(model: RebalanceModel, moves: readonly RebalanceMove[], cap: number, frozen: Uint8Array): number {
  const byMediator = new Map<string, RebalanceMove[]>();
  for (const mv of moves) {
    if (mv.reason !== 'gain') continue;
    for (const id of [mv.from, mv.to]) {
      const list = byMediator.get(id);
      if (list) list.push(mv);
      else byMediator.set(id, [mv]);
    }
  }
  const seatIndex = new Map(model.seats.map((s, i) => [s.id, i]));
  let added = 0;
  for (const list of byMediator.values()) {
    const live = list.filter((mv) => !frozen[mustGet(seatIndex, mv.seatId, 'seat')]);
    if (live.length <= cap) continue;
    // Keep the cap's worth of best moves; hold the rest where they are.
    live.sort((a, b) => a.gain.net - b.gain.net);
    for (const mv of live.slice(0, live.length - cap)) {
      frozen[mustGet(seatIndex, mv.seatId, 'seat')] = 1;
      added++;
    }
  }
  return added;
}

function countByReason(moves: readonly RebalanceMove[]): Record<MoveReason, number> {
  const out: Record<MoveReason, number> = { gain: 0, leave: 0, deadline: 0, ineligible: 0 };
  for (const m of moves) out[m.reason]++;
  return out;
}

/** Checks the model's own consistency: indices in range and the current arcs present. */
function checkModel(model: RebalanceModel): void {
  const nA = model.agents.length;
  for (let e = 0; e < model.arcSeat.length; e++) {
    if (
      (model.arcSeat[e] as number) < 0 ||
      (model.arcSeat[e] as number) >= model.seats.length ||
      (model.arcAgent[e] as number) < 0 ||
      (model.arcAgent[e] as number) >= nA
    ) {
      throw new RangeError(`rebalance model arc ${e} points outside seats/agents`);
    }
  }
  for (const a of model.agents) if (agentRoom(a) < 0) throw new RangeError(`agent ${a.id} has negative room`);
}

/**
 * Re-optimises the movable seats with stability in the objective and returns the plan. Exact for
 * the penalised objective (min-cost flow on unit loads); a per-mediator cap is met by re-solving
 * with the lowest-gain excess moves held in place, which is a heuristic on top of the exact solve.
 */
export async function planRebalance(model: RebalanceModel, options: RebalanceOptions = {}): Promise<RebalancePlan> {
  checkModel(model);
  const ignoreStability = options.ignoreStability ?? false;
  const forcedStayCost = options.forcedStayCost ?? model.unassignedCost / 2;
  const cap = ignoreStability ? undefined : options.maxMovesPerMediator;
  const frozen = new Uint8Array(model.seats.length);
  if (options.forcedOnly) model.seats.forEach((s, i) => (frozen[i] = s.forced ? 0 : 1));
  let solveMs = 0;
  let rounds = 0;
  for (;;) {
    rounds++;
    const { problem, modelArc } = toIndexedProblem(model, {
      ignoreStability,
      forcedStayCost,
      frozen,
      ...(options.tiePenalty !== undefined ? { tiePenalty: options.tiePenalty } : {}),
    });
    const started = performance.now();
    const solution = await solveIndexed(problem, { solver: 'flow', timeLimitSec: options.timeLimitSec ?? DEFAULT_TIME_LIMIT_SEC });
    solveMs += performance.now() - started;
    if (solution.status !== 'optimal' && solution.status !== 'feasible') {
      const unchanged = evaluate(model, new Int32Array(model.seats.length).fill(-1), ignoreStability);
      return {
        status: solution.status,
        moves: [],
        stranded: unchanged.stranded,
        before: unchanged.before,
        after: unchanged.before,
        gain: 0,
        penalties: 0,
        seats: model.seats.length,
        movesByReason: countByReason([]),
        solveMs,
        rounds,
        solver: solution.solver,
        ...(solution.message ? { message: solution.message } : {}),
      };
    }
    const ev = evaluate(model, chosenArcs(model, solution, modelArc), ignoreStability);
    if (cap !== undefined && rounds < MAX_ROUNDS && overCap(model, ev.moves, cap, frozen) > 0) continue;
    return {
      status: solution.status,
      moves: ev.moves,
      stranded: ev.stranded,
      before: ev.before,
      after: ev.after,
      gain: ev.before.cost.total - ev.after.cost.total,
      penalties: ev.moves.reduce((s, m) => s + m.penalty, 0),
      seats: model.seats.length,
      movesByReason: countByReason(ev.moves),
      solveMs,
      rounds,
      solver: solution.solver,
    };
  }
}
