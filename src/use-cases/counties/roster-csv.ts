import { CATEGORIES } from '../../domain';
import { ValidationError, type FieldIssue } from '../../domain/errors';

/**
 * The roster CSV's columns (issue 21): one mediator a row, the order in a file free. Lists inside a
 * cell are separated by `;` (cells hold no commas): `expertise` as `family:0.8;land:0.6`,
 * `availability` as `1am;1pm;3am` (weekday 1 = Monday), `leave` as `2024-05-01..2024-05-10`,
 * `recusals` as party refs. `village` is empty for the industry and gold tiers; `status`,
 * `availability`, `leave` and `recusals` may be empty (active, none).
 */
export const ROSTER_CSV_COLUMNS = [
  'id',
  'name',
  'tier',
  'organization',
  'township',
  'village',
  'lat',
  'lng',
  'capacity',
  'status',
  'expertise',
  'availability',
  'leave',
  'recusals',
] as const;
type Column = (typeof ROSTER_CSV_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['id', 'name', 'tier', 'organization', 'township', 'lat', 'lng', 'capacity', 'expertise'];

/** A roster row as raw input for MediatorSchema, and where each of its fields came from. */
export interface RosterRow {
  readonly raw: Record<string, unknown>;
  /** Where a field of `raw` is in the file, for error messages: `line 7: capacity`. */
  readonly where: (field: string) => string;
  /** The row itself: `line 7`, `mediators[3]`. */
  readonly label: string;
}

const splitLine = (line: string): string[] => line.split(',').map((c) => c.trim());
const list = (cell: string): string[] =>
  cell
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** A number cell kept as the number it says, or the text (the schema then says what is wrong). */
function numberCell(cell: string): unknown {
  return cell !== '' && Number.isFinite(Number(cell)) ? Number(cell) : cell;
}

type Parsed = { readonly value: unknown } | { readonly issue: string };

function expertiseCell(cell: string): Parsed {
  const out: Record<string, unknown> = {};
  for (const pair of list(cell)) {
    const [category, level, ...rest] = pair.split(':').map((s) => s.trim());
    if (!category || level === undefined || rest.length > 0) return { issue: `"${pair}" is not category:level` };
    if (!(CATEGORIES as readonly string[]).includes(category)) return { issue: `unknown category ${category}` };
    out[category] = numberCell(level);
  }
  return { value: out };
}

function availabilityCell(cell: string): Parsed {
  const slots: unknown[] = [];
  for (const s of list(cell)) {
    const m = /^([1-7])(am|pm)$/.exec(s);
    if (!m) return { issue: `"${s}" is not a weekday 1-7 then am or pm (e.g. 1am)` };
    slots.push({ weekday: Number(m[1]), half: m[2] });
  }
  return { value: slots };
}

function leaveCell(cell: string): Parsed {
  const periods: unknown[] = [];
  for (const p of list(cell)) {
    const [from, until, ...rest] = p.split('..');
    if (!from || !until || rest.length > 0) return { issue: `"${p}" is not FROM..UNTIL` };
    periods.push({ from, until });
  }
  return { value: periods };
}

function headerIndex(header: readonly string[]): Map<string, number> {
  const index = new Map(header.map((h, i) => [h, i]));
  const missing = REQUIRED.filter((c) => !index.has(c));
  const unknown = header.filter((h) => !(ROSTER_CSV_COLUMNS as readonly string[]).includes(h));
  const issues: FieldIssue[] = [
    ...missing.map((c) => ({ field: `line 1: ${c}`, reason: 'column missing from the header' })),
    ...unknown.map((c) => ({ field: `line 1: ${c || '(empty)'}`, reason: 'unknown column' })),
  ];
  if (issues.length > 0) throw new ValidationError(issues);
  return index;
}

/** The column a MediatorSchema field path comes from. */
function columnOf(path: string): string {
  const [head] = path.split('.');
  if (head === 'location') return path.endsWith('lng') ? 'lng' : 'lat';
  return head ?? path;
}

function rowOf(cells: readonly string[], index: Map<string, number>, line: number, issues: FieldIssue[]): RosterRow {
  const cell = (c: Column): string => cells[index.get(c) ?? -1] ?? '';
  const raw: Record<string, unknown> = {
    id: cell('id'),
    name: cell('name'),
    tier: cell('tier'),
    organization: cell('organization'),
    township: cell('township'),
    location: { lat: numberCell(cell('lat')), lng: numberCell(cell('lng')) },
    capacity: numberCell(cell('capacity')),
    recusals: list(cell('recusals')),
  };
  if (cell('village') !== '') raw.village = cell('village');
  if (cell('status') !== '') raw.status = cell('status');
  const cells3: readonly [Column, (c: string) => Parsed][] = [
    ['expertise', expertiseCell],
    ['availability', availabilityCell],
    ['leave', leaveCell],
  ];
  for (const [column, parse] of cells3) {
    const parsed = parse(cell(column));
    if ('issue' in parsed) issues.push({ field: `line ${line}: ${column}`, reason: parsed.issue });
    else raw[column] = parsed.value;
  }
  return { raw, where: (field) => `line ${line}: ${columnOf(field)}`, label: `line ${line}` };
}

/** Most rows of one roster file: far above a county's ~600 mediators. */
export const MAX_ROSTER_ROWS = 20_000;

/**
 * A roster CSV (a header row, then one mediator a row; blank lines and `#` comments skipped) →
 * rows to validate, or a ValidationError naming each malformed cell by line and column.
 */
export function parseRosterCsv(text: string): RosterRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const content = lines.map((l, i) => ({ text: l, line: i + 1 })).filter((l) => l.text.trim() !== '' && !l.text.startsWith('#'));
  const [header, ...rows] = content;
  if (!header) throw new ValidationError([{ field: 'line 1', reason: 'the file is empty: a header row is required' }]);
  if (rows.length > MAX_ROSTER_ROWS)
    throw new ValidationError([{ field: `line ${rows[MAX_ROSTER_ROWS]?.line ?? 0}`, reason: `at most ${MAX_ROSTER_ROWS} rows` }]);
  const index = headerIndex(splitLine(header.text));
  const issues: FieldIssue[] = [];
  const parsed = rows.map((r) => rowOf(splitLine(r.text), index, r.line, issues));
  if (issues.length > 0) throw new ValidationError(issues);
  return parsed;
}

/** A roster JSON (an array of mediators, or `{"mediators": [...]}`) → rows to validate. */
export function parseRosterJson(value: unknown): RosterRow[] {
  const items = Array.isArray(value) ? value : (value as { mediators?: unknown } | null)?.mediators;
  if (!Array.isArray(items))
    throw new ValidationError([{ field: '(root)', reason: 'expected an array of mediators or {"mediators": [...]}' }]);
  if (items.length > MAX_ROSTER_ROWS) throw new ValidationError([{ field: '(root)', reason: `at most ${MAX_ROSTER_ROWS} mediators` }]);
  const prefix = Array.isArray(value) ? '' : 'mediators';
  return items.map((raw, i) => ({
    raw: raw as Record<string, unknown>,
    where: (field) => `${prefix}[${i}]${field ? `.${field}` : ''}`,
    label: `${prefix}[${i}]`,
  }));
}
