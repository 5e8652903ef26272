/**
 * The board's rows as data: what GET /v1/cases/rows answers, the filters a dispatcher sets, the
 * counts per status and the order. Pure (no DOM, no JSX) so it is unit-tested in node.
 */

/** One open case as GET /v1/cases/rows answers it. */
export interface CaseRow {
  readonly id: string;
  readonly externalId: string;
  readonly status: string;
  readonly channel: string;
  readonly category: string;
  readonly class: string;
  readonly classSource: 'given' | 'suggested';
  readonly township: string;
  readonly village: string;
  readonly referredAt: string;
  readonly deadlineAt: string;
  readonly parties: number;
  readonly mediatorIds: readonly string[];
  readonly assignedBy: 'optimizer' | 'dispatcher' | null;
  readonly assignedAt: string | null;
  readonly unassignedReason?: string;
  readonly proposal?: { readonly mediatorIds: readonly string[]; readonly expiresAt: string };
}

/** The board's filters; an empty string or absent key means "all". */
export interface BoardFilters {
  readonly status?: string;
  readonly channel?: string;
  readonly class?: string;
  readonly township?: string;
  readonly mediator?: string;
}

export const FILTER_NAMES = ['status', 'channel', 'class', 'township', 'mediator'] as const;

/**
 * The open statuses in the order a dispatcher works through them: waiting for a decision first,
 * then with a mediator. Closed cases (settled, returned to court, withdrawn) leave the board.
 */
export const BOARD_STATUSES = [
  'referred',
  'unassigned',
  'held',
  'proposed',
  'awaiting_consent',
  'assigned',
  'declined',
  'accepted',
  'session_scheduled',
  'mediating',
  'attempt_failed',
] as const;

const OPEN: ReadonlySet<string> = new Set(BOARD_STATUSES);

/** True when the row belongs on the board (an open case). */
export const isOnBoard = (row: Pick<CaseRow, 'status'>): boolean => OPEN.has(row.status);

/** True when the row passes every filter set; `ignoreStatus` for the counts, which are per status. */
export function matches(row: CaseRow, f: BoardFilters, ignoreStatus = false): boolean {
  return (
    (ignoreStatus || !f.status || row.status === f.status) &&
    (!f.channel || row.channel === f.channel) &&
    (!f.class || row.class === f.class) &&
    (!f.township || row.township === f.township) &&
    (!f.mediator || row.mediatorIds.includes(f.mediator) || (row.proposal?.mediatorIds.includes(f.mediator) ?? false))
  );
}

/** How many rows per status pass the other filters: each status's count is what choosing it would show. */
export function countByStatus(rows: Iterable<CaseRow>, f: BoardFilters): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(BOARD_STATUSES.map((s) => [s, 0]));
  for (const row of rows) if (matches(row, f, true)) counts[row.status] = (counts[row.status] ?? 0) + 1;
  return counts;
}

export type BoardOrder = 'newest' | 'deadline';

/** The rows passing the filters: newest referral first, or the nearest deadline first. */
export function visibleRows(rows: Iterable<CaseRow>, f: BoardFilters, order: BoardOrder): CaseRow[] {
  const out: CaseRow[] = [];
  for (const row of rows) if (matches(row, f)) out.push(row);
  // ISO instants in UTC compare as strings; the id breaks ties so the order is stable between renders.
  const key = order === 'newest' ? (r: CaseRow) => r.referredAt : (r: CaseRow) => r.deadlineAt;
  const sign = order === 'newest' ? -1 : 1;
  return out.sort((a, b) => sign * (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) || (a.id < b.id ? -1 : 1));
}

/**
 * The board after refetching the cases events named: fetched open rows replace theirs, and an asked
 * id that came back closed or not at all (closed, archived) leaves the board. Returns the same map
 * when nothing changed, so the page does not render for nothing.
 */
export function mergeRows(
  board: ReadonlyMap<string, CaseRow>,
  asked: readonly string[],
  fetched: readonly CaseRow[],
): ReadonlyMap<string, CaseRow> {
  const next = new Map(board);
  let changed = false;
  const back = new Set<string>();
  for (const row of fetched) {
    back.add(row.id);
    if (isOnBoard(row)) {
      if (!sameRow(board.get(row.id), row)) {
        next.set(row.id, row);
        changed = true;
      }
    } else if (next.delete(row.id)) changed = true;
  }
  for (const id of asked) if (!back.has(id) && next.delete(id)) changed = true;
  return changed ? next : board;
}

/** Field by field (arrays by their items): a refetch that brings the same row is no change. */
export function sameRow(a: CaseRow | undefined, b: CaseRow): boolean {
  if (!a) return false;
  for (const k of Object.keys(b) as (keyof CaseRow)[]) {
    if (k === 'mediatorIds' || k === 'proposal') continue;
    if (a[k] !== b[k]) return false;
  }
  return (
    Object.keys(a).length === Object.keys(b).length &&
    a.mediatorIds.join() === b.mediatorIds.join() &&
    a.proposal?.expiresAt === b.proposal?.expiresAt &&
    a.proposal?.mediatorIds.join() === b.proposal?.mediatorIds.join()
  );
}

/**
 * The board after reading every open case again: the fresh rows, keeping the old object where a row
 * did not change so that row is not drawn again.
 */
export function reconcileRows(board: ReadonlyMap<string, CaseRow>, fresh: readonly CaseRow[]): ReadonlyMap<string, CaseRow> {
  const next = new Map<string, CaseRow>();
  for (const row of fresh) {
    const old = board.get(row.id);
    next.set(row.id, old && sameRow(old, row) ? old : row);
  }
  return next;
}
