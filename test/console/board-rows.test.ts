import { deadlineStanding } from '../../console/src/board/deadline';
import { rowWindow } from '../../console/src/board/row-window';
import {
  BOARD_STATUSES,
  countByStatus,
  isOnBoard,
  matches,
  mergeRows,
  reconcileRows,
  visibleRows,
  type CaseRow,
} from '../../console/src/board/rows';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-12-06T04:00:00Z');

let n = 0;
function row(over: Partial<CaseRow> = {}): CaseRow {
  n += 1;
  return {
    id: `c${n}`,
    externalId: `x${n}`,
    status: 'assigned',
    channel: 'court',
    category: 'neighbour',
    class: 'ordinary',
    classSource: 'given',
    township: 't01',
    village: 'v01',
    referredAt: new Date(NOW - n * HOUR).toISOString(),
    deadlineAt: new Date(NOW + n * 24 * HOUR).toISOString(),
    parties: 2,
    mediatorIds: ['m1'],
    assignedBy: 'optimizer',
    assignedAt: new Date(NOW).toISOString(),
    ...over,
  };
}

describe('board filters and counts', () => {
  const rows = [
    row({ status: 'referred', mediatorIds: [], assignedBy: null }),
    row({ status: 'unassigned', mediatorIds: [], assignedBy: null, unassignedReason: 'capacity', township: 't02' }),
    row({ status: 'assigned', channel: 'police', mediatorIds: ['m2'] }),
    row({ status: 'assigned', class: 'major', mediatorIds: ['m1', 'm3'] }),
    row({
      status: 'proposed',
      mediatorIds: [],
      assignedBy: null,
      proposal: { mediatorIds: ['m3'], expiresAt: new Date(NOW).toISOString() },
    }),
  ];

  test('when every filter is set, then a row shows only if it passes all of them', () => {
    expect(rows.filter((r) => matches(r, { status: 'assigned', channel: 'court' })).map((r) => r.id)).toEqual([rows[3]!.id]);
    expect(rows.filter((r) => matches(r, { township: 't02' }))).toEqual([rows[1]]);
    expect(rows.filter((r) => matches(r, { class: 'major' }))).toEqual([rows[3]]);
  });

  test('when filtered by mediator, then any seat counts, and so does a proposal naming them', () => {
    expect(rows.filter((r) => matches(r, { mediator: 'm3' })).map((r) => r.id)).toEqual([rows[3]!.id, rows[4]!.id]);
  });

  test('when counted, then each status counts the rows passing the other filters, and the status filter is ignored', () => {
    const counts = countByStatus(rows, { status: 'referred', channel: 'court' });
    expect(counts).toMatchObject({ referred: 1, unassigned: 1, assigned: 1, proposed: 1, mediating: 0 });
    expect(Object.keys(counts)).toEqual([...BOARD_STATUSES]);
    expect(Object.values(countByStatus(rows, {})).reduce((a, b) => a + b, 0)).toBe(rows.length);
  });

  test('when ordered newest first or by deadline, then by referral descending or deadline ascending', () => {
    const newest = visibleRows(rows, {}, 'newest').map((r) => r.referredAt);
    expect(newest).toEqual([...newest].sort().reverse());
    const byDeadline = visibleRows(rows, {}, 'deadline').map((r) => r.deadlineAt);
    expect(byDeadline).toEqual([...byDeadline].sort());
  });
});

describe('board updates from events', () => {
  const a = row();
  const b = row({ status: 'referred', mediatorIds: [], assignedBy: null });
  const board = new Map([
    [a.id, a],
    [b.id, b],
  ]);

  test('when a refetched case got a mediator, then its row is replaced; a new one is added', () => {
    const assigned = { ...b, status: 'assigned', mediatorIds: ['m9'], assignedBy: 'optimizer' as const };
    const fresh = row({ status: 'referred' });
    const next = mergeRows(board, [b.id, fresh.id], [assigned, fresh]);
    expect(next.get(b.id)?.mediatorIds).toEqual(['m9']);
    expect(next.get(fresh.id)).toBe(fresh);
    expect(next.get(a.id)).toBe(a);
  });

  test('when an asked case comes back closed or not at all, then it leaves the board', () => {
    expect(mergeRows(board, [a.id], []).has(a.id)).toBe(false);
    expect(mergeRows(board, [a.id], [{ ...a, status: 'settled' }]).has(a.id)).toBe(false);
    expect(isOnBoard({ status: 'withdrawn' })).toBe(false);
  });

  test('when a refetch brings the same rows, then the board is the same object (nothing redraws)', () => {
    expect(mergeRows(board, [a.id], [{ ...a, mediatorIds: [...a.mediatorIds] }])).toBe(board);
    const again = reconcileRows(board, [{ ...a }, { ...b }]);
    expect(again.get(a.id)).toBe(a);
    expect(again.get(b.id)).toBe(b);
  });
});

describe('deadline standing', () => {
  const at = (h: number) => new Date(NOW + h * HOUR).toISOString();

  test('when past, then overdue with the days and hours overdue in words', () => {
    expect(deadlineStanding(at(-50), NOW, 'zh-CN')).toEqual({ urgency: 'overdue', words: '已超期2天2小时', standsOut: true });
  });

  test('when within three days, then it stands out with the time left; later, it does not', () => {
    expect(deadlineStanding(at(5), NOW, 'zh-CN')).toEqual({ urgency: 'due_today', words: '还剩5小时', standsOut: true });
    expect(deadlineStanding(at(49), NOW, 'en')).toMatchObject({ urgency: 'due_soon', standsOut: true, words: '2 d 1 h left' });
    expect(deadlineStanding(at(24 * 5), NOW, 'zh-CN')).toMatchObject({ urgency: 'calm', standsOut: false, words: '还剩5天' });
  });
});

describe('which rows a long board draws', () => {
  const o = { rowHeight: 50, overscan: 10, threshold: 300 };

  test('when the board is short, then every row is drawn wherever the page is scrolled', () => {
    expect(rowWindow(300, 5000, 900, o)).toEqual({ start: 0, end: 300 });
  });

  test('when the rows start below the view top, then the first rows and the margin are drawn', () => {
    expect(rowWindow(2000, -300, 900, o)).toEqual({ start: 0, end: 28 });
  });

  test('when scrolled into the middle, then the rows in view and the margin either side', () => {
    expect(rowWindow(2000, 50_000, 900, o)).toEqual({ start: 990, end: 1028 });
  });

  test('when scrolled past the end, then the window stops at the last row', () => {
    expect(rowWindow(2000, 200_000, 900, o)).toEqual({ start: 2000, end: 2000 });
    expect(rowWindow(2000, 99_500, 900, o)).toEqual({ start: 1980, end: 2000 });
  });
});
