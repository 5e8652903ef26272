import { WAITING_STATUSES } from '../../domain/case';
import type { Case } from '../../domain';
import { DEFAULT_DISPATCH_SETTINGS, DispatchSettingsSchema, type DispatchSettings } from '../../domain/config/dispatch-settings';
import type { DispatchSettingsStore, ProposalEntry, ProposalStore } from '../../use-cases/dispatch/proposal-port';
import { CaseRepo } from './case-repo';
import { countyKeys, type CountyKeys } from './keys';
import { writeAcked, type TiaojieRedis } from './redis-connection';
import { scriptArgs, type EmptyLuaTable } from './script-args';
import { statusMoveKeys } from './script-keys';
import { putCountySettings } from './county-settings';

function idList(raw: string): string[] {
  const parsed = JSON.parse(raw) as string[] | EmptyLuaTable;
  return Array.isArray(parsed) ? parsed : [];
}

/** Held cases and proposals of one county on Redis (scripts in proposal-scripts.ts). */
export class RedisProposalStore implements ProposalStore {
  private readonly keys: CountyKeys;
  private readonly cases: CaseRepo;

  constructor(
    private readonly redis: TiaojieRedis,
    county: string,
    private readonly eventsMaxLen = 100_000,
  ) {
    this.keys = countyKeys(county);
    this.cases = new CaseRepo(redis, county, eventsMaxLen);
  }

  async hold(caseIds: readonly string[]): Promise<readonly string[]> {
    if (caseIds.length === 0) return [];
    const at = new Date().toISOString();
    const items = caseIds.map((caseId) => ({ caseId, event: JSON.stringify({ caseId, at }) }));
    return this.setAside(scriptArgs(this.keys, this.eventsMaxLen, items, this.setAsideKeys(caseIds, 'held')), 'held');
  }

  async propose(entries: readonly ProposalEntry[]): Promise<readonly string[]> {
    if (entries.length === 0) return [];
    const items = entries.map(({ caseId, proposal }) => ({
      caseId,
      proposal: JSON.stringify(proposal),
      expiresAt: Date.parse(proposal.expiresAt),
      event: JSON.stringify({ caseId, at: proposal.proposedAt, mediatorIds: proposal.mediatorIds, expiresAt: proposal.expiresAt }),
    }));
    const declared = this.setAsideKeys(
      entries.map((e) => e.caseId),
      'proposed',
    );
    return this.setAside(scriptArgs(this.keys, this.eventsMaxLen, items, declared), 'proposed');
  }

  async dueProposals(now: Date, limit: number): Promise<readonly Case[]> {
    const ids = await this.redis.zrangebyscore(this.keys.proposals, '-inf', String(now.getTime()), 'LIMIT', 0, limit);
    const found = await this.cases.getMany(ids);
    const due = found.filter((c) => c.status === 'proposed' && c.proposal);
    // A case decided around the dispatch scripts (withdrawn, returned to court) leaves the index here.
    const stale = ids.filter((id) => !due.some((c) => c.id === id));
    if (stale.length > 0) await this.redis.zrem(this.keys.proposals, ...stale);
    return due;
  }

  async release(caseId: string): Promise<boolean> {
    const c = await this.cases.get(caseId);
    const score = c ? Date.parse(c.referredAt) : 0;
    const event = JSON.stringify({ caseId, at: new Date().toISOString(), reason: 'conflict' });
    const declared = statusMoveKeys(this.keys, [caseId], ['proposed'], 'unassigned');
    const args = scriptArgs(this.keys, this.eventsMaxLen, { caseId, score, event }, declared);
    return (await writeAcked(this.redis, (pipe) => pipe.tjRelease(...args))) === 1;
  }

  private async setAside(args: (string | number)[], to: 'held' | 'proposed'): Promise<string[]> {
    return idList((await writeAcked(this.redis, (pipe) => pipe.tjSetAside(...args, to))) as string);
  }

  /** SET_ASIDE_LUA takes only waiting cases (it checks), so their status sets are the waiting ones. */
  private setAsideKeys(caseIds: readonly string[], to: 'held' | 'proposed'): string[] {
    return statusMoveKeys(this.keys, caseIds, WAITING_STATUSES, to);
  }
}

/** A county's dispatch settings as one JSON string; a missing or unreadable record reads as the defaults. */
export class RedisDispatchSettings implements DispatchSettingsStore {
  private readonly key: string;

  constructor(
    private readonly redis: TiaojieRedis,
    private readonly county: string,
  ) {
    this.key = countyKeys(county).dispatchSettings;
  }

  async get(): Promise<DispatchSettings> {
    const raw = await this.redis.get(this.key);
    if (raw === null) return DEFAULT_DISPATCH_SETTINGS;
    try {
      const checked = DispatchSettingsSchema.safeParse(JSON.parse(raw));
      return checked.success ? checked.data : DEFAULT_DISPATCH_SETTINGS;
    } catch {
      return DEFAULT_DISPATCH_SETTINGS;
    }
  }

  async put(settings: DispatchSettings): Promise<void> {
    await putCountySettings(this.redis, this.county, 'dispatch', settings);
  }
}
