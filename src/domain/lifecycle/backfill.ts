import type { CaseFile } from '../lifecycle-file';
import type { LifecycleConfig } from '../config/lifecycle-config';
import { tick } from './clock';

/**
 * A freshly opened file of a case imported from history, with its clock state as if the clock had
 * run at the moment of import: every warning and overdue event due by then counts as raised, so
 * the next real run fires only what falls due after the import. The events of that imagined run
 * are dropped (they would announce the past), and so is its return to court — that one is skipped
 * by the clock itself (`termRanOutBeforeImport`), because a later run would otherwise make it.
 * A file without `backfill` is returned as it is.
 */
export function settleClockAtImport(file: CaseFile, config: LifecycleConfig): CaseFile {
  if (!file.backfill) return file;
  const atImport = tick(file, { by: 'clock', now: new Date(file.backfill.importedAt), config });
  return atImport.changed ? { ...file, raised: [...atImport.file.raised] } : file;
}
