import { SummonsSettingsSchema, defaultSummonsSettings, type SummonsSettings } from '../../domain/config/departments-config';
import { isSummonsOpen, SummonsSchema, type Summons } from '../../domain/summons/summons';
import type { SummonsEvent } from '../../domain/summons/summons-event';
import type { SummonsCommitResult, SummonsQuery, SummonsSettingsStore, SummonsStore } from '../../use-cases/summons/summons-port';
import { countyKeys } from './keys';
import { evalAcked, type TiaojieRedis } from './redis-connection';
import { SUMMONS_COMMIT_LUA, SUMMONS_CREATE_LUA } from './summons-scripts';
import { summonsKeys, type SummonsKeys } from './summons-keys';
import { putCountySettings } from './county-settings';

const eventPairs = (events: readonly SummonsEvent[]) => events.map((e) => [e.type, JSON.stringify(e)]);

/** Summonses of one county on Redis (scripts in summons-scripts.ts, keys in summons-keys.ts). */
export class RedisSummonsStore implements SummonsStore {
  private readonly keys: SummonsKeys;
  private readonly events: string;
  private readonly outbox: string;

  constructor(
    private readonly redis: TiaojieRedis,
    county: string,
    private readonly eventsMaxLen = 100_000,
  ) {
    this.keys = summonsKeys(county);
    this.events = countyKeys(county).events;
    this.outbox = countyKeys(county).ledgerOutbox;
  }

  private scriptKeys(caseId: string): string[] {
    const k = this.keys;
    return [k.docs, k.versions, k.byDue, k.open, this.events, k.ofCase(caseId), this.outbox];
  }

  async get(id: string): Promise<Summons | null> {
    const raw = await this.redis.hget(this.keys.docs, id);
    return raw === null ? null : decode(raw);
  }

  async create(summonses: readonly Summons[], events: readonly SummonsEvent[]): Promise<void> {
    for (const caseId of new Set(summonses.map((s) => s.caseId))) {
      const items = summonses.filter((s) => s.caseId === caseId).map((s) => [s.id, JSON.stringify(s), s.version, Date.parse(s.requiredBy)]);
      const ids = new Set(items.map(([id]) => id));
      const own = events.filter((e) => ids.has(e.summonsId));
      await evalAcked(this.redis, SUMMONS_CREATE_LUA, this.scriptKeys(caseId), [
        this.eventsMaxLen,
        JSON.stringify({ items, events: eventPairs(own) }),
      ]);
    }
  }

  async commit(expectedVersion: number, next: Summons, events: readonly SummonsEvent[]): Promise<SummonsCommitResult> {
    const payload = {
      id: next.id,
      expected: expectedVersion,
      version: next.version,
      doc: JSON.stringify(next),
      open: isSummonsOpen(next.status),
      events: eventPairs(events),
    };
    return (await evalAcked(this.redis, SUMMONS_COMMIT_LUA, this.scriptKeys(next.caseId), [
      this.eventsMaxLen,
      JSON.stringify(payload),
    ])) as SummonsCommitResult;
  }

  async listByCase(caseId: string): Promise<readonly Summons[]> {
    return this.load(await this.redis.zrange(this.keys.ofCase(caseId), '0', '-1'));
  }

  async list(q: SummonsQuery): Promise<readonly Summons[]> {
    const min = q.from === undefined ? '-inf' : String(q.from.getTime());
    const max = q.to === undefined ? '+inf' : `(${q.to.getTime()}`;
    const all = await this.load(await this.redis.zrangebyscore(this.keys.byDue, min, max));
    return all.filter(
      (s) => (q.department === undefined || s.department === q.department) && (q.status === undefined || s.status === q.status),
    );
  }

  async openBefore(until: Date): Promise<readonly Summons[]> {
    return this.load(await this.redis.zrangebyscore(this.keys.open, '-inf', `(${until.getTime()}`));
  }

  /** The summonses by id, in the given order; a record that no longer decodes is skipped (never served half-read). */
  private async load(ids: readonly string[]): Promise<Summons[]> {
    const out: Summons[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const raw = await this.redis.hmget(this.keys.docs, ...ids.slice(i, i + 500));
      for (const r of raw) {
        const s = r === null ? null : decode(r);
        if (s) out.push(s);
      }
    }
    return out;
  }
}

function decode(raw: string): Summons | null {
  try {
    const parsed = SummonsSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A county's roster and summons clock as one JSON string; a missing or unreadable record reads as the bundled one. */
export class RedisSummonsSettings implements SummonsSettingsStore {
  private readonly key: string;

  constructor(
    private readonly redis: TiaojieRedis,
    private readonly county: string,
  ) {
    this.key = summonsKeys(county).settings;
  }

  async get(): Promise<SummonsSettings> {
    const raw = await this.redis.get(this.key);
    if (raw === null) return defaultSummonsSettings();
    try {
      const checked = SummonsSettingsSchema.safeParse(JSON.parse(raw));
      return checked.success ? checked.data : defaultSummonsSettings();
    } catch {
      return defaultSummonsSettings();
    }
  }

  async put(settings: SummonsSettings): Promise<void> {
    await putCountySettings(this.redis, this.county, 'summons', settings);
  }
}
