import { isArchivable } from '../../domain/lifecycle/archive';
import { DAY_MS } from '../../domain/time';
import type { ClosedCaseRetention } from './archive-port';
import type { LifecycleStore } from './lifecycle-port';

/** How long closed cases stay in full, and how many one run may archive. */
export interface RetentionPolicy {
  /** Days after closing before a case is archived; 0 never archives. @defaultValue 365 */
  readonly retentionDays: number;
  /** Most cases archived per county in one run (bounds the run's time and Redis load). @defaultValue 500 */
  readonly maxPerRun: number;
}

export interface ArchiveRunSummary {
  /** Cases that left Redis's full state in this run (archived, or evicted to the ledger). */
  readonly archived: number;
  /** Cases read and checked against the rule. */
  readonly examined: number;
}

/** Ids read per page from the referral-ordered index. */
const PAGE = 100;

/**
 * Retires the county's cases closed more than `retentionDays` before `now`, oldest referral first,
 * at most `maxPerRun` of them, by the county's policy (`retention`: archive, or evict to the ledger). Only cases referred before the cutoff can qualify (a case closes after
 * its referral), so the scan never reads the recent caseload. Idempotent and safe beside another
 * worker: retiring is a compare-and-set, a case retired elsewhere comes back `gone`.
 */
export async function archiveClosedCases(
  files: LifecycleStore,
  retention: ClosedCaseRetention,
  now: Date,
  policy: RetentionPolicy,
): Promise<ArchiveRunSummary> {
  if (policy.retentionDays <= 0 || policy.maxPerRun <= 0) return { archived: 0, examined: 0 };
  const before = new Date(now.getTime() - policy.retentionDays * DAY_MS);
  let archived = 0;
  let examined = 0;
  let offset = 0;
  while (archived < policy.maxPerRun) {
    const ids = await retention.referredBefore(before, offset, PAGE);
    if (ids.length === 0) break;
    let left = 0;
    for (const id of ids) {
      if (archived >= policy.maxPerRun) break;
      examined += 1;
      const file = await files.getFile(id);
      if (!file || !isArchivable(file, now, policy.retentionDays)) continue;
      const outcome = await retention.retire(file, now);
      if (outcome === 'retired') archived += 1;
      if (outcome === 'retired' || outcome === 'gone') left += 1;
    }
    // Retired (or vanished) ids left the index, so the next page starts that much earlier.
    offset += ids.length - left;
  }
  return { archived, examined };
}
