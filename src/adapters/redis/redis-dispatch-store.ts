import { WAITING_STATUSES } from '../../domain/case';
import { OutcomeStatSchema, type Mediator, type OutcomeStat } from '../../domain';
import { LIMITS } from '../../domain/limits';
import type {
  AssignmentCommit,
  CommitRefusal,
  CommitRefusalReason,
  CommitResult,
  DispatchStore,
  QuarantinedRecord,
  UnassignedMark,
  WaitingQuery,
} from '../../use-cases/dispatch/dispatch-port';
import { CaseRepo } from './case-repo';
import { countyKeys, type CountyKeys } from './keys';
import { MediatorRepo } from './mediator-repo';
import { writeAcked, type TiaojieRedis } from './redis-connection';
import { scriptArgs, type EmptyLuaTable } from './script-args';
import { commitKeys, statusMoveKeys } from './script-keys';
import { flatPairs } from './replies';
import { loggableId } from './loggable-id';
import { loadOutcomeOf } from './load-outcomes';
import type { LoadOutcomeStat } from '../../cost-model/load-success';

/** Quarantined records a store keeps until taken. */
const MAX_QUARANTINED = 1000;

/** What a commit wrote besides the cases: the events it emitted, by case. */
export interface CommitEvents {
  /** caseId → id of its `case.assigned` (or `case.unassigned`) event. */
  readonly eventIds: ReadonlyMap<string, string>;
}

/**
 * The DispatchStore on Redis, for one county. Commits and unassigned marks run as Lua scripts, so
 * each entry's read-check-write is atomic against every other worker and API call: a job
 * delivered twice finds its case no longer waiting (`already_assigned`), and no load ever goes
 * over capacity. The scripts also append the matching events to the county's stream.
 *
 * Every record read is validated: a bad one (written around the API, or corrupt) is left out of
 * what the read returns and kept for `takeQuarantined`, so the county's dispatch goes on without it.
 */
export class RedisDispatchStore implements DispatchStore {
  readonly cases: CaseRepo;
  readonly mediators: MediatorRepo;
  private readonly keys: CountyKeys;
  /** Event ids of the last commit / mark, for latency tracking and logs. */
  lastEvents: CommitEvents = { eventIds: new Map() };
  private quarantined: QuarantinedRecord[] = [];

  constructor(
    private readonly redis: TiaojieRedis,
    readonly county: string,
    private readonly eventsMaxLen = 100_000,
  ) {
    this.keys = countyKeys(county);
    this.cases = new CaseRepo(redis, county, eventsMaxLen);
    this.mediators = new MediatorRepo(redis, county);
  }

  /** Keeps a record for `takeQuarantined`; bounded, for stores whose caller never takes them (candidates, rebalance). */
  private quarantine(...records: readonly QuarantinedRecord[]): void {
    for (const q of records) if (this.quarantined.length < MAX_QUARANTINED) this.quarantined.push(q);
  }

  takeQuarantined(): readonly QuarantinedRecord[] {
    const taken = this.quarantined;
    this.quarantined = [];
    return taken;
  }

  async listMediators(): Promise<readonly Mediator[]> {
    const roster = await this.mediators.listChecked();
    this.quarantine(...roster.quarantined);
    return roster.mediators;
  }

  /** Open seats per mediator; a count that is not a whole number in range is taken as full (no new case). */
  async loads(): Promise<ReadonlyMap<string, number>> {
    const loads = await this.mediators.loads();
    for (const [id, n] of loads) {
      if (Number.isInteger(n) && n >= 0 && n <= LIMITS.capacity * 10) continue;
      this.quarantine({ kind: 'load', id: loggableId(id), reason: 'load: not a whole number of open cases in range' });
      loads.set(id, Number.POSITIVE_INFINITY);
    }
    return loads;
  }

  async waitingCases(query: WaitingQuery = {}) {
    const ids = query.ids ? [...query.ids] : await this.cases.waitingIds(query.limit);
    const { cases: found, quarantined } = await this.cases.getManyChecked(ids);
    this.quarantine(...quarantined);
    const waiting = found
      .filter((c) => c.status === 'referred' || c.status === 'unassigned')
      .sort((a, b) => Date.parse(a.referredAt) - Date.parse(b.referredAt) || (a.id < b.id ? -1 : 1));
    return query.limit !== undefined ? waiting.slice(0, query.limit) : waiting;
  }

  async outcomeStats(): Promise<readonly OutcomeStat[]> {
    const raw = await this.redis.hgetall(this.keys.outcomes);
    const stats: OutcomeStat[] = [];
    for (const [key, value] of Object.entries(raw)) {
      const [mediatorId, category] = key.split('|');
      const [successes, attempts] = value.split(',').map(Number);
      const checked = OutcomeStatSchema.safeParse({ mediatorId, category, successes, attempts });
      if (checked.success && checked.data.successes <= checked.data.attempts) stats.push(checked.data);
      else
        this.quarantine({
          kind: 'outcome',
          id: loggableId(mediatorId ?? ''),
          reason: 'outcome: not a valid settled/attempted count',
        });
    }
    return stats;
  }

  /** Closed seats by the load they were taken at (load-outcomes.ts); malformed fields are quarantined. */
  async loadOutcomeStats(): Promise<readonly LoadOutcomeStat[]> {
    const raw = await this.redis.hgetall(this.keys.loadOutcomes);
    const stats: LoadOutcomeStat[] = [];
    for (const [field, value] of Object.entries(raw)) {
      const stat = loadOutcomeOf(field, value);
      if (stat) stats.push(stat);
      else
        this.quarantine({
          kind: 'outcome',
          id: loggableId(field.split('|')[0] ?? ''),
          reason: 'load outcome: not a valid settled/attempted count',
        });
    }
    return stats;
  }

  async commitAssignments(batch: readonly AssignmentCommit[]): Promise<CommitResult> {
    if (batch.length === 0) return { committed: [], refused: [] };
    const entries = batch.map(({ caseId, assignment, lead }) => ({
      caseId,
      mediatorIds: assignment.mediatorIds,
      assignment: JSON.stringify(assignment),
      event: JSON.stringify({ caseId, at: assignment.assignedAt, mediatorIds: assignment.mediatorIds, by: assignment.by }),
      // A dispatcher's decision or a proposal may assign a held or proposed case (issue 16).
      ...(assignment.by === 'dispatcher' || lead ? { open: true } : {}),
      ...(lead ? { lead, leadEvent: JSON.stringify({ caseId, at: assignment.assignedAt, mediatorIds: assignment.mediatorIds }) } : {}),
    }));
    const declared = commitKeys(this.keys, entries);
    const args = scriptArgs(this.keys, this.eventsMaxLen, { entries }, declared);
    const raw = JSON.parse((await writeAcked(this.redis, (pipe) => pipe.tjCommit(...args))) as string) as {
      c: string[] | EmptyLuaTable;
      r: [string, CommitRefusalReason, string][] | EmptyLuaTable;
    };
    const flat = Array.isArray(raw.c) ? raw.c : [];
    const pairs = flatPairs(flat);
    const committed = pairs.map(([caseId]) => caseId);
    const eventIds = new Map(pairs);
    const refused: CommitRefusal[] = (Array.isArray(raw.r) ? raw.r : []).map(([caseId, reason, mediatorId]) =>
      mediatorId ? { caseId, reason, mediatorId } : { caseId, reason },
    );
    this.lastEvents = { eventIds };
    return { committed, refused };
  }

  async markUnassigned(batch: readonly UnassignedMark[]): Promise<void> {
    if (batch.length === 0) return;
    const at = new Date().toISOString();
    const items = batch.map(({ caseId, reason }) => ({ caseId, reason, event: JSON.stringify({ caseId, at, reason }) }));
    const declared = statusMoveKeys(
      this.keys,
      items.map((it) => it.caseId),
      WAITING_STATUSES,
      'unassigned',
    );
    const args = scriptArgs(this.keys, this.eventsMaxLen, items, declared);
    const raw = JSON.parse((await writeAcked(this.redis, (pipe) => pipe.tjMarkUnassigned(...args))) as string) as string[] | EmptyLuaTable;
    const flat = Array.isArray(raw) ? raw : [];
    const eventIds = new Map(flatPairs(flat));
    this.lastEvents = { eventIds };
  }
}
