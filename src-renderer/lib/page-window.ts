// Which server pages a window of rows needs, and which cached pages to drop when the cache is full.
// Pure so the paging rules of the inventory grid can be unit-tested without a DOM.

export const INVENTORY_PAGE_SIZE = 200;
export const MAX_CACHED_PAGES = 60;

/**
 * Page indexes covering rows [firstRow, lastRow] (inclusive), clipped to the known total. A window
 * that starts at the top always includes page 0, even when the last known total was 0: that page is
 * how the grid learns that rows have appeared.
 */
export function pagesForRows(firstRow: number, lastRow: number, total: number | null, pageSize = INVENTORY_PAGE_SIZE): number[] {
  if (lastRow < firstRow) return [];
  const last = total === null ? lastRow : Math.min(lastRow, total - 1);
  const first = Math.max(0, firstRow);
  if (last < first) return first === 0 ? [0] : [];
  const pages: number[] = [];
  for (let page = Math.floor(first / pageSize); page <= Math.floor(last / pageSize); page += 1) pages.push(page);
  return pages;
}

/** Cached pages to evict so that at most `max` remain, farthest from the page being viewed first. */
export function pagesToEvict(cached: readonly number[], focusPage: number, max = MAX_CACHED_PAGES): number[] {
  if (cached.length <= max) return [];
  const byDistance = [...cached].sort((a, b) => Math.abs(b - focusPage) - Math.abs(a - focusPage));
  return byDistance.slice(0, cached.length - max);
}
