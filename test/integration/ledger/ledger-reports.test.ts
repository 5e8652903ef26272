import { openLedgerDb, type LedgerDb } from '../../../src/adapters/postgres/ledger-db';
import { ledgerReportsFor } from '../../../src/adapters/postgres/ledger-reports';
import { migrateLedger } from '../../../src/adapters/postgres/migrate';
import { loadSubsidyConfig } from '../../../src/domain/config/subsidy-config';
import type { CourtMonth } from '../../../src/domain/court-figures';
import { subsidyLedger } from '../../../src/domain/lifecycle/subsidy';
import { Rng } from '../../../src/domain/random';
import { simulatedCourtMonths } from '../../../src/simulator/court-figures';
import { simulateLifecycle, type LifecycleSimResult } from '../../../src/simulator/lifecycle-simulation';
import type { KpiCase } from '../../../src/use-cases/reports/kpis';
import { localMonthSlices } from '../../../src/use-cases/reports/month-slices';
import { reportKpis, REPORT_GROUPINGS } from '../../../src/use-cases/reports/monthly-kpis';
import { provinceSummary } from '../../../src/use-cases/reports/report-source';
import { freshDatabase, type TestDatabase } from '../../support/pg-database';
import { writeSimulatedCounty } from '../../support/ledger-cases';

const SEED = 11;
const subsidy = loadSubsidyConfig();

describe('reports from the ledger: the cases SQL selects by counting span give the report of all files', () => {
  let database: TestDatabase;
  let db: LedgerDb;
  let sim: LifecycleSimResult;
  let courtMonths: CourtMonth[];
  // Two counties: the simulated one, and a copy with its first half of cases only (a different total).
  const counties = new Map<string, readonly KpiCase[]>();

  beforeAll(async () => {
    sim = await simulateLifecycle({ seed: SEED, days: 65 });
    courtMonths = simulatedCourtMonths(sim.files, sim.start, sim.end, sim.county.params, new Rng(SEED).fork('court'));
    database = await freshDatabase();
    db = openLedgerDb(database.url);
    await migrateLedger(db);
    counties.set('sim-a', sim.files);
    counties.set('sim-b', sim.files.slice(0, Math.floor(sim.files.length / 2)));
    for (const [county, files] of counties)
      await writeSimulatedCounty(db, county, { files: files as LifecycleSimResult['files'], mediators: sim.mediators, courtMonths });
  }, 600_000);

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  /** Every local month of the simulation, the whole simulation, and a period cut mid-month. */
  const periods = () => [
    ...localMonthSlices(sim.start, sim.end).map((s) => ({ from: s.from, to: s.to })),
    { from: sim.start, to: sim.end },
    { from: new Date(sim.start.getTime() + 10.5 * 86_400_000), to: new Date(sim.start.getTime() + 47.25 * 86_400_000) },
  ];

  it('gives, for every month and the whole period, by every grouping, the report computed from every file in memory', async () => {
    const source = ledgerReportsFor(db).county('sim-a');
    const [ledgerMediators, ledgerCourt] = await Promise.all([source.mediators(), source.courtMonths()]);
    expect(ledgerCourt).toEqual(courtMonths);
    const inMemory = new Map(sim.mediators.map((m) => [m.id, m]));
    const fromLedger = new Map(ledgerMediators.map((m) => [m.id, m]));
    expect(ledgerMediators.length).toBe(sim.mediators.length);
    let selectedLess = false;
    for (const { from, to } of periods()) {
      const files = await source.casesCounting(from, to);
      if (files.length < sim.files.length) selectedLess = true;
      for (const by of [undefined, ...REPORT_GROUPINGS]) {
        const common = { from, to, subsidy, ...(by ? { by } : {}), asOf: sim.end };
        const expected = reportKpis({ ...common, files: sim.files, mediator: (id) => inMemory.get(id), courtMonths });
        const actual = reportKpis({ ...common, files, mediator: (id) => fromLedger.get(id), courtMonths: ledgerCourt });
        expect({ by, from, actual }).toEqual({ by, from, actual: expected });
      }
    }
    // The selection is a selection: some period reads fewer files than the county holds.
    expect(selectedLess).toBe(true);
  });

  it("gives each month's subsidy ledger as all files give it", async () => {
    const source = ledgerReportsFor(db).county('sim-a');
    for (const s of localMonthSlices(sim.start, sim.end)) {
      const files = await source.casesCounting(s.monthFrom, s.monthTo);
      const org = (id: string) => sim.mediators.find((m) => m.id === id)?.organization;
      expect(subsidyLedger(files, s.month, org, subsidy)).toEqual(subsidyLedger(sim.files, s.month, org, subsidy));
    }
  });

  it("sums in SQL, per county, the report's plain counts as the report of the county's files states them", async () => {
    for (const { from, to } of periods()) {
      const summary = await provinceSummary(ledgerReportsFor(db).province, from, to);
      for (const [county, files] of counties) {
        const report = reportKpis({ files, from, to, subsidy, mediator: () => undefined, asOf: sim.end });
        const seatsInMemory = report.mediators.reduce((n, m) => n + m.seats, 0);
        const row = summary.counties.find((c) => c.county === county);
        // A county with nothing counted in the period has no row.
        if (!row) {
          expect({ county, from, referred: report.total.referred, concluded: report.total.concluded, seats: seatsInMemory }).toEqual({
            county,
            from,
            referred: 0,
            concluded: 0,
            seats: 0,
          });
          continue;
        }
        const { seats, ...figures } = row;
        expect({ from, total: { ...report.total, county } }).toMatchObject({ from, total: figures });
        expect(seats).toBe(seatsInMemory);
      }
      expect(summary.total.referred).toBe(summary.counties.reduce((n, c) => n + c.referred, 0));
    }
  });
});
