import { MediatorSchema, type Mediator } from '../../domain';
import { countyKeys, type CountyKeys } from './keys';
import type { TiaojieRedis } from './redis-connection';
import type { MediatorDirectory } from '../../use-cases/mediators/mediator-directory';
import { replyAt } from './replies';

interface CachedRoster {
  readonly version: string;
  readonly mediators: readonly Mediator[];
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
    const results = (await multi.exec()) ?? [];
    let created = 0;
    for (let i = 1; i < results.length; i += 3) {
      created += Number(replyAt(results, i));
    }
    return { created, updated: mediators.length - created };
  }

  /** Every mediator, by id; served from a per-process cache while the roster version is unchanged. Do not mutate. */
  async list(): Promise<readonly Mediator[]> {
    const byCounty = rosterCache.get(this.redis) ?? new Map<string, CachedRoster>();
    rosterCache.set(this.redis, byCounty);
    const version = (await this.redis.get(this.keys.mediatorsVersion)) ?? '0';
    const cached = byCounty.get(this.county);
    if (cached && cached.version === version) return cached.mediators;
    // Read roster and version together, so a write in between cannot be cached under the old version.
    const [[e1, v], [e2, all]] = (await this.redis.multi().get(this.keys.mediatorsVersion).hvals(this.keys.mediators).exec()) as [
      [Error | null, string | null],
      [Error | null, string[]],
    ];
    if (e1) throw e1;
    if (e2) throw e2;
    const mediators = all.map((json) => JSON.parse(json) as Mediator).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    byCounty.set(this.county, { version: v ?? '0', mediators });
    return mediators;
  }

  async get(id: string): Promise<Mediator | null> {
    const json = await this.redis.hget(this.keys.mediators, id);
    return json ? (JSON.parse(json) as Mediator) : null;
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
