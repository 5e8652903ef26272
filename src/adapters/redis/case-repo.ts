import { CaseSchema, type Assignment, type Case, type CaseStatus, type Proposal } from '../../domain';
import { checkRecord } from '../../domain/record-check';
import type { QuarantinedRecord } from '../../use-cases/dispatch/dispatch-port';
import { loggableId } from './loggable-id';
import { omit } from '../../domain/omit';
import type { CaseFlag, CaseIntakeResult, CaseQuery, CaseRecords, CaseSummary } from '../../use-cases/cases/case-records';
import { countCasesByStatus, filtersNothing, matchingCaseIds } from './case-filter';
import { CASE_SUMMARIES_LUA } from './case-summary-script';
import { countyKeys, type CountyKeys } from './keys';
import { replicaAckOf, writeAcked, type TiaojieRedis } from './redis-connection';
import { scriptArgs } from './script-args';
import { intakeKeys } from './script-keys';
import { lifecycleKeys } from './lifecycle-keys';
import { arrivalEntry } from './arrival-index';

/** The immutable part of a case, as stored in its `doc` field. */
type CaseDoc = Omit<Case, 'status' | 'assignment' | 'unassignedReason' | 'proposal'>;

/** A case hash (HGETALL) as a Case; null for a missing key. */
export function decodeCase(hash: Record<string, string>): Case | null {
  if (!hash.doc) return null;
  const doc = JSON.parse(hash.doc) as CaseDoc;
  return {
    ...doc,
    status: hash.status as CaseStatus,
    assignment: hash.assignment ? (JSON.parse(hash.assignment) as Assignment) : null,
    ...(hash.reason ? { unassignedReason: hash.reason as Case['unassignedReason'] } : {}),
    ...(hash.proposal ? { proposal: JSON.parse(hash.proposal) as Proposal } : {}),
  };
}

/**
 * A case hash checked against the schema, as the worker reads it: null for a missing key, else
 * the case or why it failed (the worker must never solve a record written around the API).
 */
export function decodeCheckedCase(id: string, hash: Record<string, string>): { case: Case } | QuarantinedRecord | null {
  if (!hash.doc) return null;
  let decoded: Case | null;
  try {
    decoded = decodeCase(hash);
  } catch {
    return { kind: 'case', id: loggableId(id), reason: 'not valid JSON' };
  }
  const checked = checkRecord(CaseSchema, decoded);
  if (!checked.ok) return { kind: 'case', id: loggableId(id), reason: checked.reason };
  if (checked.value.id !== id) return { kind: 'case', id: loggableId(id), reason: 'id: differs from the record key' };
  return { case: checked.value };
}

/** Ids per call of CASE_SUMMARIES_LUA: about 10 ms of Redis each (more on a loaded machine). */
const SUMMARIES_PER_CALL = 200;

/** One reply row of CASE_SUMMARIES_LUA as a summary. */
function decodeSummary([, doc = '{}', status = '', reason = '', assignment = '', proposal = '']: readonly string[]): CaseSummary {
  const { parties, ...rest } = JSON.parse(doc) as CaseDoc;
  const a = assignment ? (JSON.parse(assignment) as [string[], Assignment['by'], string]) : null;
  const p = proposal ? (JSON.parse(proposal) as [string[], string]) : null;
  return {
    ...rest,
    parties: parties.length,
    status: status as CaseStatus,
    assignment: a ? { mediatorIds: a[0], by: a[1], assignedAt: a[2] } : null,
    ...(reason ? { unassignedReason: reason as Case['unassignedReason'] } : {}),
    ...(p ? { proposal: { mediatorIds: p[0], expiresAt: p[1] } } : {}),
  };
}

export type { CaseQuery } from '../../use-cases/cases/case-records';
/** One case of an intake batch (the port's name is `CaseIntakeResult`). */
export type IntakeResult = CaseIntakeResult;

/** The case-listing flags a case is filed under at intake (sets `by-flag:<flag>`; issue 16). */
export function intakeFlags(c: Pick<Case, 'backfill'>): CaseFlag[] {
  if (!c.backfill) return [];
  return c.backfill.overdueAtImport ? ['backfilled', 'overdue_at_import'] : ['backfilled'];
}

/** One reply of INTAKE_LUA: 1 created, a stored doc (the case was held already) or 0 (archived or evicted). */
function intakeResult(caseId: string, reply: unknown): IntakeResult {
  if (reply === 1) return { caseId, created: true };
  if (typeof reply !== 'string') return { caseId, created: false };
  return { caseId, created: false, stored: JSON.parse(reply) as Record<string, unknown> };
}

/** Cases of one county: intake, reads and listings. Status changes go through the dispatch store. */
export class CaseRepo implements CaseRecords {
  private readonly keys: CountyKeys;
  constructor(
    private readonly redis: TiaojieRedis,
    readonly county: string,
    private readonly eventsMaxLen: number,
  ) {
    this.keys = countyKeys(county);
  }

  /** Creates the cases not known yet (held, archived, or in `known`), atomically per case, with a `case.referred` event each. */
  async intake(cases: readonly Case[], known: ReadonlySet<string> = new Set()): Promise<IntakeResult[]> {
    if (cases.length === 0) return [];
    const now = Date.now();
    const items = cases.map((c) => {
      // Validated by the caller (API schemas, intake); parsing again would halve the intake rate.
      const doc = omit(c, 'status', 'assignment', 'unassignedReason');
      return {
        id: c.id,
        doc: JSON.stringify(doc),
        channel: c.channel,
        score: Date.parse(c.referredAt),
        status: c.status,
        event: JSON.stringify({ caseId: c.id, at: new Date().toISOString(), externalId: c.externalId, channel: c.channel }),
        flags: intakeFlags(c),
        arrival: arrivalEntry(c, now),
        ...(known.has(c.id) ? { known: true } : {}),
      };
    });
    const declared = intakeKeys(this.keys, lifecycleKeys(this.county).archive, items);
    const replies = JSON.parse(await this.runIntake(scriptArgs(this.keys, this.eventsMaxLen, items, declared))) as unknown;
    const outcomes: unknown[] = Array.isArray(replies) ? replies : [];
    return cases.map((c, i) => intakeResult(c.id, outcomes[i]));
  }

  /**
   * The intake script, then, when the client's writes wait for replicas, WAIT on the same
   * connection (writeAcked). Without, the script alone: auto-pipelining then joins concurrent intakes.
   */
  private async runIntake(args: (string | number)[]): Promise<string> {
    if (replicaAckOf(this.redis).replicas === 0) return this.redis.tjIntake(...args);
    return (await writeAcked(this.redis, (pipe) => pipe.tjIntake(...args))) as string;
  }

  async get(caseId: string): Promise<Case | null> {
    return decodeCase(await this.redis.hgetall(this.keys.case(caseId)));
  }

  /** Cases by id, in the given order, skipping unknown ids. */
  async getMany(ids: readonly string[]): Promise<Case[]> {
    if (ids.length === 0) return [];
    const pipe = this.redis.pipeline();
    for (const id of ids) pipe.hgetall(this.keys.case(id));
    const rows = (await pipe.exec()) ?? [];
    const out: Case[] = [];
    for (const [err, hash] of rows) {
      if (err) throw err;
      const c = decodeCase(hash as Record<string, string>);
      if (c) out.push(c);
    }
    return out;
  }

  /** Cases by id, in the given order, skipping unknown ids; records failing validation apart. */
  async getManyChecked(ids: readonly string[]): Promise<{ cases: Case[]; quarantined: QuarantinedRecord[] }> {
    const cases: Case[] = [];
    const quarantined: QuarantinedRecord[] = [];
    if (ids.length === 0) return { cases, quarantined };
    const pipe = this.redis.pipeline();
    for (const id of ids) pipe.hgetall(this.keys.case(id));
    const rows = (await pipe.exec()) ?? [];
    rows.forEach(([err, hash], i) => {
      if (err) throw err;
      const checked = decodeCheckedCase(ids[i] ?? '', hash as Record<string, string>);
      if (checked === null) return;
      if ('case' in checked) cases.push(checked.case);
      else quarantined.push(checked);
    });
    return { cases, quarantined };
  }

  /** Waiting case ids, oldest referral first. */
  async waitingIds(limit?: number): Promise<string[]> {
    return this.redis.zrange(this.keys.waiting, '0', String(limit === undefined ? -1 : limit - 1));
  }

  /** Cases matching every given filter, oldest referral first, with the total before paging. */
  async list(q: CaseQuery): Promise<{ total: number; cases: Case[] }> {
    const { total, ids } = await this.pageIds(q);
    return { total, cases: await this.getMany(ids) };
  }

  /** The ids of one page of the cases matching every given filter, oldest referral first, and the total before paging. */
  private async pageIds(q: CaseQuery): Promise<{ total: number; ids: string[] }> {
    const limit = q.limit ?? 100;
    const offset = q.offset ?? 0;
    if (filtersNothing(q)) {
      const [ids, total] = await Promise.all([
        this.redis.zrange(this.keys.cases, String(offset), String(offset + limit - 1)),
        this.redis.zcard(this.keys.cases),
      ]);
      return { total, ids };
    }
    const ids = await matchingCaseIds(this.redis, this.keys, q);
    return { total: ids.length, ids: ids.slice(offset, offset + limit) };
  }

  /** Like `list`, as summaries (see CASE_SUMMARIES_LUA for why they are read in Redis). */
  async listSummaries(q: CaseQuery): Promise<{ total: number; cases: CaseSummary[] }> {
    const { total, ids } = await this.pageIds(q);
    return { total, cases: await this.summaries(ids) };
  }

  /**
   * Summaries by id, in the given order, skipping unknown ids. One script call per
   * SUMMARIES_PER_CALL ids, one after the other: Redis serves nothing else while a script runs, and
   * a request's liveness ping (store-gate.ts) must get its turn between them.
   */
  private async summaries(ids: readonly string[]): Promise<CaseSummary[]> {
    // Sent together, not one after another: Redis runs them in turn, but no call waits for the previous reply's round trip.
    const calls: Promise<string[][]>[] = [];
    for (let i = 0; i < ids.length; i += SUMMARIES_PER_CALL) {
      const chunk = ids.slice(i, i + SUMMARIES_PER_CALL);
      calls.push(this.redis.eval(CASE_SUMMARIES_LUA, chunk.length, ...chunk.map(this.keys.case), ...chunk) as Promise<string[][]>);
    }
    return (await Promise.all(calls)).flatMap((reply) => reply.map(decodeSummary));
  }

  /** How many cases match the query's filters (its `status` and paging aside), per status. */
  countByStatus(q: CaseQuery): Promise<Partial<Record<CaseStatus, number>>> {
    return countCasesByStatus(this.redis, this.keys, q);
  }
}
