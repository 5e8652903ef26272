import { randomUUID } from 'node:crypto';
import type { DispatchConfig } from '../../domain/config/load';
import { loadLifecycleConfig, type LifecycleConfig } from '../../domain/config/lifecycle-config';
import type { Case } from '../../domain';
import type { SuccessPredictor } from '../../cost-model/build-problem';
import { DEFAULT_TIME_LIMIT_SEC } from '../../engine/solve';
import { buildRebalanceModel } from '../../planning/rebalance/build-model';
import { planRebalance } from '../../planning/rebalance/plan-rebalance';
import { planWithinMoveBudget } from '../../planning/rebalance/move-budget';
import type { RebalancePlan } from '../../planning/rebalance/plan';
import { DEFAULT_STABILITY_POLICY, type StabilityPolicy } from '../../planning/rebalance/policy';
import { movesByCase, reassigned } from './apply-moves';
import type { ApplyMeta, ApplyResult, CaseReassignment, RebalanceStore } from './rebalance-port';
import { withLifecycleFiles } from './reassign-files';
import { withMoveWords } from './move-words';
import { peopleBook } from '../../cost-model/people';

export interface RunRebalanceOptions {
  readonly config: DispatchConfig;
  /** Move penalties, leave horizon, cap. @defaultValue DEFAULT_STABILITY_POLICY */
  readonly policy?: Partial<StabilityPolicy>;
  /** Only compute the plan; change nothing. @defaultValue true */
  readonly dryRun?: boolean;
  /** The run's time (leave horizon, deadlines, assignedAt). @defaultValue new Date() */
  readonly now?: Date;
  /** Replaces the learned success prediction. @defaultValue learned from outcome history */
  readonly predict?: SuccessPredictor;
  /** @defaultValue a random UUID */
  readonly runId?: string;
  /** Wall-clock limit of each solve, seconds (see `RebalanceOptions.timeLimitSec`). @defaultValue DEFAULT_TIME_LIMIT_SEC (10) */
  readonly timeLimitSec?: number;
  /** Lifecycle rules, to open a case file the lifecycle has not stored yet. @defaultValue the bundled lifecycle.json */
  readonly lifecycleConfig?: LifecycleConfig;
}

/** The outcome of a run, as data. */
export type RebalanceRun =
  /** Another rebalance of the county holds the lock; nothing was done. */
  | { readonly status: 'locked'; readonly runId: string; readonly county: string }
  | {
      readonly status: 'planned' | 'applied';
      readonly runId: string;
      readonly county: string;
      readonly dryRun: boolean;
      readonly plan: RebalancePlan;
      /** Started or pinned cases whose mediator is leaving: they stay; a dispatcher should look. */
      readonly fixedOnLeave: readonly { readonly caseId: string; readonly mediatorId: string; readonly why: 'started' | 'pinned' }[];
      /** What the store did with the moves (null for a dry run). */
      readonly applied: ApplyResult | null;
      /** Snapshot + model build, solve (inside plan.solveMs), apply: wall ms of the whole run. */
      readonly totalMs: number;
    };

/** The plan's moves as per-case reassignments against the snapshot. */
export function toReassignments(plan: RebalancePlan, cases: ReadonlyMap<string, Case>, at: Date): CaseReassignment[] {
  const out: CaseReassignment[] = [];
  for (const [caseId, moves] of movesByCase(plan.moves)) {
    const c = cases.get(caseId);
    if (!c?.assignment) continue;
    const assignment = reassigned(c.assignment, moves, at.toISOString());
    if (!assignment) continue;
    out.push({
      caseId,
      expectedStatus: c.status,
      expectedMediatorIds: c.assignment.mediatorIds,
      assignment,
      moves: moves.map((m) => ({ role: m.role, from: m.from, to: m.to, reason: m.reason })),
    });
  }
  return out;
}

/** The plan of a run and what the apply did with it (null for a dry run). */
interface RunBody {
  readonly plan: RebalancePlan;
  readonly applied: ApplyResult | null;
  readonly fixedOnLeave: Extract<RebalanceRun, { plan: RebalancePlan }>['fixedOnLeave'];
}

/** Snapshot → model → plan → (unless a dry run) apply. */
async function planAndApply(
  store: RebalanceStore,
  options: RunRebalanceOptions,
  policy: StabilityPolicy,
  runId: string,
  dryRun: boolean,
): Promise<RunBody> {
  const now = options.now ?? new Date();
  const snapshot = await store.snapshot();
  const built = buildRebalanceModel({
    ...snapshot,
    config: options.config,
    policy,
    now,
    ...(options.predict ? { predict: options.predict } : {}),
  });
  const opts = {
    timeLimitSec: options.timeLimitSec ?? DEFAULT_TIME_LIMIT_SEC,
    ...(policy.maxMovesPerMediator !== undefined ? { maxMovesPerMediator: policy.maxMovesPerMediator } : {}),
  };
  const plan =
    policy.maxMoves !== undefined
      ? (await planWithinMoveBudget(built.model, policy.maxMoves, opts)).plan
      : await planRebalance(built.model, opts);
  let applied: ApplyResult | null = null;
  if (!dryRun)
    applied =
      plan.moves.length > 0
        ? await apply(store, options, toReassignments(plan, built.movable, now), { runId, at: now })
        : { applied: [], refused: [] };
  return { plan: withMoveWords(plan, peopleBook(options.config, snapshot.mediators)), applied, fixedOnLeave: built.fixedOnLeave };
}

/** Keeps each moved case's lifecycle file in step (read now, written by the apply with a version check) and applies. */
async function apply(
  store: RebalanceStore,
  options: RunRebalanceOptions,
  batch: readonly CaseReassignment[],
  meta: ApplyMeta,
): Promise<ApplyResult> {
  const config = options.lifecycleConfig ?? loadLifecycleConfig();
  return store.applyReassignments(await withLifecycleFiles(store, batch, meta, config), meta);
}

/**
 * The nightly rebalance of one county: under the county lock (live dispatch of the county waits),
 * snapshot the open caseload, build the stability-aware model through the cost model, solve it
 * exactly and apply the moves atomically (the store re-checks every case, so a case that changed
 * since the snapshot is refused, never overwritten) with a `case.reassigned` event per case. A dry
 * run changes nothing, so it takes no lock and never holds up dispatch; it answers `locked` while
 * an apply is under way (its plan would be stale at once).
 */
export async function runRebalance(store: RebalanceStore, options: RunRebalanceOptions): Promise<RebalanceRun> {
  const runId = options.runId ?? randomUUID();
  const dryRun = options.dryRun ?? true;
  const policy: StabilityPolicy = { ...DEFAULT_STABILITY_POLICY, ...options.policy };
  const started = performance.now();
  let body: RunBody;
  if (dryRun) {
    if (await store.isLocked()) return { status: 'locked', runId, county: store.county };
    body = await planAndApply(store, options, policy, runId, true);
  } else {
    const locked = await store.withLock(() => planAndApply(store, options, policy, runId, false));
    if (!locked.acquired) return { status: 'locked', runId, county: store.county };
    body = locked.value;
  }
  return {
    status: dryRun ? 'planned' : 'applied',
    runId,
    county: store.county,
    dryRun,
    ...body,
    totalMs: performance.now() - started,
  };
}
