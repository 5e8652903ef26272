import type { IndexedProblem } from '../../engine/indexed';
import type { RebalanceModel } from './model';
import { itemAt } from '../../domain/indexed-access';

/**
 * The rebalance as a v1 problem in index form, one task per seat. Staying is free: the arc to the
 * current mediator carries its plain cost, every other arc adds the seat's penalty (only
 * `TIE_PENALTY` when stability is ignored; nothing for a forced seat, which must move anyway). A forced seat
 * loses its current arc (leave, ineligible) or keeps it at `forcedStayCost` extra (deadline: better
 * late than nobody). Frozen seats keep only their current arc. Agents carry their remaining room
 * and convex load costs, so the exact engine balances load as it decides who moves.
 */
export interface IndexedRebalance {
  readonly problem: IndexedProblem;
  /** problem arc → model arc. */
  readonly modelArc: Int32Array;
}

/**
 * What a move costs in a full re-solve: nothing worth mentioning, but not zero, so that among
 * equally good plans the one that moves fewest seats wins (a zero-gain move is churn, not a
 * re-optimisation). Far below any cost difference the cost model produces and far above the
 * flow engine's round-off (~1e-12 relative).
 */
export const TIE_PENALTY = 1e-6;

export interface IndexOptions {
  /** Drop every penalty but `TIE_PENALTY` (full re-solve). */
  readonly ignoreStability: boolean;
  /** Move cost when stability is ignored. @defaultValue TIE_PENALTY */
  readonly tiePenalty?: number;
  readonly forcedStayCost: number;
  /** Seats held on their current mediator (cap enforcement). */
  readonly frozen: Uint8Array;
}

/** Room for movable seats: the load-cost schedule's length, else capacity minus fixed load. */
export function agentRoom(a: RebalanceModel['agents'][number]): number {
  return a.loadCosts ? a.loadCosts.length : Math.max(0, a.capacity - a.fixedLoad);
}

export function toIndexedProblem(model: RebalanceModel, opts: IndexOptions): IndexedRebalance {
  const { seats, arcSeat, arcAgent, arcCost } = model;
  const keep = new Int32Array(arcSeat.length);
  let m = 0;
  for (let e = 0; e < arcSeat.length; e++) {
    const seat = itemAt(seats, arcSeat[e] as number, 'seats');
    const isCurrent = arcAgent[e] === seat.current;
    if (opts.frozen[arcSeat[e] as number] && !isCurrent) continue;
    if (isCurrent && (seat.forced === 'leave' || seat.forced === 'ineligible')) continue;
    keep[m++] = e;
  }
  const modelArc = keep.slice(0, m);
  const problem: IndexedProblem = {
    taskIds: seats.map((s) => s.id),
    seats: new Int32Array(seats.length).fill(1),
    agentIds: model.agents.map((a) => a.id),
    capacity: Float64Array.from(model.agents, agentRoom),
    loadCosts: model.agents.map((a) => (a.loadCosts && a.loadCosts.length > 0 ? Float64Array.from(a.loadCosts) : null)),
    arcTask: new Int32Array(m),
    arcAgent: new Int32Array(m),
    arcCost: new Float64Array(m),
    arcLoad: new Float64Array(m).fill(1),
    sense: 'min',
    unassignedCost: model.unassignedCost,
  };
  const arcTask = problem.arcTask;
  const agentOf = problem.arcAgent;
  const cost = problem.arcCost;
  for (let i = 0; i < m; i++) {
    const e = modelArc[i] as number;
    const seat = itemAt(seats, arcSeat[e] as number, 'seats');
    const isCurrent = arcAgent[e] === seat.current;
    arcTask[i] = arcSeat[e] as number;
    agentOf[i] = arcAgent[e] as number;
    let c = arcCost[e] as number;
    if (isCurrent) {
      if (seat.forced === 'deadline') c += opts.forcedStayCost;
    } else if (!seat.forced) {
      // A seat that must move pays no stability penalty: every way out costs the same disruption.
      c += opts.ignoreStability ? (opts.tiePenalty ?? TIE_PENALTY) : seat.penalty;
    }
    cost[i] = c;
  }
  return { problem, modelArc };
}
