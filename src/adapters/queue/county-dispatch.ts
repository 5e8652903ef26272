import type { CountyConfigs } from '../../use-cases/counties/county-configs';
import { dispatchBatch, type DispatchReport } from '../../use-cases/dispatch/dispatch-batch';
import type { QuarantinedRecord } from '../../use-cases/dispatch/dispatch-port';
import type { DispatchJobResult } from './job-schemas';
import { RedisDispatchStore } from '../redis/redis-dispatch-store';
import { countyReplicated } from '../redis/replication-barrier';
import { RedisDispatchSettings, RedisProposalStore } from '../redis/redis-proposal-store';
import { isRebalancing } from '../redis/rebalance-lock';
import type { TiaojieRedis } from '../redis/redis-connection';
import { loadPanelRules } from '../../domain/config/panel-rules-config';
import { RedisArrivalIndex } from '../redis/arrival-index';
import { RedisArrivalBackfill, RedisReferralSource } from '../redis/arrival-backfill';
import { backfillArrivalsOnce } from '../../use-cases/dispatch/arrival-backfill';
import { reservationRules } from '../../domain/config/dispatch-settings';

/**
 * Counties whose arrival index this process found (or made) backfilled. The mark is never removed,
 * so each county is checked once per process, not with a round trip on every batch (the hot path).
 */
const backfilledCounties = new Set<string>();

/** One county's share of a micro-batch. */
export interface CountyDispatchTask {
  readonly county: string;
  /** Cases of the referral jobs in the batch. */
  readonly caseIds: readonly string[];
  /** A "dispatch all waiting" job is in the batch: solve every waiting case of the county. */
  readonly all: boolean;
}

export interface CountyDispatchResult {
  /**
   * The county is being rebalanced: nothing was dispatched, and the jobs go back to the queue to
   * be dispatched after the rebalance, on its loads.
   */
  readonly deferred: boolean;
  /**
   * Why the jobs were handed back: the county's rebalance, or the county is disabled (issue 21) —
   * its queued work waits, untouched, until it is enabled. Absent when not deferred.
   */
  readonly deferredBy?: 'rebalance' | 'disabled';
  /** Per requested case id. */
  readonly outcomes: Readonly<Record<string, DispatchJobResult>>;
  readonly assigned: number;
  readonly unassigned: number;
  /** Wall time of the dispatch rounds (snapshot, solve, commit). */
  readonly dispatchMs: number;
  /**
   * Stored records of the county that failed validation and were left out of this dispatch, once
   * each (the caller reports them: log, metric). The rest of the county was dispatched as usual.
   */
  readonly quarantined: readonly QuarantinedRecord[];
}

/** The records of several reports, each kind and id once. */
function distinctRecords(reports: readonly DispatchReport[]): QuarantinedRecord[] {
  const byKey = new Map<string, QuarantinedRecord>();
  for (const r of reports) for (const q of r.quarantined) byKey.set(`${q.kind}\u0000${q.id}`, q);
  return [...byKey.values()];
}

/** Rounds for cases refused because another worker changed loads between snapshot and commit. */
const CONFLICT_ROUNDS = 3;

/**
 * Runs the dispatch use case for one county's share of a batch. Cases refused at commit
 * (`conflict`: a concurrent worker took the capacity) are solved again against fresh loads,
 * a few times, before they stay `unassigned`.
 */
export async function runCountyDispatch(
  redis: TiaojieRedis,
  task: CountyDispatchTask,
  configs: CountyConfigs,
  eventsMaxLen: number,
): Promise<CountyDispatchResult> {
  const started = performance.now();
  const handBack = (deferredBy: 'rebalance' | 'disabled'): CountyDispatchResult => ({
    deferred: true,
    deferredBy,
    outcomes: {},
    assigned: 0,
    unassigned: 0,
    dispatchMs: performance.now() - started,
    quarantined: [],
  });
  // A rebalance of the county holds its lock: its referrals wait and go after, on the new loads.
  // They wait in the queue, handed back, not here: waiting here would hold worker slots (and a
  // batch) that other counties' referrals need.
  if (await isRebalancing(redis, task.county)) return handBack('rebalance');
  // The county's own geography and organisations (its registered profile), or the embedded ones.
  const county = await configs.of(task.county);
  if (county.status === 'disabled') return handBack('disabled');
  const config = county.config;
  const store = new RedisDispatchStore(redis, task.county, eventsMaxLen);
  // The county's modes (issue 16): manual and held cases wait for a pin, propose cases get a proposal.
  const modes = {
    settings: await new RedisDispatchSettings(redis, task.county).get(),
    proposals: new RedisProposalStore(redis, task.county, eventsMaxLen),
  };
  // Major cases get a panel plan sized by the case (issue 17, convening: panel-rules.json).
  const panels = { rules: loadPanelRules() };
  // Seats kept for expected cases (issue 20): the county's rules, forecast from its arrival index —
  // counted from the county's records first if it was never backfilled (admitted before the index).
  if (!backfilledCounties.has(task.county)) {
    await backfillArrivalsOnce({
      sources: [new RedisReferralSource(redis, task.county)],
      index: new RedisArrivalBackfill(redis, task.county),
    });
    backfilledCounties.add(task.county);
  }
  const reservations = { rules: reservationRules(modes.settings), history: new RedisArrivalIndex(redis, task.county) };
  const outcomes: Record<string, DispatchJobResult> = {};
  let assigned = 0;
  let unassigned = 0;
  let report: DispatchReport = await dispatchBatch(store, {
    config,
    modes,
    panels,
    reservations,
    ...(task.all ? {} : { caseIds: task.caseIds }),
  });
  const reports = [report];
  for (let round = 1; ; round++) {
    for (const a of report.assigned) {
      outcomes[a.caseId] = { status: 'assigned', caseId: a.caseId, mediatorIds: [...a.assignment.mediatorIds] };
      assigned++;
    }
    const conflicts = report.unassigned.filter((u) => u.reason === 'conflict').map((u) => u.caseId);
    for (const u of report.unassigned) {
      if (u.reason === 'conflict' && round < CONFLICT_ROUNDS) continue;
      outcomes[u.caseId] = { status: 'unassigned', caseId: u.caseId, reason: u.reason };
      unassigned++;
    }
    if (conflicts.length === 0 || round >= CONFLICT_ROUNDS) break;
    report = await dispatchBatch(store, { config, modes, panels, reservations, caseIds: conflicts });
    reports.push(report);
  }
  // Requested cases the use case did not touch were not waiting: a repeated delivery, or closed.
  const untouched = task.caseIds.filter((id) => !outcomes[id]);
  if (untouched.length > 0) {
    // A retry after a commit the replicas did not acknowledge in time completes only once they have it.
    await countyReplicated(redis, task.county);
    const found = new Map((await store.cases.getMany(untouched)).map((c) => [c.id, c.status]));
    for (const id of untouched) outcomes[id] = { status: 'not_waiting', caseId: id, caseStatus: found.get(id) ?? null };
  }
  const quarantined = distinctRecords(reports);
  return { deferred: false, outcomes, assigned, unassigned, dispatchMs: performance.now() - started, quarantined };
}
