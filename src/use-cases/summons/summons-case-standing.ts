import type { CaseFile } from '../../domain/lifecycle-file';
import { isOpen } from '../../domain/lifecycle/state-machine';
import type { SummonsCaseStanding } from '../../domain/summons/summons-follow';
import type { LifecycleStore } from '../lifecycle/lifecycle-port';
import type { SummonsCaseReader } from './summons-port';

/**
 * When a closed case closed: the transition into its terminal status (no action leaves one, so
 * there is one such step). A file closed without one in its history (an import) falls back to its
 * settlement, then its referral: closed before any summons it could have.
 */
function closedAtOf(file: CaseFile): string {
  const step = file.history.find((h) => isOpen(h.from) && !isOpen(h.to));
  return step?.at ?? file.settlement?.at ?? file.referredAt;
}

/** A case's standing as the summons clock reads it. */
export function standingOf(file: CaseFile): SummonsCaseStanding {
  const sessions: Record<string, CaseFile['sessions'][number]['status']> = {};
  for (const s of file.sessions) sessions[s.id] = s.status;
  return {
    caseStatus: file.status,
    ...(isOpen(file.status) ? {} : { closedAt: closedAtOf(file) }),
    sessions,
  };
}

/**
 * The summons clock's read port over the lifecycle store the service already has (Redis via
 * `caseFiles`, or `MemoryLifecycleStore`): one read of the case file per case, nothing written.
 */
export function caseStandingReader(store: Pick<LifecycleStore, 'getFile'>): SummonsCaseReader {
  return {
    standing: async (caseId) => {
      const file = await store.getFile(caseId);
      return file ? standingOf(file) : null;
    },
  };
}
