import { resolved } from './resolved';
import { WAITING_STATUSES, type Case } from '../../domain/case';
import type { CaseFile } from '../../domain/lifecycle-file';
import type { LifecycleEvent } from '../../domain/lifecycle-event';
import type { Mediator } from '../../domain/mediator';
import type { OutcomeStat } from '../../domain/outcome';
import type { LifecycleConfig } from '../../domain/config/lifecycle-config';
import type {
  AssignmentCommit,
  CommitRefusal,
  CommitResult,
  DispatchStore,
  UnassignedMark,
  WaitingQuery,
} from '../../use-cases/dispatch/dispatch-port';
import { openCaseFile } from '../../domain/lifecycle/case-file';
import { settleClockAtImport } from '../../domain/lifecycle/backfill';
import type { CommitFileResult, FileEffects, LifecycleStore } from '../../use-cases/lifecycle/lifecycle-port';
import { act } from '../../domain/lifecycle/transitions';

/**
 * Case files in memory, which also serve dispatch: waiting cases carry the file's current class
 * (after escalation) and its excluded mediators as `attempts`, so the dispatcher re-dispatches
 * without them; commits go through the lifecycle's `assign` transition. Used by the simulation
 * and by tests; the service keeps the same data in Redis.
 */
export class MemoryLifecycleStore implements LifecycleStore, DispatchStore {
  private readonly mediators = new Map<string, Mediator>();
  private readonly intake = new Map<string, Case>();
  private readonly files = new Map<string, CaseFile>();
  private readonly load = new Map<string, number>();
  private readonly stats = new Map<string, OutcomeStat>();
  /** Every event committed, in order. */
  readonly events: LifecycleEvent[] = [];
  /** The dispatch time of the next commit (set by the caller before dispatching). */
  now = new Date(0);

  constructor(
    mediators: readonly Mediator[],
    private readonly config: LifecycleConfig,
  ) {
    for (const m of mediators) this.mediators.set(m.id, m);
  }

  addCase(c: Case): boolean {
    if (this.intake.has(c.id)) return false;
    this.intake.set(c.id, c);
    this.files.set(c.id, settleClockAtImport(openCaseFile(c, this.config), this.config));
    return true;
  }

  mediator(id: string): Mediator | undefined {
    return this.mediators.get(id);
  }

  // ---- LifecycleStore

  getFile(caseId: string): Promise<CaseFile | null> {
    return Promise.resolve(this.files.get(caseId) ?? null);
  }

  commitFile(expectedVersion: number, next: CaseFile, effects: FileEffects): Promise<CommitFileResult> {
    return resolved(() => {
      const cur = this.files.get(next.caseId);
      if (!cur) return 'unknown_case';
      if (cur.version !== expectedVersion) return 'conflict';
      this.files.set(next.caseId, next);
      for (const m of effects.released) this.load.set(m, Math.max(0, (this.load.get(m) ?? 0) - 1));
      this.learn(cur, next);
      this.events.push(...effects.events);
      return 'ok';
    });
  }

  listFiles(): Promise<readonly CaseFile[]> {
    return Promise.resolve([...this.files.values()]);
  }

  private readonly raised = new Set<string>();

  raiseOnce(key: string): Promise<boolean> {
    return resolved(() => {
      if (this.raised.has(key)) return false;
      this.raised.add(key);
      return true;
    });
  }

  emit(events: readonly LifecycleEvent[]): Promise<void> {
    return resolved(() => {
      this.events.push(...events);
    });
  }

  /** Settled / failed attempts feed the success history the dispatcher learns from. */
  private learn(before: CaseFile, after: CaseFile): void {
    after.attempts.forEach((a, i) => {
      const ended = a.outcome === 'settled' || a.outcome === 'failed';
      if (!ended || before.attempts[i]?.outcome === a.outcome) return;
      for (const mediatorId of a.mediatorIds) {
        const key = `${mediatorId}|${after.category}`;
        const s = this.stats.get(key) ?? { mediatorId, category: after.category, successes: 0, attempts: 0 };
        this.stats.set(key, { ...s, attempts: s.attempts + 1, successes: s.successes + (a.outcome === 'settled' ? 1 : 0) });
      }
    });
  }

  // ---- DispatchStore

  listMediators(): Promise<readonly Mediator[]> {
    return Promise.resolve([...this.mediators.values()]);
  }

  loads(): Promise<ReadonlyMap<string, number>> {
    return Promise.resolve(new Map(this.load));
  }

  /** The case as dispatch sees it now: current class, excluded mediators as tried attempts. */
  caseView(id: string): Case | undefined {
    const c = this.intake.get(id);
    const f = this.files.get(id);
    if (!c || !f) return undefined;
    return { ...c, class: f.class, attempts: [...f.excludedMediatorIds], status: f.status, assignment: null };
  }

  waitingCases(query: WaitingQuery = {}): Promise<readonly Case[]> {
    return resolved(() => {
      const ids = query.ids ?? [...this.files.keys()];
      const waiting = ids
        .map((id) => this.caseView(id))
        .filter((c): c is Case => !!c && WAITING_STATUSES.includes(c.status))
        .sort((a, b) => Date.parse(a.referredAt) - Date.parse(b.referredAt) || (a.id < b.id ? -1 : 1));
      return query.limit !== undefined ? waiting.slice(0, query.limit) : waiting;
    });
  }

  outcomeStats(): Promise<readonly OutcomeStat[]> {
    return Promise.resolve([...this.stats.values()]);
  }

  commitAssignments(batch: readonly AssignmentCommit[]): Promise<CommitResult> {
    return resolved(() => {
      const committed: string[] = [];
      const refused: CommitRefusal[] = [];
      for (const { caseId, assignment } of batch) {
        const file = this.files.get(caseId);
        if (!file) {
          refused.push({ caseId, reason: 'unknown_case' });
          continue;
        }
        const over = assignment.mediatorIds.find((m) => (this.load.get(m) ?? 0) + 1 > (this.mediators.get(m)?.capacity ?? 0));
        if (over) {
          refused.push({ caseId, reason: 'over_capacity', mediatorId: over });
          continue;
        }
        const out = act(
          file,
          { action: 'assign', mediatorIds: [...assignment.mediatorIds] },
          { by: assignment.by, now: this.now, config: this.config },
        );
        if (out.status !== 'ok') {
          refused.push({ caseId, reason: 'already_assigned' });
          continue;
        }
        this.files.set(caseId, out.file);
        this.events.push(...out.events);
        for (const m of assignment.mediatorIds) this.load.set(m, (this.load.get(m) ?? 0) + 1);
        committed.push(caseId);
      }
      return { committed, refused };
    });
  }

  markUnassigned(batch: readonly UnassignedMark[]): Promise<void> {
    return resolved(() => {
      for (const { caseId, reason } of batch) {
        const file = this.files.get(caseId);
        if (!file || !WAITING_STATUSES.includes(file.status) || file.status === 'unassigned') continue;
        const out = act(file, { action: 'mark_unassigned', reason }, { by: 'optimizer', now: this.now, config: this.config });
        if (out.status === 'ok') this.files.set(caseId, out.file);
      }
    });
  }
}
