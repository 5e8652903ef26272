import type { LifecycleConfig } from '../../domain/config/lifecycle-config';
import type { CaseFile } from '../../domain/lifecycle-file';
import { reassignFile, type ReassignMeta, type SeatChange } from '../../domain/lifecycle/reassign';
import { currentCaseFile } from '../../domain/lifecycle/reconcile';
import type { ApplyMeta, CaseReassignment, LifecycleReassignment, RebalanceStore, StoredLifecycle } from './rebalance-port';

/**
 * One case's file after its seats moved — the one path for the nightly rebalance and a dispatcher's
 * reassignment: the stored file, or one opened from the case record as the lifecycle would
 * (expected version −1 = none stored); the current attempt's seats moved, a `reassign` history
 * entry, sessions still scheduled with a departing mediator cancelled. Undefined when there is
 * nothing to keep in step (a case the lifecycle cannot open as it stands).
 */
export function movedLifecycleFile(
  stored: StoredLifecycle | undefined,
  changes: readonly SeatChange[],
  meta: ReassignMeta,
  config: LifecycleConfig,
): LifecycleReassignment | undefined {
  if (!stored) return undefined;
  let file: CaseFile;
  let expectedVersion: number;
  if (stored.kind === 'file') {
    // The stored version is the one the apply checks, so the file carries it.
    file = { ...stored.file, version: stored.version };
    expectedVersion = stored.version;
  } else {
    const c = stored.case;
    file = currentCaseFile(null, c, config);
    // A case the lifecycle has not seen is `assigned` (any later state wrote a file).
    if (file.status !== c.status) return undefined;
    expectedVersion = -1;
  }
  const { file: next, cancelled } = reassignFile(file, changes, meta);
  return { expectedVersion, file: next, cancelledSessions: cancelled };
}

/** A rebalance's reassignment of one case, in its file (see `movedLifecycleFile`). */
function lifecycleReassignmentOf(
  r: CaseReassignment,
  stored: StoredLifecycle | undefined,
  meta: ApplyMeta,
  config: LifecycleConfig,
): LifecycleReassignment | undefined {
  const changes = r.moves.map((m) => ({ from: m.from, to: m.to, reason: m.reason }));
  return movedLifecycleFile(stored, changes, { runId: meta.runId, at: meta.at.toISOString() }, config);
}

/**
 * The batch with each case's lifecycle file after the moves attached, read from the store just
 * before the apply; the apply's version check refuses a case whose file changed in between.
 */
export async function withLifecycleFiles(
  store: RebalanceStore,
  batch: readonly CaseReassignment[],
  meta: ApplyMeta,
  config: LifecycleConfig,
): Promise<CaseReassignment[]> {
  if (batch.length === 0) return [];
  const stored = await store.lifecycleFiles(batch.map((r) => r.caseId));
  return batch.map((r) => {
    const lifecycle = lifecycleReassignmentOf(r, stored.get(r.caseId), meta, config);
    return lifecycle ? { ...r, lifecycle } : r;
  });
}
