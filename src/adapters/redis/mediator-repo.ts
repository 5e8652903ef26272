import { MediatorSchema, type Mediator } from '../../domain';
import { outboxEntry } from './ledger-outbox';
import { countyKeys, type CountyKeys } from './keys';
import type { TiaojieRedis } from './redis-connection';
import type { MediatorDirectory } from '../../use-cases/mediators/mediator-directory';
import { replyAt } from './replies';
import { checkRecord } from '../../domain/record-check';
import type { QuarantinedRecord } from '../../use-cases/dispatch/dispatch-port';
import { loggableId } from './loggable-id';
import { slotReplicated } from './replication-barrier';

/** A county's roster as read: the valid mediators, and the records that failed validation. */
export interface CheckedRoster {
  readonly mediators: readonly Mediator[];
  readonly quarantined: readonly QuarantinedRecord[];
}

interface CachedRoster extends CheckedRoster {
  readonly version: string;
}

/** Parsed rosters per client and county: decoding 555 mediators costs ~7 ms, a version check one GET. */
const rosterCache = new WeakMap<TiaojieRedis, Map<string, CachedRoster>>();

/**
 * Mediators of one county. The JSON document is the record; capacity and status are mirrored
 * into their own hashes, in the same MULTI, for the commit script to check without decoding.
 * Updates of one mediator are last-writer-wins on the whole record.
 */
export class MediatorRepo implements MediatorDirectory {
  private readonly keys: CountyKeys;
  constructor(
    private readonly redis: TiaojieRedis,
    readonly county: string,
  ) {
    this.keys = countyKeys(county);
  }

  /** Inserts or replaces; returns how many ids were new. */
  async upsert(mediators: readonly Mediator[]): Promise<{ created: number; updated: number }> {
    if (mediators.length === 0) return { created: 0, updated: 0 };
    const multi = this.redis.multi();
    multi.incr(this.keys.mediatorsVersion);
    for (const m of mediators) {
      const valid = MediatorSchema.parse(m);
      multi.hset(this.keys.mediators, valid.id, JSON.stringify(valid));
      multi.hset(this.keys.capacity, valid.id, String(valid.capacity));
      multi.hset(this.keys.mediatorStatus, valid.id, valid.status);
    }
    // Last, so the replies above keep their places; the ledger copies the roster (issue 19).
    multi.xadd(this.keys.ledgerOutbox, ...outboxEntry('roster.changed', { caseId: '', mediatorIds: mediators.map((m) => m.id) }));
    const results = (await multi.exec()) ?? [];
    await slotReplicated(this.redis, this.keys.replicationBarrier);
    let created = 0;
    for (let i = 1; i < 1 + 3 * mediators.length; i += 3) {
      created += Number(replyAt(results, i));
    }
    return { created, updated: mediators.length - created };
  }

  /** Every valid mediator, by id (records failing validation are left out: see `listChecked`). Do not mutate. */
  async list(): Promise<readonly Mediator[]> {
    return (await this.listChecked()).mediators;
  }

  /**
   * Every mediator record checked against the schema: the valid ones by id, and the ones that
   * failed (a record written around the API, e.g. a capacity of 169,220,804), quarantined.
   * Served from a per-process cache while the roster version is unchanged.
   */
  async listChecked(): Promise<CheckedRoster> {
    const byCounty = rosterCache.get(this.redis) ?? new Map<string, CachedRoster>();
    rosterCache.set(this.redis, byCounty);
    const version = (await this.redis.get(this.keys.mediatorsVersion)) ?? '0';
    const cached = byCounty.get(this.county);
    if (cached && cached.version === version) return cached;
    // Read roster and version together, so a write in between cannot be cached under the old version.
    const [[e1, v], [e2, all]] = (await this.redis.multi().get(this.keys.mediatorsVersion).hgetall(this.keys.mediators).exec()) as [
      [Error | null, string | null],
      [Error | null, Record<string, string>],
    ];
    if (e1) throw e1;
    if (e2) throw e2;
    const mediators: Mediator[] = [];
    const quarantined: QuarantinedRecord[] = [];
    for (const [id, json] of Object.entries(all)) {
      const checked = checkRecord(MediatorSchema, json);
      if (checked.ok && checked.value.id === id) mediators.push(checked.value);
      else
        quarantined.push({ kind: 'mediator', id: loggableId(id), reason: checked.ok ? 'id: differs from the record key' : checked.reason });
    }
    mediators.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const roster = { version: v ?? '0', mediators, quarantined };
    byCounty.set(this.county, roster);
    return roster;
  }

  /** One mediator; null when unknown or when its record fails validation (a PUT replaces it). */
  async get(id: string): Promise<Mediator | null> {
    const json = await this.redis.hget(this.keys.mediators, id);
    if (!json) return null;
    const checked = checkRecord(MediatorSchema, json);
    return checked.ok ? checked.value : null;
  }

  /** Open seats per mediator id. */
  async loads(): Promise<Map<string, number>> {
    const raw = await this.redis.hgetall(this.keys.loads);
    return new Map(Object.entries(raw).map(([id, n]) => [id, Number(n)]));
  }

  async load(id: string): Promise<number> {
    return Number((await this.redis.hget(this.keys.loads, id)) ?? 0);
  }
}
