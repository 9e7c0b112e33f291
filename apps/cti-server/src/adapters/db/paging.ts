import type { PageRequest, PageResult } from '../../store/Store.js';

/**
 * Runs a page query and its count side by side. The two reads are not one
 * snapshot: under concurrent writes `total` may be off by the rows written
 * in between, which is fine for paging an admin list.
 */
export async function paged<T>(page: PageRequest, rows: (limit: number, offset: number) => Promise<T[]>, count: () => Promise<number>): Promise<PageResult<T>> {
  const [items, total] = await Promise.all([rows(page.limit, page.offset), count()]);
  return { items, total };
}

/** "a, b and 3 more": names in an error message, bounded so a big list stays readable. */
export function nameList(names: readonly string[], max = 5): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}
