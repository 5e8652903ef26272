import { Component } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useLabels, type Labels } from '../labels';
import { useLocale, type LocaleState } from '../locale';
import { BASE, casePath } from '../paths';
import { formatDateTime, urgencyOf } from '../format';
import { deadlineStanding } from '../board/deadline';
import { BOARD_STATUSES, FILTER_NAMES, countByStatus, visibleRows, type BoardFilters, type BoardOrder, type CaseRow } from '../board/rows';
import { useBoard, type MediatorName } from '../board/use-board';
import { BoardFilterBar } from '../board/filter-bar';
import { useRowWindow } from '../board/use-row-window';
import '../board/board.css';

/** A row's height, px: fixed in board.css (`.board-table tbody tr`) so the rows drawn can be chosen by scroll position. */
const ROW_HEIGHT = 52;

/** Deadline words move on by themselves: the board redraws them this often. */
const CLOCK_MS = 60_000;

function useNow(every: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), every);
    return () => clearInterval(id);
  }, [every]);
  return now;
}

interface RowProps {
  readonly row: CaseRow;
  readonly now: number;
  readonly ui: LocaleState;
  readonly labels: Labels;
  readonly mediators: ReadonlyMap<string, MediatorName>;
  readonly townshipName: string;
}

const names = (ids: readonly string[], mediators: ReadonlyMap<string, MediatorName>, sep: string) =>
  ids.map((id) => mediators.get(id)?.name ?? id).join(sep);

/** Who has the case, or why nobody has it. */
function whoCell({ row, ui, labels, mediators }: RowProps) {
  const sep = ui.locale === 'en' ? ', ' : '、';
  if (row.mediatorIds.length > 0) {
    return (
      <>
        {names(row.mediatorIds, mediators, sep)}
        {row.assignedBy === 'dispatcher' && <span class="tag">{ui.t('pinnedMark')}</span>}
      </>
    );
  }
  if (row.proposal) return ui.t('proposedTo', { names: names(row.proposal.mediatorIds, mediators, sep) });
  if (row.unassignedReason)
    return <span class="reason">{ui.label(labels.unassignedReasons[row.unassignedReason], row.unassignedReason)}</span>;
  return <span class="muted">—</span>;
}

/** One case; drawn again only when its row, the minute, the language or the names change (2,000 rows stay cheap). */
class BoardRow extends Component<RowProps> {
  override shouldComponentUpdate(next: RowProps): boolean {
    const p = this.props;
    return (
      p.row !== next.row ||
      p.now !== next.now ||
      p.ui !== next.ui ||
      p.mediators !== next.mediators ||
      p.labels !== next.labels ||
      p.townshipName !== next.townshipName
    );
  }

  override render() {
    const { row, now, ui, labels, townshipName } = this.props;
    const { label, locale } = ui;
    const deadline = deadlineStanding(row.deadlineAt, now, locale);
    return (
      <tr
        data-case-id={row.id}
        data-status={row.status}
        data-urgency={deadline.urgency}
        class={deadline.standsOut ? `urgent ${deadline.urgency}` : undefined}
      >
        <td>
          <a href={casePath(row.id)}>{row.externalId}</a>
        </td>
        <td>
          <span class={`status status-${row.status}`}>{label(labels.statuses[row.status], row.status)}</span>
        </td>
        <td>{label(labels.channels[row.channel], row.channel)}</td>
        <td>{label(labels.classes[row.class], row.class)}</td>
        <td title={label(labels.categories[row.category], row.category)}>{label(labels.categories[row.category], row.category)}</td>
        <td>{townshipName}</td>
        <td title={row.mediatorIds.length > 0 ? names(row.mediatorIds, this.props.mediators, locale === 'en' ? ', ' : '、') : undefined}>
          {whoCell(this.props)}
        </td>
        <td class="nowrap">{formatDateTime(row.referredAt, locale)}</td>
        <td class="deadline">
          <span class="nowrap">{formatDateTime(row.deadlineAt, locale)}</span>
          <br />
          <span class="left">{deadline.words}</span>
        </td>
      </tr>
    );
  }
}

function filtersOf(q: Readonly<Record<string, string>>): BoardFilters {
  const f: Record<string, string> = {};
  for (const name of FILTER_NAMES) if (q[name]) f[name] = q[name];
  return f;
}

/** 派单台: every open case of the county, live, with filters, counts per status and deadlines that stand out. */
export function Board() {
  const ui = useLocale();
  const { t, label } = ui;
  const labels = useLabels();
  const board = useBoard();
  const { query, route } = useLocation();
  const filters = useMemo(() => filtersOf(query), [query]);
  const [order, setOrder] = useState<BoardOrder>('newest');
  const now = useNow(CLOCK_MS);

  // Filters live in the address, so going back from a case returns to the same board.
  const setFilters = (patch: BoardFilters) => {
    const next = new URLSearchParams();
    for (const n of FILTER_NAMES) {
      const v = n in patch ? patch[n] : filters[n];
      if (v) next.set(n, v);
    }
    const qs = next.toString();
    // Always the board's own address with its slash: /console without it is redirected, query and all lost.
    route(qs ? `${BASE}/?${qs}` : `${BASE}/`, true);
  };

  const counts = useMemo(() => countByStatus(board.rows.values(), filters), [board.rows, filters]);
  const visible = useMemo(() => visibleRows(board.rows.values(), filters, order), [board.rows, filters, order]);
  const townshipNames = useMemo(() => new Map(board.townships.map((tw) => [tw.id, label(tw.name, tw.id)])), [board.townships, label]);
  const standing = useMemo(() => visible.filter((r) => urgencyOf(r.deadlineAt, now) !== 'calm').length, [visible, now]);
  const openTotal = Object.values(counts).reduce((a, n) => a + n, 0);
  const body = useRef<HTMLTableSectionElement>(null);
  const win = useRowWindow(body, visible.length, { rowHeight: ROW_HEIGHT });

  return (
    <section data-page="board" data-ready={board.ready ? 'true' : undefined} class="board">
      <div class="board-head">
        <h1>{t('navBoard')}</h1>
        <span data-testid="live" class={board.live ? 'live on' : 'live off'} role="status">
          {board.live ? t('live') : t('offline')}
        </span>
      </div>
      {board.error && (
        <p role="alert" class="error">
          {t('errorGeneric', { message: board.error })}
        </p>
      )}
      <div class="counts" role="group" aria-label={t('countsLabel')}>
        <button type="button" class="count" aria-pressed={!filters.status} onClick={() => setFilters({ status: '' })}>
          <span class="count-label">{t('countAll')}</span>
          <span class="count-n">{openTotal}</span>
        </button>
        {BOARD_STATUSES.map((s) => (
          <button
            type="button"
            key={s}
            class={`count count-${s}`}
            aria-pressed={filters.status === s}
            onClick={() => setFilters({ status: filters.status === s ? '' : s })}
          >
            <span class="count-label">{label(labels.statuses[s], s)}</span>
            <span class="count-n" data-count-status={s}>
              {counts[s] ?? 0}
            </span>
          </button>
        ))}
      </div>
      <BoardFilterBar filters={filters} setFilters={setFilters} order={order} setOrder={setOrder} board={board} />
      <p class="muted summary">
        {t('shownOf', { shown: visible.length, total: board.rows.size })}
        {standing > 0 && <strong class="standing"> · {t('deadlineSoon', { count: standing })}</strong>}
      </p>
      <table class="board-table">
        <colgroup>
          {['case', 'status', 'channel', 'class', 'category', 'township', 'mediator', 'referred', 'deadline'].map((c) => (
            <col key={c} class={`c-${c}`} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th scope="col">{t('colCase')}</th>
            <th scope="col">{t('colStatus')}</th>
            <th scope="col">{t('colChannel')}</th>
            <th scope="col">{t('colClass')}</th>
            <th scope="col">{t('colCategory')}</th>
            <th scope="col">{t('colTownship')}</th>
            <th scope="col">{t('colMediator')}</th>
            <th scope="col">{t('colReferredAt')}</th>
            <th scope="col">{t('colDeadline')}</th>
          </tr>
        </thead>
        <tbody ref={body}>
          {win.start > 0 && (
            <tr aria-hidden="true" class="spacer">
              <td colSpan={9} style={{ height: `${win.start * ROW_HEIGHT}px` }} />
            </tr>
          )}
          {visible.slice(win.start, win.end).map((row) => (
            <BoardRow
              key={row.id}
              row={row}
              now={now}
              ui={ui}
              labels={labels}
              mediators={board.mediators}
              townshipName={townshipNames.get(row.township) ?? row.township}
            />
          ))}
          {win.end < visible.length && (
            <tr aria-hidden="true" class="spacer">
              <td colSpan={9} style={{ height: `${(visible.length - win.end) * ROW_HEIGHT}px` }} />
            </tr>
          )}
        </tbody>
      </table>
      {board.ready && visible.length === 0 && <p class="muted">{t('noRows')}</p>}
    </section>
  );
}
