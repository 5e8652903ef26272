import { CaseClassSchema, type Case } from '../../domain';
import { MAX_HISTORY_DAYS } from '../../domain/config/reservation-rules';
import { DAY_MS } from '../../domain/time';
import type { Arrival } from '../../cost-model/arrival-forecast';
import type { ArrivalHistory } from '../../use-cases/dispatch/arrival-history';
import { countyKeys } from './keys';
import type { TiaojieRedis } from './redis-connection';

/**
 * The county's arrival index (issue 20): referrals per UTC day and class, counted by the intake
 * script in the same step that admits the case (INTAKE_LUA `count_arrival`), and trimmed there to
 * the last MAX_HISTORY_DAYS — the longest history a reservation rule reads. The dispatch worker and
 * GET /v1/reservations read it instead of the county's case list: one HGETALL of a few thousand
 * fields at most, and archived cases still count. Cases admitted before the index existed are
 * counted by a backfill (arrival-backfill.ts: the CLI's `backfill-arrivals`, the dispatch worker
 * once per county, and `rebuild-hot-state`).
 */

/** What INTAKE_LUA counts for a case: its referral day, its class, and the oldest day kept. */
export interface ArrivalEntry {
  readonly day: number;
  readonly class: Case['class'];
  readonly keepFrom: number;
}

const dayOf = (ms: number): number => Math.floor(ms / DAY_MS);

/** The index entry of a case admitted at `nowMs`; a referral older than the index keeps counts nothing. */
export function arrivalEntry(c: Pick<Case, 'referredAt' | 'class'>, nowMs: number): ArrivalEntry {
  return { day: dayOf(Date.parse(c.referredAt)), class: c.class, keepFrom: dayOf(nowMs) - MAX_HISTORY_DAYS };
}

/** The index field of a day's referrals of a class (INTAKE_LUA builds the same: `<day>:<class>`). */
export function arrivalField(day: number, cls: Case['class']): string {
  return `${day}:${cls}`;
}

/** One field of the index (`<day>:<class>` → count) as an arrival entry of the forecast; null when malformed. */
export function arrivalOfField(field: string, value: string): Arrival | null {
  const [day, cls] = field.split(':');
  const parsed = CaseClassSchema.safeParse(cls);
  const count = Number(value);
  if (!parsed.success || !/^\d+$/.test(day ?? '') || !Number.isInteger(count) || count <= 0) return null;
  return { at: Number(day) * DAY_MS, class: parsed.data, count };
}

/** The county's arrival history from its index in Redis, oldest day first. */
export class RedisArrivalIndex implements ArrivalHistory {
  constructor(
    private readonly redis: TiaojieRedis,
    private readonly county: string,
  ) {}

  async arrivals(since: Date): Promise<readonly Arrival[]> {
    const fields = await this.redis.hgetall(countyKeys(this.county).arrivals);
    const from = dayOf(since.getTime()) * DAY_MS;
    return Object.entries(fields)
      .map(([f, v]) => arrivalOfField(f, v))
      .filter((a): a is Arrival => a !== null && a.at >= from)
      .sort((a, b) => a.at - b.at);
  }
}
