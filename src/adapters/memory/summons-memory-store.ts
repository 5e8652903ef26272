import { isSummonsOpen, type Summons } from '../../domain/summons/summons';
import type { SummonsEvent } from '../../domain/summons/summons-event';
import type { SummonsCommitResult, SummonsQuery, SummonsStore } from '../../use-cases/summons/summons-port';
import { resolved } from './resolved';

const byRequiredBy = (a: Summons, b: Summons) => Date.parse(a.requiredBy) - Date.parse(b.requiredBy) || a.id.localeCompare(b.id);

/** Summonses in memory (simulator, tests); `events` keeps every event in order, as the stream would. */
export class MemorySummonsStore implements SummonsStore {
  private readonly byId = new Map<string, Summons>();
  /** Indexes, as the Redis store keeps them: a year of the simulator holds tens of thousands of summonses. */
  private readonly ofCase = new Map<string, Set<string>>();
  private readonly open = new Set<string>();
  readonly events: SummonsEvent[] = [];

  get(id: string): Promise<Summons | null> {
    return resolved(() => this.byId.get(id) ?? null);
  }

  create(summonses: readonly Summons[], events: readonly SummonsEvent[]): Promise<void> {
    return resolved(() => {
      for (const s of summonses) {
        if (this.byId.has(s.id)) continue;
        this.byId.set(s.id, s);
        const ids = this.ofCase.get(s.caseId) ?? new Set<string>();
        this.ofCase.set(s.caseId, ids.add(s.id));
        if (isSummonsOpen(s.status)) this.open.add(s.id);
      }
      this.events.push(...events);
    });
  }

  commit(expectedVersion: number, next: Summons, events: readonly SummonsEvent[]): Promise<SummonsCommitResult> {
    return resolved(() => {
      const stored = this.byId.get(next.id);
      if (!stored) return 'not_found';
      if (stored.version !== expectedVersion) return 'conflict';
      this.byId.set(next.id, next);
      if (!isSummonsOpen(next.status)) this.open.delete(next.id);
      this.events.push(...events);
      return 'ok';
    });
  }

  listByCase(caseId: string): Promise<readonly Summons[]> {
    return resolved(() => this.pick(this.ofCase.get(caseId) ?? []));
  }

  list(q: SummonsQuery): Promise<readonly Summons[]> {
    return resolved(() =>
      this.all().filter((s) => {
        const t = Date.parse(s.requiredBy);
        return (
          (q.department === undefined || s.department === q.department) &&
          (q.status === undefined || s.status === q.status) &&
          (q.from === undefined || t >= q.from.getTime()) &&
          (q.to === undefined || t < q.to.getTime())
        );
      }),
    );
  }

  openBefore(until: Date): Promise<readonly Summons[]> {
    return resolved(() => this.pick(this.open).filter((s) => Date.parse(s.requiredBy) < until.getTime()));
  }

  private pick(ids: Iterable<string>): Summons[] {
    const out: Summons[] = [];
    for (const id of ids) {
      const s = this.byId.get(id);
      if (s) out.push(s);
    }
    return out.sort(byRequiredBy);
  }

  /** Every summons, earliest requiredBy first (reports of the simulation). */
  all(): Summons[] {
    return [...this.byId.values()].sort(byRequiredBy);
  }
}
