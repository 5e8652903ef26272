import { resolve } from 'node:path';
import { openLedgerDb } from '../adapters/postgres/ledger-db';
import { ledgerReportsFor } from '../adapters/postgres/ledger-reports';
import { loadCountyBaseline } from '../domain/config/county-baseline';
import { loadDispatchConfig } from '../domain/config/load';
import { loadSubsidyConfig } from '../domain/config/subsidy-config';
import { localMonth, subsidyLedger } from '../domain/lifecycle/subsidy';
import { headlineIndicators } from '../use-cases/reports/headline';
import type { ReportGrouping } from '../use-cases/reports/monthly-kpis';
import { countyKpiReport } from '../use-cases/reports/county-kpi-report';
import { ledgerIndicatorSettings } from '../adapters/postgres/ledger-indicator-settings';
import { monthPeriod, resolvePeriod, type ReportPeriod } from '../use-cases/reports/period';
import { UsageError, type ParsedArgs } from './args';
import { formatReport, writeReportFiles } from './report-output';

/**
 * `tiaojie report --county NAME`: the county's indicators from the ledger at DATABASE_URL (or
 * `--database URL`) over `--month` or `--from`/`--to` (default the current local month), assembled
 * as `GET /v1/reports/kpis` assembles it (countyKpiReport). The populations and quality window are
 * the county's settings as the ledger holds them, else the defaults of its registered profile (else
 * the embedded one); 按时到位率 from the summonses the ledger holds.
 */
export async function runLedgerReport(args: ParsedArgs, county: string, by: ReportGrouping, outDir: string): Promise<number> {
  const url = args.flags.get('database') ?? process.env.DATABASE_URL;
  if (url === undefined || url === '') throw new UsageError('--county reads the ledger: set DATABASE_URL or --database URL');
  const started = Date.now();
  const { from, to } = period(args);
  const db = openLedgerDb(url, { maxConnections: 2 });
  try {
    const source = ledgerReportsFor(db).county(county);
    const subsidy = loadSubsidyConfig();
    const { report, files, mediators } = await countyKpiReport(
      { source, settings: () => ledgerIndicatorSettings(db, county, loadDispatchConfig().county), subsidy },
      { from, to, by, asOf: new Date() },
    );
    // The subsidy of the month holding the period's middle, from the cases that can count in that month.
    const month = localMonth(new Date((from.getTime() + to.getTime()) / 2).toISOString());
    const whole = monthPeriod(month);
    const monthFiles = await source.casesCounting(whole.from, whole.to);
    const ledger = subsidyLedger(monthFiles, month, (id) => mediators.get(id)?.organization, subsidy);
    const indicators = headlineIndicators(report, loadCountyBaseline().series);
    const chartTitle = `tiaojie indicators — ${county} (ledger)`;
    const written = await writeReportFiles(
      resolve(outDir),
      county,
      { report, indicators, subsidy: ledger, chartTitle },
      { county, source: 'ledger' },
    );
    const lines = {
      cases: `county ${county} from the ledger, ${files.length} case files that can count`,
      court: "the court's figures held in the ledger",
    };
    process.stdout.write(formatReport(report, indicators, ledger, lines, Date.now() - started, written));
    return 0;
  } finally {
    await db.destroy();
  }
}

/** The period asked for, refusing what would read as an invalid date. */
function period(args: ParsedArgs): ReportPeriod {
  const q = { month: args.flags.get('month'), from: args.flags.get('from'), to: args.flags.get('to') };
  if (q.month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(q.month)) throw new UsageError('--month must be YYYY-MM');
  const p = resolvePeriod(q, new Date());
  if (Number.isNaN(p.from.getTime()) || Number.isNaN(p.to.getTime()))
    throw new UsageError('--from/--to must be dates (YYYY-MM-DD) or instants');
  return p;
}
