import { MediatorSchema, type Mediator } from '../domain';
import { countyKeys, type CountyKeys } from './keys';
import type { TiaojieRedis } from './redis-connection';

/**
 * Mediators of one county. The JSON document is the record; capacity and status are mirrored
 * into their own hashes, in the same MULTI, for the commit script to check without decoding.
 * Updates of one mediator are last-writer-wins on the whole record.
 */
export class MediatorRepo {
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
    for (const m of mediators) {
      const valid = MediatorSchema.parse(m);
      multi.hset(this.keys.mediators, valid.id, JSON.stringify(valid));
      multi.hset(this.keys.capacity, valid.id, String(valid.capacity));
      multi.hset(this.keys.mediatorStatus, valid.id, valid.status);
    }
    const results = (await multi.exec()) ?? [];
    let created = 0;
    for (let i = 0; i < results.length; i += 3) {
      const [err, added] = results[i]!;
      if (err) throw err;
      created += Number(added);
    }
    return { created, updated: mediators.length - created };
  }

  async list(): Promise<Mediator[]> {
    const all = await this.redis.hvals(this.keys.mediators);
    return all.map((json) => JSON.parse(json) as Mediator).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
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
