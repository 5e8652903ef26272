import type { CaseReassignStore, DispatcherReassignment, ReassignCommit, ReassignCommitRefusal } from '../../use-cases/cases/reassign-port';
import type { StoredLifecycle } from '../../use-cases/rebalance/rebalance-port';
import { countyKeys } from './keys';
import { lifecycleKeys } from './lifecycle-keys';
import { DISPATCHER_REASSIGN_LUA } from './reassign-scripts';
import { distinctKeys, fileUpdateKeys } from './script-keys';
import { fileUpdateOf, RedisRebalanceStore } from './rebalance-store';
import { evalAcked, type TiaojieRedis } from './redis-connection';

/** A dispatcher's reassignment on Redis for one county: one Lua step (see reassign-scripts.ts). */
export class RedisCaseReassignStore implements CaseReassignStore {
  constructor(
    private readonly redis: TiaojieRedis,
    readonly county: string,
    private readonly eventsMaxLen: number,
  ) {}

  async lifecycleFile(caseId: string): Promise<StoredLifecycle | undefined> {
    // The rebalance reads case files the same way; one reader for both.
    const stored = await new RedisRebalanceStore(this.redis, this.county, { eventsMaxLen: this.eventsMaxLen }).lifecycleFiles([caseId]);
    return stored.get(caseId);
  }

  async reassign(r: DispatcherReassignment): Promise<ReassignCommit> {
    const k = countyKeys(this.county);
    const lk = lifecycleKeys(this.county);
    const payload = {
      caseId: r.caseId,
      expectedStatus: r.expectedStatus,
      expected: r.expectedMediatorIds.join('|'),
      status: r.status,
      assignment: JSON.stringify(r.assignment),
      mediatorIds: r.assignment.mediatorIds,
      event: JSON.stringify(r.event),
      ...(r.lifecycle ? { file: fileUpdateOf(this.county, r.caseId, r.lifecycle) } : {}),
    };
    const fixed = [k.capacity, k.mediatorStatus, k.loads, k.events, k.cases, lk.fileIds, lk.sessions, k.ledgerOutbox];
    // The old status and mediators are the ones read: the script refuses as `changed` when they moved.
    const declared = distinctKeys(
      [k.case(r.caseId), k.byStatus(r.expectedStatus), k.byStatus(r.status)],
      [...r.expectedMediatorIds, ...r.assignment.mediatorIds].map(k.byMediator),
      fileUpdateKeys(payload.file),
    );
    const raw = JSON.parse(
      (await evalAcked(
        this.redis,
        DISPATCHER_REASSIGN_LUA,
        [...fixed, ...declared],
        [k.prefix, this.eventsMaxLen, new Date().toISOString(), JSON.stringify(payload)],
      )) as string,
    ) as { ok?: string; r?: ReassignCommitRefusal; m?: string };
    if (raw.ok) return { status: 'ok', eventId: raw.ok };
    return { status: 'refused', reason: raw.r ?? 'changed', ...(raw.m ? { mediatorId: raw.m } : {}) };
  }
}
