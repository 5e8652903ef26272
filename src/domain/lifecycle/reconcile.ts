import type { Case } from '../case';
import type { CaseFile } from '../lifecycle-file';
import type { LifecycleConfig } from '../config/lifecycle-config';
import { openCaseFile } from './case-file';
import { act } from './transitions';
import { settleClockAtImport } from './backfill';

/**
 * Brings a case file up to date with what dispatch wrote on the case record since the file was
 * last saved: an assignment (the `assign` transition, by the optimizer or a dispatcher's pin, at
 * the assignment's time) or an unassigned mark. The version is left as stored, so the next commit
 * still compares against what is in the store. Dispatch emitted its own events; none are added.
 */
export function reconcileWithCase(file: CaseFile, c: Case, config: LifecycleConfig): CaseFile {
  const waiting = file.status === 'referred' || file.status === 'unassigned';
  if (!waiting) return file;
  if (c.status === 'assigned' && c.assignment) {
    const a = c.assignment;
    const out = act(file, { action: 'assign', mediatorIds: [...a.mediatorIds] }, { by: a.by, now: new Date(a.assignedAt), config });
    return out.status === 'ok' ? { ...out.file, version: file.version } : file;
  }
  if (c.status === 'unassigned' && file.status === 'referred') {
    const out = act(
      file,
      { action: 'mark_unassigned', ...(c.unassignedReason ? { reason: c.unassignedReason } : {}) },
      { by: 'optimizer', now: new Date(), config },
    );
    return out.status === 'ok' ? { ...out.file, version: file.version } : file;
  }
  return file;
}

/**
 * The case's file as the lifecycle sees it: `stored` (or, where none is stored yet, one opened from
 * the case record) brought up to date with the record. The one place a file is opened for reading.
 */
export function currentCaseFile(stored: CaseFile | null, c: Case, config: LifecycleConfig): CaseFile {
  return reconcileWithCase(stored ?? settleClockAtImport(openCaseFile(c, config), config), c, config);
}
