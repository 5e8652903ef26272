import { loadSubsidyConfig } from '../../../src/domain/config/subsidy-config';
import { ArchivedCaseSchema, archivedRecord, closedAt, isArchivable } from '../../../src/domain/lifecycle/archive';
import { updateFulfilment } from '../../../src/domain/lifecycle/fulfilment';
import { localMonth, subsidyLedger } from '../../../src/domain/lifecycle/subsidy';
import type { CaseFile } from '../../../src/domain/lifecycle-file';
import { ConfigSchema } from '../../../src/runtime/env';
import { simulateLifecycle } from '../../../src/simulator/lifecycle-simulation';
import { computeKpis, KPI_GROUPINGS, type KpiCase } from '../../../src/use-cases/reports/kpis';
import { at, newFile, run, toMediating } from './helpers';

const DAY = 86_400_000;
const subsidy = loadSubsidyConfig();

const settled = (mode: 'voluntary' | 'on_the_spot') =>
  run(toMediating(newFile({ channel: 'walk_in' }), ['m1']), [
    [2, { action: 'settle', amountYuan: 100, termsRef: 'agreement-17', fulfilmentMode: mode }],
  ]);

function fulfilled(file: CaseFile, day: number): CaseFile {
  const r = updateFulfilment(file, { kind: 'fulfilled' }, at(day));
  if (r.status !== 'ok') throw new Error(r.status);
  return r.file;
}

describe('retention rule', () => {
  test('when a case is withdrawn or returned to court, then it is closed at that transition', () => {
    const withdrawn = run(newFile(), [[3, { action: 'withdraw', reason: 'parties agreed privately' }]]);
    expect(closedAt(withdrawn)).toBe(at(3).toISOString());
    const returned = run(newFile({ id: 'c2' }), [[5, { action: 'return_to_court', reason: 'refused' }]]);
    expect(closedAt(returned)).toBe(at(5).toISOString());
  });

  test('when a settlement awaits its fulfilment, then the case is not closed; once fulfilled, it closes then', () => {
    const s = settled('voluntary');
    expect(closedAt(s)).toBeNull();
    expect(closedAt(fulfilled(s, 40))).toBe(at(40).toISOString());
    expect(closedAt(settled('on_the_spot'))).toBe(at(2).toISOString());
  });

  test('when a case is open, then it is never archivable, however old', () => {
    expect(closedAt(newFile())).toBeNull();
    expect(isArchivable(newFile(), at(5000), 365)).toBe(false);
    expect(() => archivedRecord(newFile(), at(5000))).toThrow(/not closed/);
  });

  test('when the retention period has passed since closing, then the case is archivable; not a day before, and never with 0 days', () => {
    const withdrawn = run(newFile(), [[3, { action: 'withdraw', reason: 'x' }]]);
    expect(isArchivable(withdrawn, at(3 + 365), 365)).toBe(true);
    expect(isArchivable(withdrawn, new Date(at(3 + 365).getTime() - 1), 365)).toBe(false);
    expect(isArchivable(withdrawn, at(10_000), 0)).toBe(false);
  });

  test('when a case is archived, then the record holds no party refs, settlement terms, reasons or department refs', () => {
    const file = fulfilled(settled('voluntary'), 40);
    const record = archivedRecord(file, at(500));
    expect(ArchivedCaseSchema.parse(record)).toEqual(record);
    const json = JSON.stringify(record);
    for (const secret of ['p1', 'p2', 'agreement-17', 'partyRefs', 'termsRef', 'reason', '"ref"']) expect(json).not.toContain(secret);
    expect(record).toMatchObject({
      caseId: 'case-1',
      outcome: 'settled',
      closedAt: at(40).toISOString(),
      archivedAt: at(500).toISOString(),
    });
    expect(json.length).toBeLessThan(JSON.stringify(file).length / 2);
  });
});

describe('retention settings', () => {
  test('when RETENTION_DAYS is unset, then it is 32; 0 (never) and 32 or more are accepted, 1–31 refused', () => {
    expect(ConfigSchema.parse({})).toMatchObject({ RETENTION_DAYS: 32, RETENTION_MAX_PER_RUN: 500 });
    expect(ConfigSchema.parse({ RETENTION_DAYS: '0' }).RETENTION_DAYS).toBe(0);
    expect(ConfigSchema.parse({ RETENTION_DAYS: '32' }).RETENTION_DAYS).toBe(32);
    for (const bad of ['31', '1', '-5', 'soon']) expect(ConfigSchema.safeParse({ RETENTION_DAYS: bad }).success).toBe(false);
    expect(ConfigSchema.safeParse({ RETENTION_MAX_PER_RUN: '0' }).success).toBe(false);
  });
});

describe('retention and the reports', () => {
  test('when every closed case of a simulated period is archived, then every KPI grouping and the subsidy ledger give exactly the same figures', async () => {
    const sim = await simulateLifecycle({ days: 10 });
    const files = sim.files;
    const archivedAt = new Date(sim.end.getTime() + 400 * DAY);
    const mixed: KpiCase[] = files.map((f) => (closedAt(f) === null ? f : archivedRecord(f, archivedAt)));
    const archivedCount = files.filter((f) => closedAt(f) !== null).length;
    console.log(`retention unit: ${archivedCount} of ${files.length} simulated cases archived`);
    expect(archivedCount).toBeGreaterThan(10);
    expect(archivedCount).toBeLessThan(files.length);

    const tiers = new Map(sim.mediators.map((m) => [m.id, m]));
    const mediator = (id: string) => tiers.get(id);
    const from = sim.start;
    const to = new Date(sim.end.getTime() + 60 * DAY);
    for (const by of [undefined, ...KPI_GROUPINGS]) {
      const input = { from, to, mediator, subsidy, ...(by ? { by } : {}) };
      expect(computeKpis({ ...input, files: mixed })).toEqual(computeKpis({ ...input, files }));
    }
    const months = new Set(files.flatMap((f) => f.attempts.flatMap((a) => (a.endedAt ? [localMonth(a.endedAt)] : []))));
    expect(months.size).toBeGreaterThan(0);
    for (const month of months) {
      const ledger = subsidyLedger(files, month, () => 'centre', subsidy);
      expect(subsidyLedger(mixed, month, () => 'centre', subsidy)).toEqual(ledger);
    }
  }, 60_000);
});
