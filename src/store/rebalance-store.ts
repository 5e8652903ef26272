import type { CaseStatus } from '../domain';
import type { RebalanceSnapshot } from '../optimizer/rebalance/build-model';
import type { ApplyMeta, ApplyResult, CaseReassignment, ReassignedEventData, ReassignRefusalReason, RebalanceStore } from '../rebalance/store';
import { countyKeys, type CountyKeys } from './keys';
import { lifecycleKeys } from './lifecycle-keys';
import { acquireRebalanceLock, releaseRebalanceLock } from './rebalance-lock';
import { REBALANCE_APPLY_LUA } from './rebalance-scripts';
import { RedisDispatchStore } from './redis-dispatch-store';
import type { TiaojieRedis } from './redis-connection';

/** Open statuses in which a case holds seats. */
const HOLDING: readonly CaseStatus[] = ['assigned', 'accepted', 'session_scheduled', 'mediating'];

export interface RedisRebalanceStoreOptions {
  /** Events kept per county. @defaultValue 100000 */
  readonly eventsMaxLen?: number;
  /** Expiry of the county lock: a crashed run blocks the county at most this long, ms. @defaultValue 120000 */
  readonly lockTtlMs?: number;
}

/**
 * The `RebalanceStore` on Redis for one county. Reads go through the dispatch store's repos;
 * the apply is one Lua script (see rebalance-scripts.ts) that also keeps the lifecycle's case file
 * in step (its current attempt's mediators, compare-and-set on its version), so a later
 * settlement releases the new mediator's load, not the old one's.
 */
export class RedisRebalanceStore implements RebalanceStore {
  private readonly dispatch: RedisDispatchStore;
  private readonly keys: CountyKeys;
  private readonly eventsMaxLen: number;
  private readonly lockTtlMs: number;

  constructor(
    private readonly redis: TiaojieRedis,
    readonly county: string,
    options: RedisRebalanceStoreOptions = {},
  ) {
    this.eventsMaxLen = options.eventsMaxLen ?? 100_000;
    this.lockTtlMs = options.lockTtlMs ?? 120_000;
    this.dispatch = new RedisDispatchStore(redis, county, this.eventsMaxLen);
    this.keys = countyKeys(county);
  }

  async snapshot(): Promise<RebalanceSnapshot> {
    const ids = (await Promise.all(HOLDING.map((s) => this.redis.smembers(this.keys.byStatus(s))))).flat();
    const [cases, mediators, loads, outcomes] = await Promise.all([
      this.dispatch.cases.getMany(ids),
      this.dispatch.listMediators(),
      this.dispatch.loads(),
      this.dispatch.outcomeStats(),
    ]);
    return { cases: cases.filter((c) => c.assignment && HOLDING.includes(c.status)), mediators, loads, outcomes };
  }

  /** The lifecycle file of each case with one: the new JSON (current attempt's seats moved) and its version. */
  private async fileUpdates(batch: readonly CaseReassignment[]): Promise<Map<string, { key: string; expected: number; version: number; json: string }>> {
    const lk = lifecycleKeys(this.county);
    const pipe = this.redis.pipeline();
    for (const r of batch) pipe.hgetall(lk.file(r.caseId));
    const rows = (await pipe.exec()) ?? [];
    const out = new Map<string, { key: string; expected: number; version: number; json: string }>();
    batch.forEach((r, i) => {
      const [err, hash] = rows[i]!;
      if (err) throw err;
      const h = hash as Record<string, string>;
      if (!h.file) return;
      const file = JSON.parse(h.file) as { version: number; attempts: { mediatorIds: string[] }[] };
      const attempt = file.attempts[file.attempts.length - 1];
      if (attempt) {
        attempt.mediatorIds = attempt.mediatorIds.map((id) => r.moves.find((m) => m.from === id)?.to ?? id);
      }
      const expected = Number(h.version ?? file.version);
      file.version = expected + 1;
      out.set(r.caseId, { key: lk.file(r.caseId), expected, version: file.version, json: JSON.stringify(file) });
    });
    return out;
  }

  async applyReassignments(batch: readonly CaseReassignment[], meta: ApplyMeta): Promise<ApplyResult> {
    if (batch.length === 0) return { applied: [], refused: [] };
    const files = await this.fileUpdates(batch);
    const at = meta.at.toISOString();
    const entries = batch.map((r) => {
      const event: ReassignedEventData = { caseId: r.caseId, at, runId: meta.runId, fromMediatorIds: r.expectedMediatorIds, mediatorIds: r.assignment.mediatorIds, moves: r.moves };
      const file = files.get(r.caseId);
      return {
        caseId: r.caseId,
        status: r.expectedStatus,
        expected: r.expectedMediatorIds.join('|'),
        assignment: JSON.stringify(r.assignment),
        moves: r.moves.map((m) => [m.from, m.to]),
        event: JSON.stringify(event),
        ...(file ? { file } : {}),
      };
    });
    const k = this.keys;
    const raw = JSON.parse(
      (await this.redis.eval(REBALANCE_APPLY_LUA, 4, k.capacity, k.mediatorStatus, k.loads, k.events, k.prefix, this.eventsMaxLen, new Date().toISOString(), JSON.stringify({ entries }))) as string,
    ) as { a: string[] | object; r: [string, ReassignRefusalReason, string][] | object };
    const flat = Array.isArray(raw.a) ? raw.a : [];
    const applied: string[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) applied.push(flat[i]!);
    const refused = (Array.isArray(raw.r) ? raw.r : []).map(([caseId, reason, mediatorId]) => (mediatorId ? { caseId, reason, mediatorId } : { caseId, reason }));
    return { applied, refused };
  }

  async withLock<T>(fn: () => Promise<T>): Promise<{ acquired: true; value: T } | { acquired: false }> {
    const token = await acquireRebalanceLock(this.redis, this.county, this.lockTtlMs);
    if (!token) return { acquired: false };
    try {
      return { acquired: true, value: await fn() };
    } finally {
      await releaseRebalanceLock(this.redis, this.county, token);
    }
  }
}
