import type { RebalanceModel, RebalanceOptions } from './model';
import type { RebalancePlan } from './plan';
import { planRebalance } from './plan-rebalance';

/** A plan kept within a budget of discretionary moves, and the price that kept it there. */
export interface BudgetedPlan {
  readonly plan: RebalancePlan;
  /** Added to every discretionary move's penalty to meet the budget (0 when it was met as is). */
  readonly extraPenalty: number;
  /** Solves run by the search (each is one `planRebalance`). */
  readonly solves: number;
}

export interface MoveBudgetOptions extends RebalanceOptions {
  /** Bisection steps after the budget is bracketed. @defaultValue 14 */
  readonly bisections?: number;
}

/** The model with `extra` added to every seat's move penalty. */
function withExtraPenalty(model: RebalanceModel, extra: number): RebalanceModel {
  return extra === 0 ? model : { ...model, seats: model.seats.map((s) => ({ ...s, penalty: s.penalty + extra })) };
}

/**
 * The best plan with at most `budget` discretionary moves that the penalty structure can express:
 * the smallest extra penalty δ (same for every seat, found by doubling then bisection) whose plan
 * makes ≤ budget moves. Each such plan is exact for its own move count (Lagrangian relaxation of
 * the budget), so it gains at least as much as any plan with as few moves; it may use fewer moves
 * than the budget when no penalty lands exactly on it. Forced moves are outside the budget.
 */
export async function planWithinMoveBudget(model: RebalanceModel, budget: number, options: MoveBudgetOptions = {}): Promise<BudgetedPlan> {
  let solves = 1;
  let best = await planRebalance(model, options);
  if (best.movesByReason.gain <= budget || best.status !== 'optimal') return { plan: best, extraPenalty: 0, solves };
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 40; i++, hi *= 2) {
    solves++;
    const p = await planRebalance(withExtraPenalty(model, hi), options);
    if (p.movesByReason.gain <= budget) {
      best = p;
      break;
    }
    lo = hi;
  }
  for (let i = 0; i < (options.bisections ?? 14); i++) {
    const mid = (lo + hi) / 2;
    solves++;
    const p = await planRebalance(withExtraPenalty(model, mid), options);
    if (p.movesByReason.gain <= budget) {
      hi = mid;
      best = p;
    } else lo = mid;
  }
  return { plan: best, extraPenalty: hi, solves };
}
