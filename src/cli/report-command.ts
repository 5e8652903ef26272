import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { FULFILMENT_MODES } from '../domain/fulfilment';
import { loadSubsidyConfig } from '../domain/config/subsidy-config';
import { simulateLifecycle } from '../simulator/lifecycle-simulation';
import { localMonth, subsidyLedger, type SubsidyLedger } from '../domain/lifecycle/subsidy';
import type { KpiReport, KpiRow } from '../use-cases/reports/kpis';
import { reportKpis, REPORT_GROUPINGS, type ReportGrouping } from '../use-cases/reports/monthly-kpis';
import { kpisToCsv, mediatorsToCsv } from '../use-cases/reports/csv';
import { kpiChartSvg } from '../use-cases/reports/svg-chart';
import { headlineIndicators, type HeadlineIndicator } from '../use-cases/reports/headline';
import { loadCountyBaseline } from '../domain/config/county-baseline';
import { defaultIndicatorSettings } from '../domain/config/indicator-settings';
import { simulatedCourtMonths } from '../simulator/court-figures';
import { summonsArrivalSlot } from '../use-cases/reports/summons-arrival';
import { Rng } from '../domain/random';
import { DEFAULT_SEED } from '../simulator/county';
import { numberFlag, parseArgs, UsageError } from './args';
import { DAY_MS } from '../domain/time';
import { omit } from '../domain/omit';

const pct = (v: number | null): string => (v === null ? '   –  ' : `${(100 * v).toFixed(1).padStart(5)}%`);
const num = (v: number | null, d = 1): string => (v === null ? '–' : v.toFixed(d));

function tableLine(r: KpiRow): string {
  return [
    r.group.padEnd(16).slice(0, 16),
    String(r.referred).padStart(6),
    String(r.settled).padStart(6),
    String(r.returnedToCourt).padStart(5),
    pct(r.successRate),
    pct(r.attemptSuccessRate),
    pct(r.courtSuccessRate),
    pct(r.preLitigationRate),
    pct(r.onTimeRate),
    pct(r.departmentsOnTimeRate),
    pct(r.highQualityRate),
    num(r.daysToSettleMedian).padStart(6),
    num(r.daysToSettleP90).padStart(6),
    num(r.lawsuitsPer10kAnnualised, 1).padStart(7),
  ].join(' ');
}

const figure = (i: HeadlineIndicator, v: number | null): string =>
  v === null ? '–' : i.unit === 'share' ? `${(100 * v).toFixed(1)}%` : `${v.toFixed(1)} per 10k/yr`;
const count = (v: number | null): string => (v === null ? '–' : Number.isInteger(v) ? String(v) : v.toFixed(1));

/** The assessed indicators, each with its terms, source and the county's published figures. */
function headlineLines(indicators: readonly HeadlineIndicator[]): string[] {
  const lines = ['  Indicators as assessed (each = numerator ÷ denominator over the period; definitions below):'];
  for (const i of indicators) {
    lines.push(
      `    ${i.name.zh} ${i.name.en}: ${figure(i, i.value)}` +
        (i.unavailable ? ` (${i.unavailable.detail})` : '') +
        ` = ${count(i.numerator.value)} ${i.numerator.label.en} ÷ ${count(i.denominator.value)} ${i.denominator.label.en}; source ${i.source.replace(/_/g, ' ')}`,
    );
    for (const b of i.beside) lines.push(`      beside: ${b.label.en} ${figure(i, b.value)} (${b.numerator} ÷ ${b.denominator})`);
    const published = (i.published ?? []).map(
      (p) => `${p.period} ${p.value === null ? 'not known' : `${p.bound === 'lower' ? '>' : '≈'}${figure(i, p.value)}`} (${p.status})`,
    );
    if (published.length > 0) lines.push(`      county published: ${published.join('; ')}`);
  }
  return lines;
}

function formatReport(
  report: KpiReport,
  indicators: readonly HeadlineIndicator[],
  ledger: SubsidyLedger,
  files: number,
  elapsedMs: number,
  written: readonly string[],
): string {
  const lines = [
    '',
    `tiaojie report — ${report.from.slice(0, 10)} to ${report.to.slice(0, 10)} (${report.days} days), by ${report.by ?? 'total'}, ${files} case files`,
    `  Court figures: simulated court (transfers = simulated court referrals, filings after failed mediation = returns to court, direct filings drawn); population ${report.population}; quality window ${report.qualityWindowDays} days`,
    '',
    ...headlineLines(indicators),
    '',
    `  ${'group'.padEnd(16)} ${'refd'.padStart(6)} ${'settl'.padStart(6)} ${'court'.padStart(5)} success attempt court-c prelit ontime  depts  hi-qual ${'med d'.padStart(6)} ${'p90 d'.padStart(6)} ${'suits/10k/yr'}`,
    ...[...report.rows.slice(0, 30), report.total].map((r) => '  ' + tableLine(r)),
    '',
    '  Fulfilment by mode (fulfilled by due date ÷ decided in period): ' +
      FULFILMENT_MODES.map((m) => `${m} ${pct(report.total.fulfilment[m].rate).trim()} (n=${report.total.fulfilment[m].due})`).join(', '),
  ];
  const subsidy = report.mediators.reduce((a, m) => a + m.subsidyYuan, 0);
  const seats = report.mediators.reduce((a, m) => a + m.seats, 0);
  lines.push(
    `  Mediators: ${report.mediators.length} with seats or subsidy; ${seats} seats; subsidy ${subsidy.toFixed(0)} yuan in the period`,
  );
  const orgs = Object.entries(ledger.byOrganization)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5);
  lines.push(
    `  Subsidy ${ledger.month}: ${ledger.totalYuan.toFixed(0)} of ${ledger.budgetYuan} yuan budget (${((100 * ledger.totalYuan) / ledger.budgetYuan).toFixed(1)}%)` +
      (ledger.warnings.length ? `; warnings reached at ${ledger.warnings.map((w) => `${w.share * 100}%`).join(', ')}` : '') +
      (ledger.overBudget ? '; OVER BUDGET' : '') +
      `; top organisations ${orgs.map(([o, y]) => `${o} ${y.toFixed(0)}`).join(', ')}`,
  );
  lines.push('', '  Definitions:');
  for (const [k, v] of Object.entries(report.definitions)) lines.push(`    ${k}: ${v}`);
  lines.push('', `  Wrote ${written.join(', ')} in ${(elapsedMs / 1000).toFixed(1)} s.`, '');
  return lines.join('\n');
}

/** `tiaojie report`: simulates a month through the whole lifecycle and writes the indicators (JSON, CSV, SVG). */
export async function runReportCommand(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, ['seed', 'days', 'warmup', 'by', 'out']);
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  const seed = Math.floor(numberFlag(args, 'seed', DEFAULT_SEED));
  const days = Math.floor(numberFlag(args, 'days', 30));
  const warmup = args.flags.get('warmup') === '0' ? 0 : Math.floor(numberFlag(args, 'warmup', 7));
  const rawBy = args.flags.get('by') ?? 'township';
  if (!(REPORT_GROUPINGS as readonly string[]).includes(rawBy)) throw new UsageError(`--by must be one of ${REPORT_GROUPINGS.join(', ')}`);
  const by = rawBy as ReportGrouping;
  const outDir = resolve(args.flags.get('out') ?? 'reports');
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
  await mkdir(outDir, { recursive: true });
  const base = join(outDir, `kpis-${seed}-${by}`);
  const files = {
    json: `${base}.json`,
    csv: `${base}.csv`,
    svg: `${base}.svg`,
    mediators: join(outDir, `mediators-${seed}.csv`),
  };
  const ledgerSummary = omit(ledger, 'entries');
  await writeFile(
    files.json,
    JSON.stringify(
      { seed, warmupDays: warmup, scheduling: sim.scheduling, report: { ...report, indicators }, subsidy: ledgerSummary },
      null,
      2,
    ),
  );
  await writeFile(files.csv, kpisToCsv(report));
  await writeFile(files.svg, kpiChartSvg(report, `tiaojie indicators — simulated county, seed ${seed}`));
  await writeFile(files.mediators, mediatorsToCsv(report.mediators));
  process.stdout.write(formatReport(report, indicators, ledger, sim.files.length, Date.now() - started, Object.values(files)));
  return 0;
}
