import { MemoryLifecycleStore } from '../../src/adapters/memory/lifecycle-memory-store';
import { CaseRepo } from '../../src/adapters/redis/case-repo';
import { RedisLifecycleStore } from '../../src/adapters/redis/lifecycle-redis-store';
import { RedisDispatchStore } from '../../src/adapters/redis/redis-dispatch-store';
import type { TiaojieRedis } from '../../src/adapters/redis/redis-connection';
import type { Case } from '../../src/domain/case';
import type { LifecycleConfig } from '../../src/domain/config/lifecycle-config';
import type { LifecycleEvent } from '../../src/domain/lifecycle-event';
import type { CaseFile } from '../../src/domain/lifecycle-file';
import type { AssignmentCommit, CommitResult, UnassignedMark } from '../../src/use-cases/dispatch/dispatch-port';
import { caseFiles } from '../../src/use-cases/lifecycle/case-files';
import type { CommitFileResult, FileEffects } from '../../src/use-cases/lifecycle/lifecycle-port';

/** One write the simulation made, as the service's ports receive it. */
export type RecordedWrite =
  | { readonly kind: 'intake'; readonly case: Case }
  | { readonly kind: 'assign'; readonly batch: readonly AssignmentCommit[] }
  | { readonly kind: 'unassigned'; readonly batch: readonly UnassignedMark[] }
  | { readonly kind: 'commit'; readonly next: CaseFile; readonly effects: FileEffects }
  | { readonly kind: 'emit'; readonly events: readonly LifecycleEvent[] }
  | { readonly kind: 'raise'; readonly key: string };

/**
 * The lifecycle simulation's memory store, recording every write it accepts in order, so the
 * same county's life can be replayed through the service's Redis ports (`replayWrites`) as fast
 * as they take it, without the simulation's own CPU (dispatch, scheduling) in the timing.
 */
export class RecordingStore extends MemoryLifecycleStore {
  readonly writes: RecordedWrite[] = [];

  override addCase(c: Case): boolean {
    const added = super.addCase(c);
    if (added) this.writes.push({ kind: 'intake', case: c });
    return added;
  }

  override async commitAssignments(batch: readonly AssignmentCommit[]): Promise<CommitResult> {
    const out = await super.commitAssignments(batch);
    const committed = new Set(out.committed);
    const kept = batch.filter((b) => committed.has(b.caseId));
    if (kept.length > 0) this.writes.push({ kind: 'assign', batch: kept });
    return out;
  }

  override async markUnassigned(batch: readonly UnassignedMark[]): Promise<void> {
    await super.markUnassigned(batch);
    if (batch.length > 0) this.writes.push({ kind: 'unassigned', batch });
  }

  override async commitFile(expectedVersion: number, next: CaseFile, effects: FileEffects): Promise<CommitFileResult> {
    const out = await super.commitFile(expectedVersion, next, effects);
    if (out === 'ok') this.writes.push({ kind: 'commit', next, effects });
    return out;
  }

  override async raiseOnce(key: string): Promise<boolean> {
    const first = await super.raiseOnce(key);
    if (first) this.writes.push({ kind: 'raise', key });
    return first;
  }

  override async emit(events: readonly LifecycleEvent[]): Promise<void> {
    await super.emit(events);
    this.writes.push({ kind: 'emit', events });
  }
}

/** What a replay did: writes per port, and those Redis refused although the simulation accepted them (must be 0). */
export interface ReplayCounts {
  intakes: number;
  assigned: number;
  fileCommits: number;
  refused: number;
  readonly firstRefusals: string[];
}

/**
 * Replays one county's recorded writes through the service's Redis ports, one after another as
 * requests would: intake one referral at a time, dispatch commits as batched by the dispatcher,
 * lifecycle commands as read file → commit (against the version Redis holds: it reconciles the
 * file from the case record, so its version may trail the memory's).
 */
export async function replayWrites(
  writes: readonly RecordedWrite[],
  redis: TiaojieRedis,
  county: string,
  config: LifecycleConfig,
): Promise<ReplayCounts> {
  const counts: ReplayCounts = { intakes: 0, assigned: 0, fileCommits: 0, refused: 0, firstRefusals: [] };
  const refuse = (what: string): void => {
    counts.refused += 1;
    if (counts.firstRefusals.length < 5) counts.firstRefusals.push(what);
  };
  const repo = new CaseRepo(redis, county, 100_000);
  const dispatch = new RedisDispatchStore(redis, county, 100_000);
  const storage = new RedisLifecycleStore(redis, county, 100_000);
  const files = caseFiles(storage, config);
  for (const w of writes) {
    if (w.kind === 'intake') {
      counts.intakes += 1;
      const [r] = await repo.intake([w.case]);
      if (!r?.created) refuse(`intake ${w.case.id}`);
    } else if (w.kind === 'assign') {
      const r = await dispatch.commitAssignments(w.batch);
      counts.assigned += r.committed.length;
      for (const x of r.refused) refuse(`assign ${x.caseId}: ${x.reason}`);
    } else if (w.kind === 'unassigned') {
      await dispatch.markUnassigned(w.batch);
    } else if (w.kind === 'commit') {
      const current = await files.getFile(w.next.caseId);
      const r = current ? await files.commitFile(current.version, w.next, w.effects) : 'unknown_case';
      counts.fileCommits += 1;
      if (r !== 'ok') refuse(`${w.next.status} ${w.next.caseId}: ${r}`);
    } else if (w.kind === 'emit') {
      await storage.emit(w.events);
    } else {
      await storage.raiseOnce(w.key);
    }
  }
  return counts;
}

/** Records a simulated county's writes (see RecordingStore). */
export function recordingStoreFactory(): {
  readonly make: (mediators: ConstructorParameters<typeof MemoryLifecycleStore>[0], config: LifecycleConfig) => RecordingStore;
  readonly store: () => RecordingStore;
} {
  let made: RecordingStore | null = null;
  return {
    make: (mediators, config) => (made = new RecordingStore(mediators, config)),
    store: () => {
      if (!made) throw new Error('the simulation made no store');
      return made;
    },
  };
}
