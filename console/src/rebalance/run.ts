/**
 * What the rebalance page reads of the API (POST /v1/rebalance, GET /v1/rebalance/last,
 * GET /v1/rebalance/jobs/:id) and the few figures it derives from a run.
 */

export interface Move {
  readonly seatId: string;
  readonly caseId: string;
  readonly from: string;
  readonly to: string;
  readonly reason: 'gain' | 'leave' | 'deadline' | 'ineligible';
  readonly gain: { readonly total: number; readonly net: number };
  /** The move in a sentence per language (runs planned before issue 16 have none). */
  readonly words?: { readonly 'zh-CN': string; readonly en: string };
}

interface Side {
  readonly cost: { readonly total: number };
  readonly spread: { readonly max: number; readonly min: number; readonly spread: number };
}

export interface Run {
  readonly status: 'planned' | 'applied' | 'locked';
  readonly runId: string;
  readonly plan?: {
    readonly moves: readonly Move[];
    readonly stranded: readonly { readonly caseId: string }[];
    readonly before: Side;
    readonly after: Side;
    readonly gain: number;
    readonly penalties: number;
    readonly seats: number;
  };
  readonly applied?: { readonly applied: readonly string[]; readonly refused: readonly { readonly caseId: string }[] } | null;
}

/** A queued run as GET /v1/rebalance/jobs/:id (and /last) shows it. */
export interface RunJob {
  readonly id: string;
  readonly state: string;
  readonly trigger: 'nightly' | 'manual';
  readonly dryRun: boolean;
  readonly result: Run | null;
  readonly failedReason: string | null;
  readonly createdAt: string;
  readonly finishedAt: string | null;
}

/** The 202 answer of POST /v1/rebalance. */
export interface Queued {
  readonly jobId: string;
  readonly statusUrl: string;
}

export const isQueued = (body: Run | Queued): body is Queued => 'jobId' in body;

/** A job's state that will not change any more. */
export const isFinished = (state: string): boolean => state === 'completed' || state === 'failed';

/** The figures a run's result is told by. */
export interface RunFigures {
  readonly moves: number;
  /** Moves the store applied (an applying run), or planned (a dry run). */
  readonly applied: number;
  readonly refused: number;
  /** Cost gained net of the move penalties (higher is better). */
  readonly netGain: number;
  /** Most-loaded mediator's utilisation before and after (0..1+). */
  readonly maxBefore: number;
  readonly maxAfter: number;
  readonly stranded: number;
}

export function figuresOf(run: Run): RunFigures {
  const plan = run.plan;
  const moves = plan?.moves.length ?? 0;
  return {
    moves,
    applied: run.applied ? run.applied.applied.length : run.status === 'applied' ? moves : 0,
    refused: run.applied?.refused.length ?? 0,
    netGain: plan ? plan.gain - plan.penalties : 0,
    maxBefore: plan?.before.spread.max ?? 0,
    maxAfter: plan?.after.spread.max ?? 0,
    stranded: plan?.stranded.length ?? 0,
  };
}

/** Why a run did not give a result, in the console's words where the service's status says it. */
export type RunFailure = 'locked' | 'noWorker' | 'forbidden' | 'other';

/**
 * The kind of failure behind an error of POST /v1/rebalance or its polling: 409 an applying run
 * holds the county (or the run found it locked), 503 no rebalance worker or the store away, 403 a
 * role that may not rebalance; anything else is told in the service's own message.
 */
export function failureOf(status: number | undefined): RunFailure {
  if (status === 409) return 'locked';
  if (status === 503) return 'noWorker';
  if (status === 403) return 'forbidden';
  return 'other';
}

/** A run that came back `locked`: an applying run held the county when this one tried. */
export class LockedRun extends Error {
  readonly status = 409;
}
