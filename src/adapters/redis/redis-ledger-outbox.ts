import type { AuditRecord, LedgerOutbox, OutboxCounts, OutboxEntry } from '../../use-cases/ledger/ledger-port';
import { countyKeys, type CountyKeys } from './keys';
import type { TiaojieRedis } from './redis-connection';
import { flatPairs } from './replies';

type StreamEntry = [id: string, fields: string[]];

function parseData(raw: string | undefined): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(raw ?? '{}');
    return v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function toEntry([id, fields]: StreamEntry): OutboxEntry {
  const f: Record<string, string> = Object.fromEntries(flatPairs(fields));
  return { id, type: f.type ?? '', data: parseData(f.data), eventId: f.event ? f.event : null };
}

/** The id right after `id` in stream order (XTRIM MINID keeps entries at and after its argument). */
function nextStreamId(id: string): string {
  const [ms = 0, seq = 0] = id.split('-').map(Number);
  return `${ms}-${seq + 1}`;
}

/** A county's ledger outbox and audit trail on Redis (ledger-outbox.ts writes the outbox). */
export class RedisLedgerOutbox implements LedgerOutbox {
  private readonly keys: CountyKeys;

  constructor(
    private readonly redis: TiaojieRedis,
    county: string,
  ) {
    this.keys = countyKeys(county);
  }

  async read(afterId: string, count: number): Promise<readonly OutboxEntry[]> {
    const entries = (await this.redis.xrange(this.keys.ledgerOutbox, `(${afterId}`, '+', 'COUNT', count)) as StreamEntry[];
    return entries.map(toEntry);
  }

  async counts(): Promise<OutboxCounts> {
    if ((await this.redis.exists(this.keys.ledgerOutbox)) === 0) return { added: 0, length: 0, lastId: '0-0' };
    const info = (await this.redis.xinfo('STREAM', this.keys.ledgerOutbox)) as unknown[];
    const field = (name: string): unknown => info[info.indexOf(name) + 1];
    return { added: Number(field('entries-added')), length: Number(field('length')), lastId: String(field('last-generated-id')) };
  }

  async trimThrough(id: string): Promise<void> {
    await this.redis.xtrim(this.keys.ledgerOutbox, 'MINID', nextStreamId(id));
  }

  async readAudit(afterId: string, count: number): Promise<readonly AuditRecord[]> {
    const entries = (await this.redis.xrange(this.keys.audit, `(${afterId}`, '+', 'COUNT', count)) as StreamEntry[];
    return entries.map(([id, fields]) => {
      const f: Record<string, string> = Object.fromEntries(flatPairs(fields));
      return { id, at: f.at ?? new Date(0).toISOString(), entry: parseData(f.entry) };
    });
  }
}
