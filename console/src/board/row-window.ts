/**
 * Which rows of a long table to draw: those in view and a margin around them. Below `threshold`
 * rows every row is drawn (a small board behaves like a plain table); above it, a county's 2,000
 * open cases cost the browser the layout of some sixty rows instead of all of them. Pure.
 */

export interface RowWindowOptions {
  /** Height of one row, px (the board's CSS fixes it). */
  readonly rowHeight: number;
  /** Rows drawn beyond the view on each side. @defaultValue 20 */
  readonly overscan?: number;
  /** Up to this many rows, all are drawn. @defaultValue 300 */
  readonly threshold?: number;
}

export interface RowWindow {
  /** First row drawn. */
  readonly start: number;
  /** One past the last row drawn. */
  readonly end: number;
}

/**
 * @param count rows in the table
 * @param offset how far the top of the rows is above the top of the view, px (negative: below it)
 * @param viewHeight height of the view, px
 */
export function rowWindow(count: number, offset: number, viewHeight: number, o: RowWindowOptions): RowWindow {
  const { rowHeight, overscan = 20, threshold = 300 } = o;
  if (count <= threshold) return { start: 0, end: count };
  const first = Math.floor(Math.max(0, offset) / rowHeight);
  const last = Math.ceil((Math.max(0, offset) + viewHeight) / rowHeight);
  const start = Math.min(count, Math.max(0, first - overscan));
  const end = Math.min(count, Math.max(start, last + overscan));
  return { start, end };
}
