import type { LifecycleConfig } from '../../domain/config/lifecycle-config';
import type { CaseFile } from '../../domain/lifecycle-file';
import { currentCaseFile } from '../../domain/lifecycle/reconcile';
import type { CaseFileStorage, LifecycleStore, StoredCaseFile } from './lifecycle-port';

const currentFile = (stored: StoredCaseFile, config: LifecycleConfig): CaseFile => currentCaseFile(stored.file, stored.case, config);

/**
 * The lifecycle store over persisted case files: the lifecycle rules (open, reconcile) run here
 * so storage only persists. Writes pass straight through; the storage keeps whatever it needs
 * from its reads for the version-checked commit, so take one per request as before.
 */
export function caseFiles(storage: CaseFileStorage, config: LifecycleConfig): LifecycleStore {
  return {
    getFile: async (caseId) => {
      const stored = await storage.readStored(caseId);
      return stored ? currentFile(stored, config) : null;
    },
    listFiles: async () => (await storage.listStored()).map((s) => currentFile(s, config)),
    commitFile: (expectedVersion, next, effects) => storage.commitFile(expectedVersion, next, effects),
    raiseOnce: (key) => storage.raiseOnce(key),
    emit: (events) => storage.emit(events),
  };
}
