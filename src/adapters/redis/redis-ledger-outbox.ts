import type { UserOutbox } from '../../use-cases/ledger/county-records-port';
import type { AuditRecord, LedgerOutbox, OutboxCounts, OutboxEntry } from '../../use-cases/ledger/ledger-port';
import { countyKeys, USERS_OUTBOX_KEY } from './keys';
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

/** One outbox stream on Redis (ledger-outbox.ts writes it): read after the ledger's cursor, counted, trimmed. */
export class RedisOutboxStream implements UserOutbox {
  constructor(
    protected readonly redis: TiaojieRedis,
    private readonly key: string,
  ) {}

  async read(afterId: string, count: number): Promise<readonly OutboxEntry[]> {
    const entries = (await this.redis.xrange(this.key, `(${afterId}`, '+', 'COUNT', count)) as StreamEntry[];
    return entries.map(toEntry);
  }

  async counts(): Promise<OutboxCounts> {
    if ((await this.redis.exists(this.key)) === 0) return { added: 0, length: 0, lastId: '0-0' };
    const info = (await this.redis.xinfo('STREAM', this.key)) as unknown[];
    const field = (name: string): unknown => info[info.indexOf(name) + 1];
    return { added: Number(field('entries-added')), length: Number(field('length')), lastId: String(field('last-generated-id')) };
  }

  async trimThrough(id: string): Promise<void> {
    await this.redis.xtrim(this.key, 'MINID', nextStreamId(id));
  }
}

/** The installation's account outbox (`USERS_OUTBOX_KEY`, beside the accounts' hash). */
export function userOutbox(redis: TiaojieRedis): UserOutbox {
  return new RedisOutboxStream(redis, USERS_OUTBOX_KEY);
}

/** A county's ledger outbox and audit trail on Redis. */
export class RedisLedgerOutbox extends RedisOutboxStream implements LedgerOutbox {
  private readonly audit: string;

  constructor(redis: TiaojieRedis, county: string) {
    super(redis, countyKeys(county).ledgerOutbox);
    this.audit = countyKeys(county).audit;
  }

  async readAudit(afterId: string, count: number): Promise<readonly AuditRecord[]> {
    const entries = (await this.redis.xrange(this.audit, `(${afterId}`, '+', 'COUNT', count)) as StreamEntry[];
    return entries.map(([id, fields]) => {
      const f: Record<string, string> = Object.fromEntries(flatPairs(fields));
      return { id, at: f.at ?? new Date(0).toISOString(), entry: parseData(f.entry) };
    });
  }
}
