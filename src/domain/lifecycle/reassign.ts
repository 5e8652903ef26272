import { currentAttempt, type CaseFile } from '../lifecycle-file';
import type { Session } from '../session';

/** One seat moved by a rebalance. */
export interface SeatChange {
  readonly from: string;
  readonly to: string;
  /** Why it moved: `gain`, `leave`, `deadline`, `ineligible`. */
  readonly reason: string;
}

export interface ReassignMeta {
  readonly runId: string;
  readonly at: string;
  /** Actor label in the history. @defaultValue "rebalance" */
  readonly by?: string;
}

export interface ReassignedFile {
  readonly file: CaseFile;
  /** Sessions of the case that were still scheduled with a mediator who left it: now cancelled. */
  readonly cancelled: readonly Session[];
}

/**
 * A case file after a rebalance moved some of its seats: the current attempt's mediators replaced,
 * one `reassign` history entry (before/after seats, the run, why), the version bumped. The status
 * does not change. A session still scheduled with a mediator who left the case is cancelled, so no
 * calendar keeps the old mediator on it; the case is `accepted` (movable cases are never
 * `session_scheduled`), so the next session planning books it for the new mediator.
 */
export function reassignFile(original: CaseFile, changes: readonly SeatChange[], meta: ReassignMeta): ReassignedFile {
  const file = structuredClone(original);
  const attempt = currentAttempt(file);
  const before = [...attempt.mediatorIds];
  attempt.mediatorIds = before.map((id) => changes.find((c) => c.from === id)?.to ?? id);
  const leaving = new Set(changes.map((c) => c.from));
  const why = [...new Set(changes.map((c) => c.reason))].join(', ');
  const cancelled: Session[] = [];
  for (const s of file.sessions) {
    if (s.status !== 'scheduled' || !s.mediatorIds.some((id) => leaving.has(id))) continue;
    s.status = 'cancelled';
    s.cancelReason = `mediator reassigned by rebalance run ${meta.runId}`;
    cancelled.push(s);
  }
  file.history.push({
    from: file.status,
    to: file.status,
    action: 'reassign',
    by: meta.by ?? 'rebalance',
    at: meta.at,
    reason: `rebalance (${why})`,
    mediatorIds: attempt.mediatorIds,
    fromMediatorIds: before,
    runId: meta.runId,
  });
  file.version += 1;
  return { file, cancelled };
}
