import type { Case } from '../../domain/case';
import type { LifecycleEvent } from '../../domain/lifecycle-event';
import { CaseFileSchema, type CaseFile } from '../../domain/lifecycle-file';
import type { Session } from '../../domain/session';
import type { CaseFileStorage, CommitFileResult, FileEffects, StoredCaseFile } from '../../use-cases/lifecycle/lifecycle-port';
import { decodeCase } from './case-repo';
import { countyKeys, type CountyKeys } from './keys';
import { lifecycleKeys, type LifecycleKeys } from './lifecycle-keys';
import { LIFECYCLE_COMMIT_LUA, PUBLISH_ONE_LUA } from './lifecycle-scripts';
import { allStatusKeys, distinctKeys } from './script-keys';
import { evalAcked, type TiaojieRedis } from './redis-connection';
import type { SessionCalendar } from '../../use-cases/lifecycle/session-calendar';
import { replyAt } from './replies';
import { deadlineAfterConsent } from '../../domain/consent';
import { AssignmentSchema } from '../../domain/case';
import { loadOutcomeFields } from './load-outcomes';

/** A session on a calendar, with the case it belongs to. */
export type CalendarEntry = Session;

/**
 * Case files of one county in Redis, as stored: opening and reconciling them with the case record
 * is the lifecycle's (`caseFiles` in use-cases/lifecycle). `commitFile` is one Lua script that
 * checks the version and the case status read and then writes the file, mirrors the status onto the case record (and back into the
 * waiting set with the escalated class and exclusions on re-dispatch), releases loads, updates the
 * outcome history, the calendars, and appends the events to the county's stream.
 */
export class RedisLifecycleStore implements CaseFileStorage, SessionCalendar {
  private readonly keys: CountyKeys;
  private readonly lk: LifecycleKeys;
  /** Versions as read by readStored / listStored: −1 when the file did not exist in Redis yet. */
  private readonly stored = new Map<string, number>();
  /** Case-record statuses as read by readStored / listStored: a dispatch commit since then makes the commit a conflict. */
  private readonly caseStatus = new Map<string, string>();

  constructor(
    private readonly redis: TiaojieRedis,
    readonly county: string,
    private readonly eventsMaxLen = 100_000,
  ) {
    this.keys = countyKeys(county);
    this.lk = lifecycleKeys(county);
  }

  async readStored(caseId: string): Promise<StoredCaseFile | null> {
    const [hash, fileHash] = await Promise.all([this.redis.hgetall(this.keys.case(caseId)), this.redis.hgetall(this.lk.file(caseId))]);
    const c = decodeCase(hash);
    if (!c) return null;
    return this.storedFor(c, fileHash);
  }

  /** Decodes the stored file and remembers its version and the case status for the next commit. */
  private storedFor(c: Case, fileHash: Record<string, string>): StoredCaseFile {
    const file = fileHash.file ? CaseFileSchema.parse(JSON.parse(fileHash.file)) : null;
    this.stored.set(c.id, file ? file.version : -1);
    this.caseStatus.set(c.id, c.status);
    return { case: c, file };
  }

  async commitFile(expectedVersion: number, next: CaseFile, effects: FileEffects): Promise<CommitFileResult> {
    const expected = this.stored.get(next.caseId) === -1 && expectedVersion === 0 ? -1 : expectedVersion;
    const before = await this.redis.hget(this.lk.file(next.caseId), 'file');
    const prev = before ? (JSON.parse(before) as CaseFile) : null;
    const redispatch =
      next.status === 'referred' &&
      prev?.status !== 'referred' &&
      next.history.some((h) => h.action === 'redispatch' || h.action === 'escalate');
    const consented = this.caseStatus.get(next.caseId) === 'awaiting_consent' && next.status === 'referred';
    const doc = redispatch ? await this.redispatchDoc(next) : consented ? await this.consentedDoc(next) : undefined;
    const payload = {
      caseId: next.caseId,
      expected,
      caseStatus: this.caseStatus.get(next.caseId) ?? null,
      version: next.version,
      file: JSON.stringify(next),
      status: next.status,
      ...(doc ? { doc } : {}),
      released: effects.released,
      outcomes: this.outcomeDeltas(prev, next),
      loadOutcomes: await this.loadOutcomeDeltas(prev, next),
      events: effects.events.map((e) => [e.type, JSON.stringify(e)]),
      calendar: this.calendarOps(next),
      sessions: next.sessions.map((s) => [`${s.caseId}|${s.id}`, s.status === 'cancelled' ? '' : JSON.stringify(s)]),
    };
    const k = this.keys;
    const fixed = [
      this.lk.file(next.caseId),
      k.case(next.caseId),
      k.loads,
      k.events,
      k.waiting,
      k.cases,
      this.lk.fileIds,
      this.lk.sessions,
      k.outcomes,
      k.ledgerOutbox,
    ];
    // The script moves the case out of the status it holds: the one read (checked there), or any.
    const from = payload.caseStatus === null ? allStatusKeys(k) : [k.byStatus(payload.caseStatus)];
    const declared = distinctKeys(
      from,
      [k.byStatus(next.status), k.loadOutcomes],
      payload.calendar.map(([key]) => key),
    );
    const res = (await evalAcked(
      this.redis,
      LIFECYCLE_COMMIT_LUA,
      [...fixed, ...declared],
      [k.prefix, this.eventsMaxLen, new Date().toISOString(), JSON.stringify(payload)],
    )) as CommitFileResult;
    if (res === 'ok') {
      this.stored.set(next.caseId, next.version);
      this.caseStatus.set(next.caseId, next.status);
    }
    return res;
  }

  /** The case document with the escalated class and the excluded mediators as tried attempts. */
  private async redispatchDoc(next: CaseFile): Promise<string | undefined> {
    const raw = await this.redis.hget(this.keys.case(next.caseId), 'doc');
    if (!raw) return undefined;
    const doc = JSON.parse(raw) as Record<string, unknown>;
    return JSON.stringify({ ...doc, class: next.class, attempts: [...next.excludedMediatorIds] });
  }

  /** The case document of a case just consented: its dispatch deadline runs from consent (issue 16 — consent). */
  private async consentedDoc(next: CaseFile): Promise<string | undefined> {
    const raw = await this.redis.hget(this.keys.case(next.caseId), 'doc');
    if (!raw || !next.consent) return undefined;
    const doc = JSON.parse(raw) as { deadlineAt: string; referredAt: string };
    return JSON.stringify({ ...doc, deadlineAt: deadlineAfterConsent(doc.deadlineAt, doc.referredAt, next.consent.at) });
  }

  /** Attempts that ended settled or failed in this change: one outcome per seat for learning. */
  private outcomeDeltas(prev: CaseFile | null, next: CaseFile): [string, number][] {
    const out: [string, number][] = [];
    next.attempts.forEach((a, i) => {
      if (a.outcome !== 'settled' && a.outcome !== 'failed') return;
      if (prev?.attempts[i]?.outcome === a.outcome) return;
      for (const m of a.mediatorIds) out.push([`${m}|${next.category}`, a.outcome === 'settled' ? 1 : 0]);
    });
    return out;
  }

  /** The same outcomes by the load each seat was taken at, from the assignment's explanations (issue 20). */
  private async loadOutcomeDeltas(prev: CaseFile | null, next: CaseFile): Promise<[string, number][]> {
    const concluded = next.attempts.filter(
      (a, i) => (a.outcome === 'settled' || a.outcome === 'failed') && prev?.attempts[i]?.outcome !== a.outcome,
    );
    if (concluded.length === 0) return [];
    const raw = await this.redis.hget(this.keys.case(next.caseId), 'assignment');
    const assignment = raw ? AssignmentSchema.safeParse(JSON.parse(raw)) : null;
    if (!assignment?.success) return [];
    return concluded.flatMap((a) =>
      loadOutcomeFields(assignment.data, a.mediatorIds, next.category).map((f): [string, number] => [f, a.outcome === 'settled' ? 1 : 0]),
    );
  }

  private calendarOps(next: CaseFile): [string, string, number][] {
    const ops: [string, string, number][] = [];
    for (const s of next.sessions) {
      const member = `${s.caseId}|${s.id}`;
      const score = s.status === 'cancelled' ? -1 : Date.parse(s.start);
      for (const m of s.mediatorIds) ops.push([this.lk.mediatorCalendar(m), member, score]);
      ops.push([this.lk.roomCalendar(s.roomId), member, score]);
    }
    return ops;
  }

  async listStored(): Promise<readonly StoredCaseFile[]> {
    const ids = await this.redis.zrange(this.keys.cases, '0', '-1');
    const out: StoredCaseFile[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const pipe = this.redis.pipeline();
      for (const id of chunk) pipe.hgetall(this.keys.case(id)).hgetall(this.lk.file(id));
      const rows = (await pipe.exec()) ?? [];
      for (let j = 0; j < chunk.length; j++) {
        const caseHash = replyAt(rows, 2 * j);
        const fileHash = replyAt(rows, 2 * j + 1);
        const c = decodeCase(caseHash as Record<string, string>);
        if (c) out.push(this.storedFor(c, fileHash as Record<string, string>));
      }
    }
    return out;
  }

  async raiseOnce(key: string): Promise<boolean> {
    return (await this.redis.sadd(this.lk.raised, key)) === 1;
  }

  async emit(events: readonly LifecycleEvent[]): Promise<void> {
    if (events.length === 0) return;
    // One transaction: each event and its ledger outbox entry (ledger-outbox.ts) or neither.
    const multi = this.redis.multi();
    for (const e of events)
      multi.eval(PUBLISH_ONE_LUA, 2, this.keys.events, this.keys.ledgerOutbox, this.eventsMaxLen, e.type, JSON.stringify(e));
    const rows = (await multi.exec()) ?? [];
    for (const [err] of rows) if (err) throw err;
  }

  /** Sessions on a mediator's or a room's calendar between two instants, in time order. */
  async calendar(kind: 'mediator' | 'room', id: string, from: Date, to: Date): Promise<CalendarEntry[]> {
    const key = kind === 'mediator' ? this.lk.mediatorCalendar(id) : this.lk.roomCalendar(id);
    const members = await this.redis.zrangebyscore(key, from.getTime(), `(${to.getTime()}`);
    if (members.length === 0) return [];
    const raw = await this.redis.hmget(this.lk.sessions, ...members);
    return raw.filter((x): x is string => !!x).map((x) => JSON.parse(x) as Session);
  }
}
