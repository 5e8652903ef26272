import { resolved } from './resolved';
import type { Case, Mediator, OutcomeStat } from '../../domain';
import type { RebalanceSnapshot } from '../../planning/rebalance/build-model';
import { isPinned } from '../../planning/rebalance/policy';
import type {
  ApplyMeta,
  ApplyResult,
  CaseReassignment,
  ReassignedEventData,
  RebalanceStore,
  StoredLifecycle,
} from '../../use-cases/rebalance/rebalance-port';

/** Statuses of an open case holding seats. */
const HOLDING: readonly Case['status'][] = ['assigned', 'accepted', 'session_scheduled', 'mediating'];

/**
 * The in-memory `RebalanceStore` (benchmarks, tests, the demo): one county's open caseload.
 * Single process, so each call runs to completion before the next; the lock is a flag.
 */
export class MemoryRebalanceStore implements RebalanceStore {
  private readonly cases = new Map<string, Case>();
  private readonly mediators = new Map<string, Mediator>();
  private readonly load = new Map<string, number>();
  private locked = false;
  /** `case.reassigned` events, oldest first. */
  readonly events: ReassignedEventData[] = [];

  constructor(
    readonly county: string,
    snapshot: RebalanceSnapshot,
  ) {
    for (const m of snapshot.mediators) this.mediators.set(m.id, m);
    for (const c of snapshot.cases) this.cases.set(c.id, c);
    for (const [id, n] of snapshot.loads) this.load.set(id, n);
    this.outcomes = snapshot.outcomes;
  }

  private readonly outcomes: readonly OutcomeStat[];

  getCase(id: string): Case | undefined {
    return this.cases.get(id);
  }

  snapshot(): Promise<RebalanceSnapshot> {
    return resolved(() => {
      return {
        cases: [...this.cases.values()].filter((c) => c.assignment && HOLDING.includes(c.status)),
        mediators: [...this.mediators.values()],
        loads: new Map(this.load),
        outcomes: this.outcomes,
      };
    });
  }

  /**
   * This store keeps no case files (the in-memory lifecycle store is a separate one), so every
   * known case answers with its record; the files the use case attaches to the apply are not kept.
   */
  lifecycleFiles(caseIds: readonly string[]): Promise<ReadonlyMap<string, StoredLifecycle>> {
    return resolved(() => {
      const out = new Map<string, StoredLifecycle>();
      for (const id of caseIds) {
        const c = this.cases.get(id);
        if (c) out.set(id, { kind: 'case', case: c });
      }
      return out;
    });
  }

  applyReassignments(batch: readonly CaseReassignment[], meta: ApplyMeta): Promise<ApplyResult> {
    return resolved(() => {
      if (!this.locked) return { applied: [], refused: batch.map((r) => ({ caseId: r.caseId, reason: 'lock_lost' as const })) };
      const applied: string[] = [];
      const refused: { caseId: string; reason: ApplyResult['refused'][number]['reason']; mediatorId?: string }[] = [];
      let pending = [...batch];
      // Chains: a move into a full mediator may succeed once another move has left it.
      for (let progress = true; progress && pending.length > 0;) {
        progress = false;
        const next: CaseReassignment[] = [];
        for (const r of pending) {
          const refusal = this.check(r);
          if (refusal?.reason === 'over_capacity') next.push(r);
          else if (refusal) refused.push({ caseId: r.caseId, ...refusal });
          else {
            this.apply(r, meta);
            applied.push(r.caseId);
            progress = true;
          }
        }
        pending = next;
      }
      // What is still pending failed its last check for room.
      for (const r of pending) refused.push({ caseId: r.caseId, ...(this.check(r) ?? { reason: 'over_capacity' as const }) });
      return { applied, refused };
    });
  }

  private check(r: CaseReassignment): { reason: ApplyResult['refused'][number]['reason']; mediatorId?: string } | null {
    const c = this.cases.get(r.caseId);
    if (!c || !c.assignment) return { reason: 'unknown_case' };
    if (c.status !== r.expectedStatus || c.assignment.mediatorIds.join('|') !== r.expectedMediatorIds.join('|'))
      return { reason: 'changed' };
    if (isPinned(c)) return { reason: 'pinned' };
    for (const mv of r.moves) {
      const m = this.mediators.get(mv.to);
      if (!m) return { reason: 'unknown_mediator', mediatorId: mv.to };
      if (m.status === 'on_leave') return { reason: 'mediator_unavailable', mediatorId: mv.to };
      if ((this.load.get(mv.to) ?? 0) + 1 > m.capacity) return { reason: 'over_capacity', mediatorId: mv.to };
    }
    return null;
  }

  private apply(r: CaseReassignment, meta: ApplyMeta): void {
    const c = this.cases.get(r.caseId);
    // `check` passed just before, in the same synchronous step.
    if (!c?.assignment) throw new Error(`memory rebalance store: case ${r.caseId} has no assignment to move`);
    const from = c.assignment;
    for (const mv of r.moves) {
      this.load.set(mv.from, Math.max(0, (this.load.get(mv.from) ?? 0) - 1));
      this.load.set(mv.to, (this.load.get(mv.to) ?? 0) + 1);
    }
    this.cases.set(c.id, { ...c, assignment: r.assignment });
    this.events.push({
      caseId: c.id,
      at: meta.at.toISOString(),
      runId: meta.runId,
      fromMediatorIds: from.mediatorIds,
      mediatorIds: r.assignment.mediatorIds,
      moves: r.moves,
    });
  }

  isLocked(): Promise<boolean> {
    return Promise.resolve(this.locked);
  }

  async withLock<T>(fn: () => Promise<T>): Promise<{ acquired: true; value: T } | { acquired: false }> {
    if (this.locked) return { acquired: false };
    this.locked = true;
    try {
      return { acquired: true, value: await fn() };
    } finally {
      this.locked = false;
    }
  }
}
