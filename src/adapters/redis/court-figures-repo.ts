import { z } from 'zod';
import { CourtFiguresSchema, CourtMonthSchema, type CourtFigures, type CourtMonth } from '../../domain/court-figures';
import type { CourtFiguresStore } from '../../use-cases/court-figures/court-figures-port';
import { countyKeys } from './keys';
import { outboxEntry } from './ledger-outbox';
import type { TiaojieRedis } from './redis-connection';
import { slotReplicated } from './replication-barrier';

const StoredMonthSchema = z.strictObject({ month: CourtMonthSchema, figures: CourtFiguresSchema, updatedAt: z.string() });

/**
 * A county's court figures in one HASH, month → JSON: a county holds a few hundred months at most,
 * so reading the whole hash is cheap, and one HSET of many fields writes an import all or nothing.
 */
export class RedisCourtFigures implements CourtFiguresStore {
  private readonly key: string;
  private readonly outbox: string;
  private readonly barrier: string;

  constructor(
    private readonly redis: TiaojieRedis,
    county: string,
  ) {
    this.key = countyKeys(county).courtFigures;
    this.outbox = countyKeys(county).ledgerOutbox;
    this.barrier = countyKeys(county).replicationBarrier;
  }

  async list(from?: string, to?: string): Promise<CourtMonth[]> {
    const all = await this.redis.hgetall(this.key);
    const months: CourtMonth[] = [];
    for (const [month, raw] of Object.entries(all)) {
      if ((from !== undefined && month < from) || (to !== undefined && month > to)) continue;
      // A record this version cannot read is left out rather than failing every report.
      const parsed = safeJson(raw);
      const checked = StoredMonthSchema.safeParse(parsed);
      if (checked.success && checked.data.month === month) months.push(checked.data);
    }
    return months.sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
  }

  async putMany(months: readonly { readonly month: string; readonly figures: CourtFigures }[], at: Date): Promise<void> {
    if (months.length === 0) return;
    const updatedAt = at.toISOString();
    const fields = months.flatMap((m) => [m.month, JSON.stringify({ month: m.month, figures: m.figures, updatedAt })]);
    // The ledger copies the months (issue 19): the same transaction notes the change in its outbox.
    const note = outboxEntry('court_figures.changed', { caseId: '', months: months.map((m) => m.month) });
    const replies =
      (await this.redis
        .multi()
        .hset(this.key, ...fields)
        .xadd(this.outbox, ...note)
        .exec()) ?? [];
    for (const [err] of replies) if (err) throw err;
    await slotReplicated(this.redis, this.barrier);
  }
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
