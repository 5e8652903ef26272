import type { ForcedReason, StrandedSeat, TermBreakdown } from './model';

/** What one seat's move is worth, before its penalty: the arc terms, the load term, and their sum. */
export interface MoveGain {
  /** Current arc terms minus new arc terms, per term (positive = the new mediator is better). */
  readonly byTerm: TermBreakdown;
  /** Load-balance term: relief at the old mediator minus the marginal cost at the new one. */
  readonly load: number;
  /** Σ byTerm + load. */
  readonly total: number;
  /** total − the move's penalty: what the move earns after paying for the disruption. */
  readonly net: number;
}

export type MoveReason = 'gain' | ForcedReason;

/** One seat reassigned. */
export interface RebalanceMove {
  readonly seatId: string;
  readonly caseId: string;
  readonly role: string;
  readonly from: string;
  readonly to: string;
  /** `gain` for a discretionary move; otherwise why it had to move. */
  readonly reason: MoveReason;
  /** The stability penalty the move paid (0 for the full re-solve). */
  readonly penalty: number;
  readonly gain: MoveGain;
}

/** The model's cost of a caseload: arcs plus the convex load term (no penalties). */
export interface CostSummary {
  readonly arc: number;
  readonly load: number;
  readonly total: number;
}

/** Utilisation (open seats ÷ capacity) over the mediators in the model. */
export interface LoadSpread {
  readonly max: number;
  readonly min: number;
  /** max − min. */
  readonly spread: number;
  /** Population standard deviation. */
  readonly stdev: number;
}

export interface PlanSide {
  readonly cost: CostSummary;
  readonly spread: LoadSpread;
}

/** The outcome of a rebalance: data, never an exception. */
export interface RebalancePlan {
  /** `optimal`: proven best under the penalties; otherwise the solver's status, with no moves. */
  readonly status: 'optimal' | 'feasible' | 'infeasible' | 'time_limit';
  readonly moves: readonly RebalanceMove[];
  /** Seats that must move but stay, with why. */
  readonly stranded: readonly StrandedSeat[];
  readonly before: PlanSide;
  readonly after: PlanSide;
  /** before.total − after.total: what the moves gain, penalties not counted. */
  readonly gain: number;
  /** Σ penalties of the moves. */
  readonly penalties: number;
  /** Seats the model considered (movable ones). */
  readonly seats: number;
  /** Moves by reason. */
  readonly movesByReason: Readonly<Record<MoveReason, number>>;
  /** Solver time summed over rounds, ms (building the model not included). */
  readonly solveMs: number;
  /** Solves run: 1, or more when a per-mediator cap had to be enforced. */
  readonly rounds: number;
  readonly solver: string;
  readonly message?: string;
}

/** Population statistics of utilisations; zeros for none. */
export function loadSpread(utilisation: readonly number[]): LoadSpread {
  if (utilisation.length === 0) return { max: 0, min: 0, spread: 0, stdev: 0 };
  let max = -Infinity;
  let min = Infinity;
  let sum = 0;
  for (const u of utilisation) {
    max = Math.max(max, u);
    min = Math.min(min, u);
    sum += u;
  }
  const mean = sum / utilisation.length;
  let sq = 0;
  for (const u of utilisation) sq += (u - mean) ** 2;
  return { max, min, spread: max - min, stdev: Math.sqrt(sq / utilisation.length) };
}

/** Per-term difference a − b over the union of keys. */
export function termDifference(a: TermBreakdown | null, b: TermBreakdown | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])) out[k] = (a?.[k] ?? 0) - (b?.[k] ?? 0);
  return out;
}
