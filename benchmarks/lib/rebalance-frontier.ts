import type { RebalanceModel } from '../../src/planning/rebalance/model';
import { planRebalance } from '../../src/planning/rebalance/plan-rebalance';

/** One point of the gain-for-moves frontier: the plan with the same penalty λ on every move. */
export interface FrontierPoint {
  readonly penalty: number;
  /** Discretionary moves. */
  readonly moves: number;
  /** Cost gained beyond the forced-moves-only plan. */
  readonly gain: number;
}

/** The model with one penalty on every seat (moves counted alike, whatever the case's status). */
export function withUniformPenalty(model: RebalanceModel, penalty: number): RebalanceModel {
  return { ...model, seats: model.seats.map((s) => ({ ...s, penalty })) };
}

/**
 * Plans at uniform penalties λ. Each is exact for the penalised objective, so no plan with at most
 * its number of moves gains more: these points lie on the true frontier of gain against moves.
 */
export async function frontier(model: RebalanceModel, base: number, penalties: readonly number[]): Promise<FrontierPoint[]> {
  const out: FrontierPoint[] = [];
  for (const penalty of penalties) {
    const plan = await planRebalance(withUniformPenalty(model, penalty));
    out.push({ penalty, moves: plan.movesByReason.gain, gain: base - plan.after.cost.total });
  }
  return out;
}

/**
 * Upper bound on the gain of any plan with at most `budget` discretionary moves (weak duality:
 * for every λ, gain(plan) − λ·moves(plan) ≤ gain(λ) − λ·moves(λ)). It proves a target out of reach.
 */
export function gainUpperBound(points: readonly FrontierPoint[], budget: number): number {
  return Math.min(...points.map((p) => p.gain + p.penalty * (budget - p.moves)));
}

/** Lower bound on the moves any plan needs to gain `gain` (the same duality, solved for moves). */
export function movesLowerBound(points: readonly FrontierPoint[], gain: number): number {
  return Math.max(0, ...points.filter((p) => p.penalty > 0).map((p) => p.moves + (gain - p.gain) / p.penalty));
}
