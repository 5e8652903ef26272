/**
 * The indicator page's export: every section shown (the month's total, the last twelve months, the
 * breakdowns) as rows of one CSV, shares as percentages with one decimal, headers in the reader's
 * language, the definitions below the figures.
 */
import { buildCsv, type CsvValue } from './csv';
import { INDICATORS, type Indicator, type KpiRow } from './report';

/** One block of rows: a grouping's name and its rows, each group named for people. */
export interface CsvSection {
  readonly title: string;
  readonly rows: readonly KpiRow[];
  readonly groupName: (group: string) => string;
}

export interface CsvWords {
  readonly grouping: string;
  readonly group: string;
  readonly definition: string;
  /** The heading of an indicator's column, with its unit when it is a share: "调处成功率（%）". */
  readonly indicator: (i: Indicator) => string;
  readonly definitions: Readonly<Record<string, string>>;
}

/** A figure as the file holds it: a share 0..1 as a percentage rounded to 0.1, other figures to 0.01. */
export function csvValue(i: Indicator, v: number | null): CsvValue {
  if (v === null || !Number.isFinite(v)) return null;
  return i.kind === 'share' ? Math.round(v * 1000) / 10 : Math.round(v * 100) / 100;
}

export function indicatorsCsv(sections: readonly CsvSection[], words: CsvWords): string {
  const header = [words.grouping, words.group, ...INDICATORS.map((i) => words.indicator(i))];
  const rows: CsvValue[][] = sections.flatMap((s) =>
    s.rows.map((r) => [s.title, s.groupName(r.group), ...INDICATORS.map((i) => csvValue(i, r[i.key]))]),
  );
  const definitions: CsvValue[][] = INDICATORS.map((i) => [words.definition, words.indicator(i), words.definitions[i.definition] ?? '']);
  return buildCsv([header, ...rows, [], ...definitions]);
}
