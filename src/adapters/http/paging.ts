import { z } from 'zod';

/** Most items one page of a list may hold. */
export const PAGE_MAX = 1000;

/**
 * The paging part of every list route's query: `limit` items from `offset`. A reply carries
 * `total` and `nextOffset` (null on the last page), so a client pages with
 * `?offset=<nextOffset>` until it is null.
 */
export const PageQuery = z.strictObject({
  /** Items in this page. @defaultValue 100 */
  limit: z.coerce.number().int().min(1).max(PAGE_MAX).default(100),
  /** Items skipped: 0, or the previous page's `nextOffset`. @defaultValue 0 */
  offset: z.coerce.number().int().min(0).default(0),
});
export type Page = z.infer<typeof PageQuery>;

/** What every paged reply adds to its items. */
export const PageInfo = {
  /** Items matching the filters, on all pages. */
  total: z.number().int().min(0),
  /** The `offset` of the next page; null on the last one. */
  nextOffset: z.number().int().min(0).nullable(),
};

/** The offset of the page after the one at `offset` holding `count` of `total` items. */
export function nextOffset(page: Page, count: number, total: number): number | null {
  const next = page.offset + count;
  return count > 0 && next < total ? next : null;
}

/** One page of a list already in memory, in its given order. */
export function pageOf<T>(
  items: readonly T[],
  page: Page,
): { readonly items: T[]; readonly total: number; readonly nextOffset: number | null } {
  const slice = items.slice(page.offset, page.offset + page.limit);
  return { items: slice, total: items.length, nextOffset: nextOffset(page, slice.length, items.length) };
}
