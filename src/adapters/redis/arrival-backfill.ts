import { CaseClassSchema } from '../../domain';
import type { ArrivalCount, ArrivalIndexBackfill, ReferralRecord, ReferralSource } from '../../use-cases/dispatch/arrival-backfill';
import { arrivalField } from './arrival-index';
import { countyKeys, type CountyKeys } from './keys';
import { lifecycleKeys } from './lifecycle-keys';
import type { TiaojieRedis } from './redis-connection';

/** Case records read per pipeline round trip. */
const CHUNK = 500;

/**
 * Raises each given field of the arrival index to at least its count, never lowering one, and
 * marks the index backfilled. KEYS: 1 arrival index, 2 backfill mark. ARGV: 1 JSON [[field,
 * count], …], 2 the mark's value (ISO time). Returns how many fields it raised.
 */
const RAISE_ARRIVALS_LUA = `
local raised = 0
for _, e in ipairs(cjson.decode(ARGV[1])) do
  local held = tonumber(redis.call('HGET', KEYS[1], e[1]) or '0')
  if e[2] > held then
    redis.call('HSET', KEYS[1], e[1], string.format('%d', e[2]))
    raised = raised + 1
  end
end
redis.call('SET', KEYS[2], ARGV[2])
return raised
`;

/** The referral of a stored case document (a case hash's `doc`, or an archived record); null when unreadable. */
function referralOfDoc(caseId: string, raw: string | null): ReferralRecord | null {
  if (raw === null) return null;
  try {
    const doc = JSON.parse(raw) as { referredAt?: unknown; class?: unknown };
    const cls = CaseClassSchema.safeParse(doc.class);
    if (!cls.success || typeof doc.referredAt !== 'string') return null;
    return { caseId, referredAt: doc.referredAt, class: cls.data };
  } catch {
    return null;
  }
}

/**
 * The referrals Redis still holds for a county: its cases (the `cases` index, scored by referral
 * time, and each record's class) and its archive (the class a case ended at). Cases retention
 * evicted to the ledger are not here: PostgresReferralSource reads them.
 */
export class RedisReferralSource implements ReferralSource {
  private readonly keys: CountyKeys;

  constructor(
    private readonly redis: TiaojieRedis,
    private readonly county: string,
  ) {
    this.keys = countyKeys(county);
  }

  async referralsSince(since: Date): Promise<readonly ReferralRecord[]> {
    const ids = await this.redis.zrangebyscore(this.keys.cases, since.getTime(), '+inf');
    const out: ReferralRecord[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const pipe = this.redis.pipeline();
      for (const id of chunk) pipe.hget(this.keys.case(id), 'doc');
      const replies = (await pipe.exec()) ?? [];
      chunk.forEach((id, j) => {
        const [err, raw] = replies[j] ?? [null, null];
        if (err) throw err;
        const r = referralOfDoc(id, raw as string | null);
        if (r) out.push(r);
      });
    }
    for (const r of await this.archived()) if (Date.parse(r.referredAt) >= since.getTime()) out.push(r);
    return out;
  }

  /** The archive's referrals; an unreadable record is skipped, as the dispatch quarantines one, rather than failing the worker. */
  private async archived(): Promise<ReferralRecord[]> {
    const out: ReferralRecord[] = [];
    let cursor = '0';
    do {
      const [next, flat] = await this.redis.hscan(lifecycleKeys(this.county).archive, cursor, 'COUNT', CHUNK);
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const r = referralOfDoc(flat[i] as string, flat[i + 1] as string);
        if (r) out.push(r);
      }
      cursor = next;
    } while (cursor !== '0');
    return out;
  }
}

/** The county's arrival index (arrival-index.ts) as a backfill raises it. */
export class RedisArrivalBackfill implements ArrivalIndexBackfill {
  private readonly keys: CountyKeys;

  constructor(
    private readonly redis: TiaojieRedis,
    county: string,
  ) {
    this.keys = countyKeys(county);
  }

  async raise(counts: readonly ArrivalCount[], at: Date): Promise<number> {
    const fields = counts.map((c) => [arrivalField(c.day, c.class), c.count]);
    const k = this.keys;
    return Number(await this.redis.eval(RAISE_ARRIVALS_LUA, 2, k.arrivals, k.arrivalsBackfilled, JSON.stringify(fields), at.toISOString()));
  }

  async backfilled(): Promise<boolean> {
    return (await this.redis.exists(this.keys.arrivalsBackfilled)) === 1;
  }
}
