/**
 * The rebalance model: the open caseload as seats that may stay or move, in the index form the
 * solvers take, plus what the plan needs to explain each move. Pure data; built from the domain by
 * `buildRebalanceModel` or directly by tests.
 */

/** Why a seat must leave its current mediator. */
export type ForcedReason =
  /** The mediator is on leave now or within the leave horizon. */
  | 'leave'
  /** The mediator's first possible session comes after the case's deadline. */
  | 'deadline'
  /** The hard rules no longer allow the mediator on this seat (capacity lowered, recusal, tier). */
  | 'ineligible';

/** Arc cost split by named term; Σ values = arc cost. */
export type TermBreakdown = Readonly<Record<string, number>>;

/** One seat of an open case: a task of the re-optimisation. */
export interface RebalanceSeat {
  /** `<caseId>#<role>`. */
  readonly id: string;
  readonly caseId: string;
  readonly role: string;
  /** Index of the current agent in `agents`, or -1 when that mediator is not an agent (on leave, unknown). */
  readonly current: number;
  /** Id of the current mediator (also when not an agent). */
  readonly currentId: string;
  /** Cost charged on every arc except the current one. */
  readonly penalty: number;
  /** Set when the seat must leave its current mediator. */
  readonly forced: ForcedReason | null;
  /** Arc cost of the current assignment by term (for gains); null when unknown. */
  readonly currentTerms: TermBreakdown | null;
  /** Unpenalised arc cost of the current assignment (Σ currentTerms); null when unknown. */
  readonly currentCost: number | null;
}

/** One mediator who may receive or keep movable seats. */
export interface RebalanceAgent {
  readonly id: string;
  /** Total capacity (open cases at once). */
  readonly capacity: number;
  /** Seats held on cases that do not move (started, pinned, stranded). */
  readonly fixedLoad: number;
  /**
   * Marginal load cost of the 1st, 2nd, … movable seat on top of `fixedLoad` (non-decreasing);
   * its length is the room left for movable seats. Null = no load cost, room `capacity - fixedLoad`.
   */
  readonly loadCosts: readonly number[] | null;
}

/** Arcs in typed arrays: arc e lets seat `arcSeat[e]` go to agent `arcAgent[e]` at `arcCost[e]`. */
export interface RebalanceModel {
  readonly seats: readonly RebalanceSeat[];
  readonly agents: readonly RebalanceAgent[];
  readonly arcSeat: Int32Array;
  readonly arcAgent: Int32Array;
  /** Unpenalised arc cost (Σ of the arc's terms). */
  readonly arcCost: Float64Array;
  /** Terms per arc, aligned with the arc arrays; absent when the caller has none. */
  readonly arcTerms?: readonly TermBreakdown[];
  /** Cost of a seat left without a mediator (only forced seats can be); far above any arc. */
  readonly unassignedCost: number;
  /** Seats that must move but have nowhere to go: they stay, reported in the plan. */
  readonly stranded: readonly StrandedSeat[];
}

export interface StrandedSeat {
  readonly seatId: string;
  readonly caseId: string;
  readonly mediatorId: string;
  readonly reason: ForcedReason;
  /** For people: why nobody else could take it. */
  readonly detail: string;
}

/** How the re-optimisation weighs stability. */
export interface RebalanceOptions {
  /**
   * Ignore stability: no move penalty, no cap — the full re-solve the benchmark compares with.
   * Ties still go to the current mediator (a move that gains nothing is not made).
   * @defaultValue false
   */
  readonly ignoreStability?: boolean;
  /**
   * What a move costs when stability is ignored (the tie-break toward the current mediator).
   * 0 lets the solver move seats that gain nothing; kept for measuring exactly that.
   * @defaultValue TIE_PENALTY (1e-6)
   */
  readonly tiePenalty?: number;
  /**
   * Move only the seats that must move (each to its best place): the baseline that discretionary
   * gains are measured against. @defaultValue false
   */
  readonly forcedOnly?: boolean;
  /**
   * Most discretionary moves (not forced) into or out of one mediator in one run; unset = no cap.
   * Enforced by re-solving with the lowest-gain excess moves held in place.
   * @defaultValue undefined
   */
  readonly maxMovesPerMediator?: number;
  /**
   * Wall-clock limit of each solve, seconds. The rebalance model has unit loads and is solved by
   * the exact flow engine, which needs none; set so every solve carries the same limit.
   * @defaultValue DEFAULT_TIME_LIMIT_SEC (10)
   */
  readonly timeLimitSec?: number;
  /**
   * Extra cost of keeping a seat whose deadline cannot be met with its mediator, when nobody
   * else can take it (it then stays, reported as stranded).
   * @defaultValue half of `unassignedCost`
   */
  readonly forcedStayCost?: number;
}
