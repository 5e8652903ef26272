import type { ChainableCommander } from 'ioredis';
import { omit } from '../../domain/omit';
import { isSummonsOpen, type Summons } from '../../domain/summons/summons';
import type { HotCase, HotStateImage, HotStateStore } from '../../use-cases/ledger/hot-state-port';
import { intakeFlags } from './case-repo';
import { COUNTY_SETTINGS_KINDS, type HeldCountyRecords } from '../../use-cases/ledger/county-records-port';
import { countySettingsKeys } from './county-settings';
import { COUNTIES_KEY, countyKeys, countyPrefix, USERS_KEY, type CountyKeys } from './keys';
import { lifecycleKeys, type LifecycleKeys } from './lifecycle-keys';
import { dataNodes, type TiaojieRedis } from './redis-connection';
import { summonsKeys, type SummonsKeys } from './summons-keys';

/** Cases per pipeline round trip. */
const CHUNK = 200;

/** Keys after the county prefix that a rebuild owns whole; `mediators-version` is bumped, never deleted. */
const OWNED = new Set([
  'mediators',
  'capacity',
  'mediator-status',
  'loads',
  'outcomes',
  'court-figures',
  'cases',
  'waiting',
  'proposals',
  'lifecycle-ids',
  'sessions',
  'summons',
  'summons-versions',
  'summons-by-due',
  'summons-open',
  'ledger-outbox',
]);
/** Families of keys a rebuild owns (one key per case, status, mediator, room, …). */
const OWNED_FAMILIES = [
  'case:',
  'by-status:',
  'by-mediator:',
  'by-channel:',
  'by-flag:',
  'lifecycle:',
  'cal:mediator:',
  'cal:room:',
  'summons-of:',
];

/** True for a key of the county's hot state, which a rebuild deletes and writes again. */
export function isHotStateKey(county: string, key: string): boolean {
  const prefix = countyPrefix(county);
  if (!key.startsWith(prefix)) return false;
  const rest = key.slice(prefix.length);
  return OWNED.has(rest) || OWNED_FAMILIES.some((f) => rest.startsWith(f));
}

const isWaiting = (status: string): boolean => status === 'referred' || status === 'unassigned';

/**
 * Writes a county's hot state back into Redis exactly as the service's own writers lay it out
 * (INTAKE_LUA and the dispatch scripts for the case hash and indexes, LIFECYCLE_COMMIT_LUA for the
 * file, sessions and calendars, MediatorRepo.upsert for the roster, the summons scripts, the county
 * registry for the profile, the settings stores). Keys it
 * leaves alone: the event stream and audit trail (history, in the ledger), webhooks,
 * feed tokens, the arrival index, the load-outcome statistics, raised warnings and the archive.
 */
export class RedisHotStateRestore implements HotStateStore {
  private readonly keys: CountyKeys;
  private readonly lk: LifecycleKeys;
  private readonly sk: SummonsKeys;

  constructor(
    private readonly redis: TiaojieRedis,
    private readonly county: string,
  ) {
    this.keys = countyKeys(county);
    this.lk = lifecycleKeys(county);
    this.sk = summonsKeys(county);
  }

  caseCount(): Promise<number> {
    return this.redis.zcard(this.keys.cases);
  }

  async clear(): Promise<void> {
    // On a cluster SCAN walks one node: walk every master (the county's slot lives on one of them).
    for (const node of dataNodes(this.redis)) {
      let cursor = '0';
      do {
        const [next, found] = await node.scan(cursor, 'MATCH', `${this.keys.prefix}*`, 'COUNT', 1000);
        const owned = found.filter((k) => isHotStateKey(this.county, k));
        if (owned.length > 0) await this.redis.unlink(...owned);
        cursor = next;
      } while (cursor !== '0');
    }
  }

  async write(image: HotStateImage): Promise<void> {
    const k = this.keys;
    const head = this.redis.pipeline();
    // Cached rosters (MediatorRepo.listChecked) reload when the version moves.
    head.incr(k.mediatorsVersion);
    for (const m of image.roster) {
      head.hset(k.mediators, m.id, JSON.stringify(m));
      head.hset(k.capacity, m.id, String(m.capacity));
      head.hset(k.mediatorStatus, m.id, m.status);
    }
    for (const [id, n] of image.loads) head.hset(k.loads, id, String(n));
    for (const [key, [s, a]] of image.outcomes) head.hset(k.outcomes, key, `${s},${a}`);
    for (const m of image.courtMonths) head.hset(k.courtFigures, m.month, JSON.stringify(m.doc));
    if (image.records) this.writeRecords(head, image.records);
    await exec(head);
    // Other slots than the county's: each its own round trip (a cluster pipeline stays on one node).
    if (image.records?.county) await this.redis.sadd(COUNTIES_KEY, this.county);
    if (image.users.length > 0) {
      const users = this.redis.pipeline();
      // Redis's account, when it holds one, is at least as new as the ledger's copy: it stays.
      for (const u of image.users) users.hsetnx(USERS_KEY, u.username, JSON.stringify(u));
      await exec(users);
    }
    for (let i = 0; i < image.cases.length; i += CHUNK) {
      const pipe = this.redis.pipeline();
      for (const c of image.cases.slice(i, i + CHUNK)) this.writeCase(pipe, c);
      await exec(pipe);
    }
    for (let i = 0; i < image.summonses.length; i += CHUNK) {
      const pipe = this.redis.pipeline();
      for (const s of image.summonses.slice(i, i + CHUNK)) this.writeSummons(pipe, s);
      await exec(pipe);
    }
  }

  /** The profile hash as the registry writes it, and each kind of settings (a kind the ledger lacks: deleted). */
  private writeRecords(pipe: ChainableCommander, records: HeldCountyRecords): void {
    const k = this.keys;
    pipe.del(k.profile);
    const c = records.county;
    if (c) {
      const fields = ['doc', JSON.stringify(c.profile), 'status', c.status, 'version', String(c.version)];
      if (c.updatedAt !== '') fields.push('updatedAt', c.updatedAt);
      pipe.hset(k.profile, ...fields);
    }
    const keys = countySettingsKeys(this.county);
    for (const kind of COUNTY_SETTINGS_KINDS) pipe.del(keys[kind]);
    for (const s of records.settings) pipe.set(keys[s.kind], JSON.stringify(s.doc));
  }

  /** The case hash and its index entries (INTAKE_LUA, COMMIT_LUA, SET_ASIDE_LUA), file, sessions and calendars (LIFECYCLE_COMMIT_LUA). */
  private writeCase(pipe: ChainableCommander, c: HotCase): void {
    const k = this.keys;
    const r = c.record;
    const id = r.id;
    const score = Date.parse(r.referredAt);
    const fields: string[] = ['doc', JSON.stringify(omit(r, 'status', 'assignment', 'unassignedReason', 'proposal'))];
    fields.push('status', r.status, 'updatedAt', c.updatedAt);
    if (r.assignment) fields.push('assignment', JSON.stringify(r.assignment));
    if (r.unassignedReason) fields.push('reason', r.unassignedReason);
    if (r.proposal) fields.push('proposal', JSON.stringify(r.proposal));
    pipe.hset(k.case(id), ...fields);
    pipe.zadd(k.cases, score, id);
    if (isWaiting(r.status)) pipe.zadd(k.waiting, score, id);
    if (r.status === 'proposed' && r.proposal) pipe.zadd(k.proposals, Date.parse(r.proposal.expiresAt), id);
    pipe.sadd(k.byStatus(r.status), id);
    pipe.sadd(k.byChannel(r.channel), id);
    for (const f of intakeFlags(r)) pipe.sadd(k.byFlag(f), id);
    for (const m of c.indexedMediators) pipe.sadd(k.byMediator(m), id);
    const file = c.storedFile;
    if (!file) return;
    pipe.hset(this.lk.file(id), 'file', JSON.stringify(file), 'version', String(file.version));
    pipe.zadd(this.lk.fileIds, score, id);
    for (const s of file.sessions) {
      if (s.status === 'cancelled') continue;
      const member = `${s.caseId}|${s.id}`;
      const start = Date.parse(s.start);
      pipe.hset(this.lk.sessions, member, JSON.stringify(s));
      for (const m of s.mediatorIds) pipe.zadd(this.lk.mediatorCalendar(m), start, member);
      pipe.zadd(this.lk.roomCalendar(s.roomId), start, member);
    }
  }

  /** A summons and its indexes (SUMMONS_CREATE_LUA, SUMMONS_COMMIT_LUA). */
  private writeSummons(pipe: ChainableCommander, s: Summons): void {
    const due = Date.parse(s.requiredBy);
    pipe.hset(this.sk.docs, s.id, JSON.stringify(s));
    pipe.hset(this.sk.versions, s.id, String(s.version));
    pipe.zadd(this.sk.byDue, due, s.id);
    if (isSummonsOpen(s.status)) pipe.zadd(this.sk.open, due, s.id);
    pipe.zadd(this.sk.ofCase(s.caseId), due, s.id);
  }
}

async function exec(pipe: ChainableCommander): Promise<void> {
  for (const [err] of (await pipe.exec()) ?? []) if (err) throw err;
}
