import type { Case } from '../../../src/domain/case';
import type { CaseFile } from '../../../src/domain/lifecycle-file';
import { openCaseFile } from '../../../src/domain/lifecycle/case-file';
import { itemAt } from '../../../src/domain/indexed-access';
import { caseFiles } from '../../../src/use-cases/lifecycle/case-files';
import type { CaseFileStorage, StoredCaseFile } from '../../../src/use-cases/lifecycle/lifecycle-port';
import { waitingCase } from '../domain/fixtures';
import { config } from './helpers';

const AT = '2026-03-02T02:00:00.000Z';

function assigned(id: string): Case {
  const c = waitingCase({ id, referredAt: AT });
  return {
    ...c,
    status: 'assigned',
    assignment: { mediatorIds: ['m1'], seats: [{ role: 'sole', mediatorId: 'm1', cost: 1 }], cost: 1, assignedAt: AT, by: 'optimizer' },
  };
}

/** Storage holding fixed rows; records the commits it is handed. */
function storage(rows: readonly StoredCaseFile[]): CaseFileStorage & { readonly commits: number[] } {
  const commits: number[] = [];
  return {
    commits,
    readStored: (id) => Promise.resolve(rows.find((r) => r.case.id === id) ?? null),
    listStored: () => Promise.resolve(rows),
    commitFile: (expected) => {
      commits.push(expected);
      return Promise.resolve('ok');
    },
    raiseOnce: () => Promise.resolve(true),
    emit: () => Promise.resolve(),
  };
}

describe('caseFiles', () => {
  it('when no file is stored, then one is opened from the case record and dispatch’s assignment is reconciled into it at version 0', async () => {
    const store = caseFiles(storage([{ case: assigned('c1'), file: null }]), config);
    const file = await store.getFile('c1');
    expect(file).toMatchObject({ caseId: 'c1', status: 'assigned', version: 0, history: [{ action: 'assign', by: 'optimizer' }] });
  });

  it('when a file is stored, then it is returned with its stored version; an unknown case is null', async () => {
    const c = waitingCase({ id: 'c2', referredAt: AT });
    const stored: CaseFile = { ...openCaseFile(c, config), version: 7 };
    const store = caseFiles(storage([{ case: c, file: stored }]), config);
    expect(await store.getFile('c2')).toEqual(stored);
    expect(await store.getFile('nope')).toBeNull();
  });

  it('when every file is listed, then each row is opened and reconciled in storage order; commits pass through unchanged', async () => {
    const s = storage([
      { case: assigned('a'), file: null },
      { case: waitingCase({ id: 'b', referredAt: AT }), file: null },
    ]);
    const store = caseFiles(s, config);
    const files = await store.listFiles();
    expect(files.map((f) => [f.caseId, f.status])).toEqual([
      ['a', 'assigned'],
      ['b', 'referred'],
    ]);
    expect(await store.commitFile(0, itemAt(files, 0), { events: [], released: [] })).toBe('ok');
    expect(s.commits).toEqual([0]);
  });
});
