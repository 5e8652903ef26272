import { resolve } from 'node:path';
import { loadSubsidyConfig } from '../domain/config/subsidy-config';
import { simulateLifecycle } from '../simulator/lifecycle-simulation';
import { localMonth, subsidyLedger } from '../domain/lifecycle/subsidy';
import { reportKpis, REPORT_GROUPINGS, type ReportGrouping } from '../use-cases/reports/monthly-kpis';
import { headlineIndicators } from '../use-cases/reports/headline';
import { loadCountyBaseline } from '../domain/config/county-baseline';
import { defaultIndicatorSettings } from '../domain/config/indicator-settings';
import { simulatedCourtMonths } from '../simulator/court-figures';
import { summonsArrivalSlot } from '../use-cases/reports/summons-arrival';
import { Rng } from '../domain/random';
import { DEFAULT_SEED } from '../simulator/county';
import { numberFlag, parseArgs, UsageError } from './args';
import { DAY_MS } from '../domain/time';
import { formatReport, writeReportFiles } from './report-output';
import { runLedgerReport } from './ledger-report';

/**
 * `tiaojie report`: simulates a month through the whole lifecycle and writes the indicators (JSON,
 * CSV, SVG); with `--county`, the county's indicators from the ledger instead (ledger-report.ts).
 */
export async function runReportCommand(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, ['seed', 'days', 'warmup', 'by', 'out', 'county', 'month', 'from', 'to', 'database']);
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  const seed = Math.floor(numberFlag(args, 'seed', DEFAULT_SEED));
  const days = Math.floor(numberFlag(args, 'days', 30));
  const warmup = args.flags.get('warmup') === '0' ? 0 : Math.floor(numberFlag(args, 'warmup', 7));
  const rawBy = args.flags.get('by') ?? 'township';
  if (!(REPORT_GROUPINGS as readonly string[]).includes(rawBy)) throw new UsageError(`--by must be one of ${REPORT_GROUPINGS.join(', ')}`);
  const by = rawBy as ReportGrouping;
  const outDir = resolve(args.flags.get('out') ?? 'reports');
  const county = args.flags.get('county');
  if (county !== undefined) return runLedgerReport(args, county, by, outDir);
  const started = Date.now();
  const tty = process.stderr.isTTY === true;
  const sim = await simulateLifecycle({
    seed,
    days: warmup + days,
    onDay: (d, n) => tty && process.stderr.write(`\r  simulating day ${d + 1}/${n}`),
  });
  if (tty) process.stderr.write('\r' + ' '.repeat(40) + '\r');
  const mediators = new Map(sim.mediators.map((m) => [m.id, m]));
  const settings = defaultIndicatorSettings(sim.county.config.county);
  const report = reportKpis({
    files: sim.files,
    from: new Date(sim.start.getTime() + warmup * DAY_MS),
    to: sim.end,
    by,
    mediator: (id) => mediators.get(id),
    population: settings.population.county.population,
    townshipPopulation: (t) => settings.population.townships[t]?.population,
    subsidy: loadSubsidyConfig(),
    courtMonths: simulatedCourtMonths(sim.files, sim.start, sim.end, sim.county.params, new Rng(seed).fork('court')),
    qualityWindowDays: settings.qualityWindowDays,
    summonsArrival: summonsArrivalSlot(sim.summonses, sim.end),
  });
  // The month holding the middle of the reported period.
  const ledger = subsidyLedger(
    sim.files,
    localMonth(new Date((sim.end.getTime() + sim.start.getTime() + warmup * DAY_MS) / 2).toISOString()),
    (id) => mediators.get(id)?.organization,
    loadSubsidyConfig(),
  );
  const indicators = headlineIndicators(report, loadCountyBaseline().series);
  const written = await writeReportFiles(
    outDir,
    String(seed),
    { report, indicators, subsidy: ledger, chartTitle: `tiaojie indicators — simulated county, seed ${seed}` },
    { seed, warmupDays: warmup, scheduling: sim.scheduling },
  );
  const source = {
    cases: `${sim.files.length} case files`,
    court:
      'simulated court (transfers = simulated court referrals, filings after failed mediation = returns to court, direct filings drawn)',
  };
  process.stdout.write(formatReport(report, indicators, ledger, source, Date.now() - started, written));
  return 0;
}
