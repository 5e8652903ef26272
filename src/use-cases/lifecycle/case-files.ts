import type { LifecycleConfig } from '../../domain/config/lifecycle-config';
import type { Case } from '../../domain/case';
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

/** A case record with its file as the lifecycle reads it (opened from the record when none is stored). */
export interface CaseState {
  readonly record: Case;
  readonly file: CaseFile;
}

/** Case records with their files, each read once (the ledger's projector copies both). */
export interface CaseStates {
  get(caseId: string): Promise<CaseState | null>;
  /** Every case of the county, in referral order. */
  list(): Promise<readonly CaseState[]>;
}

export function caseStates(storage: Pick<CaseFileStorage, 'readStored' | 'listStored'>, config: LifecycleConfig): CaseStates {
  const state = (s: StoredCaseFile): CaseState => ({ record: s.case, file: currentFile(s, config) });
  return {
    get: async (caseId) => {
      const stored = await storage.readStored(caseId);
      return stored ? state(stored) : null;
    },
    list: async () => (await storage.listStored()).map(state),
  };
}
