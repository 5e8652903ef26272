import { CourtFiguresSchema, CourtMonthSchema, COURT_FIGURE_FIELDS } from '../../domain/court-figures';
import { ValidationError, type FieldIssue } from '../../domain/errors';
import type { CourtMonthInput } from './import-court-figures';

/** The CSV columns, in snake case as spreadsheets write them; the order in a file is free. */
export const COURT_CSV_COLUMNS = {
  month: 'month',
  civilCommercialFilings: 'civil_commercial_filings',
  administrativeFilings: 'administrative_filings',
  transferredToMediation: 'transferred_to_mediation',
  filedAfterFailedMediation: 'filed_after_failed_mediation',
} as const;

/** Most data rows in one file: a century of months. */
const MAX_ROWS = 1200;

const splitLine = (line: string): string[] => line.split(',').map((c) => c.trim());

function headerIndex(header: readonly string[]): Map<string, number> {
  const index = new Map(header.map((h, i) => [h, i]));
  const missing = Object.values(COURT_CSV_COLUMNS).filter((c) => !index.has(c));
  const unknown = header.filter((h) => !(Object.values(COURT_CSV_COLUMNS) as string[]).includes(h));
  const issues: FieldIssue[] = [
    ...missing.map((c) => ({ field: `line 1: ${c}`, reason: 'column missing from the header' })),
    ...unknown.map((c) => ({ field: `line 1: ${c || '(empty)'}`, reason: 'unknown column' })),
  ];
  if (issues.length > 0) throw new ValidationError(issues);
  return index;
}

/** A cell as a count: digits only (a spreadsheet's "1,900" or "12.0" is refused, not guessed at). */
function countOf(cell: string | undefined): number | string {
  if (cell === undefined || cell === '') return 'missing';
  return /^\d+$/.test(cell) ? Number(cell) : 'must be a whole number of 0 or more';
}

function parseRow(
  cells: readonly string[],
  index: Map<string, number>,
  line: number,
  seen: Map<string, number>,
): CourtMonthInput | FieldIssue[] {
  const cell = (c: string): string | undefined => cells[index.get(c) ?? -1];
  const issues: FieldIssue[] = [];
  const month = CourtMonthSchema.safeParse(cell(COURT_CSV_COLUMNS.month) ?? '');
  if (!month.success) issues.push({ field: `line ${line}: month`, reason: 'must be YYYY-MM' });
  else if (seen.has(month.data))
    issues.push({ field: `line ${line}: month`, reason: `${month.data} repeats line ${seen.get(month.data)}` });
  else seen.set(month.data, line);
  const raw: Record<string, number> = {};
  for (const key of COURT_FIGURE_FIELDS) {
    const v = countOf(cell(COURT_CSV_COLUMNS[key]));
    if (typeof v === 'string') issues.push({ field: `line ${line}: ${COURT_CSV_COLUMNS[key]}`, reason: v });
    else raw[key] = v;
  }
  if (issues.length > 0 || !month.success) return issues;
  const figures = CourtFiguresSchema.safeParse(raw);
  if (!figures.success)
    return figures.error.issues.map((i) => ({
      field: `line ${line}: ${COURT_CSV_COLUMNS[String(i.path[0]) as keyof typeof COURT_CSV_COLUMNS] ?? String(i.path[0])}`,
      reason: i.message,
    }));
  return { month: month.data, figures: figures.data };
}

/**
 * A court-figures CSV (a header row, then one row per month; blank lines and `#` comments skipped)
 * → the months, or a ValidationError listing every bad row by line and column — nothing is
 * imported from a file with any bad row.
 */
export function parseCourtFiguresCsv(text: string): CourtMonthInput[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const content = lines.map((l, i) => ({ text: l, line: i + 1 })).filter((l) => l.text.trim() !== '' && !l.text.startsWith('#'));
  const [header, ...rows] = content;
  if (!header) throw new ValidationError([{ field: 'line 1', reason: 'the file is empty: a header row is required' }]);
  if (rows.length > MAX_ROWS)
    throw new ValidationError([{ field: `line ${rows[MAX_ROWS]?.line ?? 0}`, reason: `at most ${MAX_ROWS} rows` }]);
  const index = headerIndex(splitLine(header.text));
  const seen = new Map<string, number>();
  const months: CourtMonthInput[] = [];
  const issues: FieldIssue[] = [];
  for (const row of rows) {
    const parsed = parseRow(splitLine(row.text), index, row.line, seen);
    if (Array.isArray(parsed)) issues.push(...parsed);
    else months.push(parsed);
  }
  if (issues.length > 0)
    throw new ValidationError(issues, `${issues.length} problem(s): ${issues.map((i) => `${i.field}: ${i.reason}`).join('; ')}`);
  return months;
}
