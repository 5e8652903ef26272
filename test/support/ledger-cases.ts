import type { Case } from '../../src/domain/case';
import type { CourtMonth } from '../../src/domain/court-figures';
import type { CaseFile } from '../../src/domain/lifecycle-file';
import type { Mediator } from '../../src/domain/mediator';
import type { Summons } from '../../src/domain/summons/summons';
import type { LedgerDb } from '../../src/adapters/postgres/ledger-db';
import { PostgresLedgerWriter } from '../../src/adapters/postgres/ledger-writer';
import { caseRow, mediatorRow, summonsRow } from '../../src/use-cases/ledger/ledger-rows';

/** The case record a simulated file stands for: only what `caseRow` copies from it. */
function recordOf(file: CaseFile): Case {
  return { externalId: file.caseId, status: file.status, deadlineAt: null, assignment: null } as unknown as Case;
}

/**
 * Writes simulated case files, a roster, court months and summonses (none unless given) into a
 * county's ledger in one batch, as
 * the projector would write them (its own path is tested in ledger-projection.test.ts).
 */
export async function writeSimulatedCounty(
  db: LedgerDb,
  county: string,
  sim: {
    readonly files: readonly CaseFile[];
    readonly mediators: readonly Mediator[];
    readonly courtMonths: readonly CourtMonth[];
    readonly summonses?: readonly Summons[];
  },
): Promise<void> {
  const writer = new PostgresLedgerWriter(db, county);
  const result = await writer.apply({
    fromId: '0-0',
    toId: '1-0',
    readCount: sim.files.length,
    cases: sim.files.map((f) => caseRow(recordOf(f), f, null)),
    sessionCases: [],
    sessions: [],
    history: [],
    events: [],
    summonses: (sim.summonses ?? []).map(summonsRow),
    roster: sim.mediators.map(mediatorRow),
    courtMonths: sim.courtMonths.map((m) => ({ month: m.month, doc: JSON.stringify(m) })),
    audit: null,
    records: null,
  });
  if (result !== 'applied') throw new Error(`ledger write ${result}`);
}
