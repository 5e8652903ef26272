import type { CaseStatus } from '../../domain';
import { CaseFileSchema } from '../../domain/lifecycle-file';
import type { RebalanceSnapshot } from '../../planning/rebalance/build-model';
import type {
  ApplyMeta,
  ApplyResult,
  CaseReassignment,
  LifecycleReassignment,
  ReassignedEventData,
  ReassignRefusalReason,
  RebalanceStore,
  StoredLifecycle,
} from '../../use-cases/rebalance/rebalance-port';
import { countyKeys, type CountyKeys } from './keys';
import { lifecycleKeys } from './lifecycle-keys';
import { acquireRebalanceLock, extendRebalanceLock, isRebalancing, rebalanceLockKey, releaseRebalanceLock } from './rebalance-lock';
import { REBALANCE_APPLY_LUA } from './rebalance-scripts';
import { distinctKeys, fileUpdateKeys } from './script-keys';
import { readSnapshot } from '../../use-cases/dispatch/read-snapshot';
import { RedisDispatchStore } from './redis-dispatch-store';
import { evalAcked, type TiaojieRedis } from './redis-connection';
import type { EmptyLuaTable } from './script-args';
import { flatPairs, replyAt } from './replies';

/** Open statuses in which a case holds seats. */
const HOLDING: readonly CaseStatus[] = ['assigned', 'accepted', 'session_scheduled', 'mediating'];

export interface RedisRebalanceStoreOptions {
  /** Events kept per county. @defaultValue 100000 */
  readonly eventsMaxLen?: number;
  /**
   * Expiry of the county lock, ms: a crashed run blocks the county's dispatch at most this long. A
   * live run renews it every `lockTtlMs / 4`, so a run may take as long as it needs; the expiry
   * must only outlast the longest stretch the event loop is busy (building the model: seconds).
   * @defaultValue 60000
   */
  readonly lockTtlMs?: number;
}

/** A case file's write inside the apply script. */
interface FileUpdate {
  readonly key: string;
  /** Version it must still have; −1 = no file stored yet. */
  readonly expected: number;
  readonly version: number;
  readonly json: string;
  /** Calendar entries to drop: [zset key, `caseId|sessionId`]. */
  readonly unbook: readonly [string, string][];
  /** Session records (`caseId|sessionId`) to drop from the sessions hash. */
  readonly sessions: readonly string[];
}

/** A case file's write as the apply scripts take it: the JSON, the version check, what to unbook. */
export function fileUpdateOf(county: string, caseId: string, update: LifecycleReassignment): FileUpdate {
  const lk = lifecycleKeys(county);
  const members = update.cancelledSessions.map((sess) => `${sess.caseId}|${sess.id}`);
  const unbook = update.cancelledSessions.flatMap((sess) => {
    const member = `${sess.caseId}|${sess.id}`;
    return [...sess.mediatorIds.map((m) => lk.mediatorCalendar(m)), lk.roomCalendar(sess.roomId)].map(
      (key) => [key, member] as [string, string],
    );
  });
  return {
    key: lk.file(caseId),
    expected: update.expectedVersion,
    version: update.file.version,
    json: JSON.stringify(update.file),
    unbook,
    sessions: members,
  };
}

/**
 * The `RebalanceStore` on Redis for one county. Reads go through the dispatch store's repos;
 * the apply is one Lua script (see rebalance-scripts.ts) that also writes the lifecycle's case file
 * the use case computed (compare-and-set on its version) and unbooks the sessions it cancelled,
 * so the case history shows the move and a later settlement releases the new mediator's load,
 * not the old one's. The store runs no lifecycle rule itself.
 */
export class RedisRebalanceStore implements RebalanceStore {
  private readonly dispatch: RedisDispatchStore;
  private readonly keys: CountyKeys;
  private readonly eventsMaxLen: number;
  private readonly lockTtlMs: number;
  /** The lock's token while `withLock` runs: the apply is refused unless it still holds the lock. */
  private token: string | null = null;

  constructor(
    private readonly redis: TiaojieRedis,
    readonly county: string,
    options: RedisRebalanceStoreOptions = {},
  ) {
    this.eventsMaxLen = options.eventsMaxLen ?? 100_000;
    this.lockTtlMs = options.lockTtlMs ?? 60_000;
    this.dispatch = new RedisDispatchStore(redis, county, this.eventsMaxLen);
    this.keys = countyKeys(county);
  }

  /**
   * Held cases, mediators, loads and outcomes. A case record that fails validation is left out
   * (it stays with its mediator, and its load still counts), as dispatch quarantines it.
   */
  async snapshot(): Promise<RebalanceSnapshot> {
    const ids = (await Promise.all(HOLDING.map((s) => this.redis.smembers(this.keys.byStatus(s))))).flat();
    const [checked, snap] = await Promise.all([this.dispatch.cases.getManyChecked(ids), readSnapshot(this.dispatch)]);
    return { cases: checked.cases.filter((c) => c.assignment && HOLDING.includes(c.status)), ...snap };
  }

  async lifecycleFiles(caseIds: readonly string[]): Promise<ReadonlyMap<string, StoredLifecycle>> {
    const lk = lifecycleKeys(this.county);
    const pipe = this.redis.pipeline();
    for (const id of caseIds) pipe.hgetall(lk.file(id));
    const rows = (await pipe.exec()) ?? [];
    const hashes = caseIds.map((_, i) => replyAt(rows, i) as Record<string, string>);
    const out = new Map<string, StoredLifecycle>();
    const missing: string[] = [];
    caseIds.forEach((id, i) => {
      const hash = hashes[i] ?? {};
      if (!hash.file) return missing.push(id);
      // The hash's version is the one the apply script compares against.
      out.set(id, { kind: 'file', file: CaseFileSchema.parse(JSON.parse(hash.file)), version: Number(hash.version ?? -1) });
    });
    for (const c of await this.dispatch.cases.getMany(missing)) out.set(c.id, { kind: 'case', case: c });
    return out;
  }

  async applyReassignments(batch: readonly CaseReassignment[], meta: ApplyMeta): Promise<ApplyResult> {
    if (batch.length === 0) return { applied: [], refused: [] };
    const token = this.token;
    if (!token) return { applied: [], refused: batch.map((r) => ({ caseId: r.caseId, reason: 'lock_lost' as const })) };
    const at = meta.at.toISOString();
    const entries = batch.map((r) => {
      const event: ReassignedEventData = {
        caseId: r.caseId,
        at,
        runId: meta.runId,
        fromMediatorIds: r.expectedMediatorIds,
        mediatorIds: r.assignment.mediatorIds,
        moves: r.moves,
      };
      const file = r.lifecycle ? fileUpdateOf(this.county, r.caseId, r.lifecycle) : undefined;
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
    const lk = lifecycleKeys(this.county);
    const fixed = [
      k.capacity,
      k.mediatorStatus,
      k.loads,
      k.events,
      k.cases,
      lk.fileIds,
      lk.sessions,
      rebalanceLockKey(this.county),
      k.ledgerOutbox,
    ];
    // The mediators moved from are the ones read: the script refuses a case whose mediators moved.
    const declared = distinctKeys(
      ...entries.map((e) => [k.case(e.caseId), ...e.moves.flatMap((mv) => mv.map(k.byMediator)), ...fileUpdateKeys(e.file)]),
    );
    const raw = JSON.parse(
      (await evalAcked(
        this.redis,
        REBALANCE_APPLY_LUA,
        [...fixed, ...declared],
        [k.prefix, this.eventsMaxLen, new Date().toISOString(), JSON.stringify({ entries }), token],
      )) as string,
    ) as { lost?: boolean; a: string[] | EmptyLuaTable; r: [string, ReassignRefusalReason, string][] | EmptyLuaTable };
    if (raw.lost) return { applied: [], refused: batch.map((r) => ({ caseId: r.caseId, reason: 'lock_lost' as const })) };
    const flat = Array.isArray(raw.a) ? raw.a : [];
    const applied = flatPairs(flat).map(([caseId]) => caseId);
    const refused = (Array.isArray(raw.r) ? raw.r : []).map(([caseId, reason, mediatorId]) =>
      mediatorId ? { caseId, reason, mediatorId } : { caseId, reason },
    );
    return { applied, refused };
  }

  async isLocked(): Promise<boolean> {
    return isRebalancing(this.redis, this.county);
  }

  async withLock<T>(fn: () => Promise<T>): Promise<{ acquired: true; value: T } | { acquired: false }> {
    const token = await acquireRebalanceLock(this.redis, this.county, this.lockTtlMs);
    if (!token) return { acquired: false };
    this.token = token;
    // Renewed while the run lives; should it still be lost (a stall longer than the expiry), the
    // apply script sees another token or none and refuses everything.
    const renew = setInterval(
      () => {
        extendRebalanceLock(this.redis, this.county, token, this.lockTtlMs).catch(() => undefined);
      },
      Math.max(10, Math.floor(this.lockTtlMs / 4)),
    );
    renew.unref();
    try {
      return { acquired: true, value: await fn() };
    } finally {
      clearInterval(renew);
      this.token = null;
      await releaseRebalanceLock(this.redis, this.county, token);
    }
  }
}
