import { currentAttempt, type CaseFile } from '../lifecycle-file';
import type { Session } from '../session';

/** One seat moved, by a rebalance or by a dispatcher. */
export interface SeatChange {
  readonly from: string;
  readonly to: string;
  /** Why it moved: `gain`, `leave`, `deadline`, `ineligible` (rebalance), `dispatcher`. */
  readonly reason: string;
}

/** Who moved the case: the nightly rebalance (a run) or a dispatcher (a caller, with their reason). */
export type ReassignMeta =
  | {
      readonly at: string;
      readonly runId: string;
      /** Actor label in the history. @defaultValue "rebalance" */
      readonly by?: string;
    }
  | {
      readonly at: string;
      /** The caller's label (an API key's label). */
      readonly by: string;
      /** The dispatcher's reason, kept in the history. */
      readonly reason?: string;
      readonly dispatcher: true;
    };

export interface ReassignedFile {
  readonly file: CaseFile;
  /** Sessions of the case that were still scheduled with a mediator who left it: now cancelled. */
  readonly cancelled: readonly Session[];
}

function historyReason(meta: ReassignMeta, changes: readonly SeatChange[]): string {
  if ('dispatcher' in meta) return meta.reason ? `dispatcher: ${meta.reason}` : 'dispatcher';
  return `rebalance (${[...new Set(changes.map((c) => c.reason))].join(', ')})`;
}

/**
 * A case file after some of its seats moved — by a rebalance or a dispatcher, one rule for both:
 * the current attempt's mediators replaced, one `reassign` history entry (before/after seats, who,
 * why; the run for a rebalance), the version bumped. A session still scheduled with a mediator who
 * left the case is cancelled, so no calendar keeps the old mediator on it; a `session_scheduled`
 * case left with no scheduled session goes back to `accepted` (as `cancel_session` would), so the
 * next session planning books it for the new mediator. Otherwise the status does not change.
 */
export function reassignFile(original: CaseFile, changes: readonly SeatChange[], meta: ReassignMeta): ReassignedFile {
  const file = structuredClone(original);
  const attempt = currentAttempt(file);
  const before = [...attempt.mediatorIds];
  attempt.mediatorIds = before.map((id) => changes.find((c) => c.from === id)?.to ?? id);
  // A mediator who only changed seat (a panel swapped) has not left.
  const leaving = new Set(changes.map((c) => c.from).filter((id) => !attempt.mediatorIds.includes(id)));
  const cancelReason = 'dispatcher' in meta ? `mediator reassigned by ${meta.by}` : `mediator reassigned by rebalance run ${meta.runId}`;
  const cancelled: Session[] = [];
  for (const s of file.sessions) {
    if (s.status !== 'scheduled' || !s.mediatorIds.some((id) => leaving.has(id))) continue;
    s.status = 'cancelled';
    s.cancelReason = cancelReason;
    cancelled.push(s);
  }
  const from = file.status;
  if (from === 'session_scheduled' && !file.sessions.some((s) => s.status === 'scheduled')) file.status = 'accepted';
  file.history.push({
    from,
    to: file.status,
    action: 'reassign',
    by: meta.by ?? 'rebalance',
    at: meta.at,
    reason: historyReason(meta, changes),
    mediatorIds: attempt.mediatorIds,
    fromMediatorIds: before,
    ...('runId' in meta ? { runId: meta.runId } : {}),
  });
  file.version += 1;
  return { file, cancelled };
}
