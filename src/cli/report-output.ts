import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FULFILMENT_MODES } from '../domain/fulfilment';
import { omit } from '../domain/omit';
import type { SubsidyLedger } from '../domain/lifecycle/subsidy';
import type { KpiReport, KpiRow } from '../use-cases/reports/kpis';
import { kpisToCsv, mediatorsToCsv } from '../use-cases/reports/csv';
import { kpiChartSvg } from '../use-cases/reports/svg-chart';
import type { HeadlineIndicator } from '../use-cases/reports/headline';

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

/** What a printed report says of where its figures came from. */
export interface ReportSourceLines {
  /** e.g. `120 case files` or `county X from the ledger, 120 case files`. */
  readonly cases: string;
  /** Where the court's figures came from. */
  readonly court: string;
}

export function formatReport(
  report: KpiReport,
  indicators: readonly HeadlineIndicator[],
  ledger: SubsidyLedger,
  source: ReportSourceLines,
  elapsedMs: number,
  written: readonly string[],
): string {
  const lines = [
    '',
    `tiaojie report — ${report.from.slice(0, 10)} to ${report.to.slice(0, 10)} (${report.days} days), by ${report.by ?? 'total'}, ${source.cases}`,
    `  Court figures: ${source.court}; population ${report.population}; quality window ${report.qualityWindowDays} days`,
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

/** Writes the report as JSON (with `extra` beside it), CSV, an SVG chart and the mediators' CSV; returns the paths. */
export async function writeReportFiles(
  outDir: string,
  name: string,
  out: {
    readonly report: KpiReport;
    readonly indicators: readonly HeadlineIndicator[];
    readonly subsidy: SubsidyLedger;
    readonly chartTitle: string;
  },
  extra: Readonly<Record<string, unknown>>,
): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const base = join(outDir, `kpis-${name}-${out.report.by ?? 'total'}`);
  const files = { json: `${base}.json`, csv: `${base}.csv`, svg: `${base}.svg`, mediators: join(outDir, `mediators-${name}.csv`) };
  const report = { ...out.report, indicators: out.indicators };
  await writeFile(files.json, JSON.stringify({ ...extra, report, subsidy: omit(out.subsidy, 'entries') }, null, 2));
  await writeFile(files.csv, kpisToCsv(out.report));
  await writeFile(files.svg, kpiChartSvg(out.report, out.chartTitle));
  await writeFile(files.mediators, mediatorsToCsv(out.report.mediators));
  return Object.values(files);
}
