/**
 * Keyset paging state. The server only knows "the page after cursor X", so "previous" is
 * served from the stack of cursors already visited.
 *
 * @example
 * let p = initialPager();
 * p = nextPage(p, 'c2');   // fetch with cursor 'c2'
 * p = prevPage(p);         // back to the first page (cursor null)
 */

/** Pager state: the cursor of each visited page, the current one last. */
export interface Pager {
  cursors: (string | null)[];
}

/** The first page. */
export function initialPager(): Pager {
  return { cursors: [null] };
}

/** The cursor to fetch the current page with. */
export function currentCursor(p: Pager): string | null {
  return p.cursors[p.cursors.length - 1] ?? null;
}

/** Goes to the page after the current one (its `next_cursor`). */
export function nextPage(p: Pager, nextCursor: string): Pager {
  return { cursors: [...p.cursors, nextCursor] };
}

/** Goes back one page (no-op on the first). */
export function prevPage(p: Pager): Pager {
  return p.cursors.length > 1 ? { cursors: p.cursors.slice(0, -1) } : p;
}

/** 1-based number of the current page. */
export function pageNumber(p: Pager): number {
  return p.cursors.length;
}
