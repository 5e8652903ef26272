/**
 * What the console benchmark runs inside the page (as an init script, before the console's own
 * code): a MutationObserver that notes, on the page's clock (epoch ms, performance.timeOrigin +
 * performance.now()), when the board first shows rows and when each watched case's row appears
 * and turns `assigned`. Plain JavaScript in a string: it runs in the browser, not in Node.
 */
export const BOARD_WATCH_SCRIPT = `(() => {
  const w = window;
  const now = () => performance.timeOrigin + performance.now();
  w.__tj = { boardReadyMs: undefined, rowsAtReady: 0, watch: new Set(), shown: {}, assigned: {} };
  const check = () => {
    const tj = w.__tj;
    if (tj.boardReadyMs === undefined) {
      const ready = document.querySelector('section[data-page="board"][data-ready="true"]');
      if (ready && ready.querySelector('tr[data-case-id]')) {
        tj.boardReadyMs = performance.now();
        tj.rowsAtReady = ready.querySelectorAll('tr[data-case-id]').length;
      }
    }
    for (const id of tj.watch) {
      const row = document.querySelector('tr[data-case-id="' + id + '"]');
      if (!row) continue;
      if (tj.shown[id] === undefined) tj.shown[id] = now();
      if (tj.assigned[id] === undefined && row.getAttribute('data-status') === 'assigned') tj.assigned[id] = now();
      if (tj.assigned[id] !== undefined) tj.watch.delete(id);
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready', 'data-status'] });
})();`;

/** The page's notes, read back with page.evaluate. */
export interface BoardNotes {
  /** ms from navigation start to the board ready with rows. */
  readonly boardReadyMs?: number;
  readonly rowsAtReady: number;
  /** ms from navigation start to the last API answer (events stream aside) seen so far: the data's share of the render. */
  readonly apiDoneMs?: number;
  /** Each API answer so far: its path and when it started and ended (ms from navigation start). */
  readonly apiCalls: readonly { readonly path: string; readonly startMs: number; readonly endMs: number }[];
  /** case id → epoch ms its row appeared / showed `assigned`. */
  readonly shown: Readonly<Record<string, number>>;
  readonly assigned: Readonly<Record<string, number>>;
}

/** Reads the notes (evaluated in the page). */
export const READ_NOTES = `(() => {
  const t = window.__tj;
  const api = performance.getEntriesByType('resource').filter((e) => e.name.includes('/v1/') && !e.name.includes('/v1/events') && e.responseEnd > 0);
  const apiDoneMs = api.length ? Math.max(...api.map((e) => e.responseEnd)) : undefined;
  const apiCalls = api.map((e) => ({ path: new URL(e.name).pathname + new URL(e.name).search, startMs: e.startTime, endMs: e.responseEnd }));
  return { boardReadyMs: t.boardReadyMs, rowsAtReady: t.rowsAtReady, apiDoneMs, apiCalls, shown: t.shown, assigned: t.assigned };
})()`;

/** Adds case ids to watch for (evaluated in the page). */
export const watchCases = (ids: readonly string[]): string =>
  `(() => { for (const id of ${JSON.stringify(ids)}) window.__tj.watch.add(id); })()`;
