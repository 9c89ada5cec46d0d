/**
 * Pages loaded after a first page that reloads on its own: `after` is the
 * first page's cursor they continue from. When the first page reloads with
 * another cursor, the older pages belong to a list that no longer is, and
 * start over.
 */
export interface OlderPages<T> {
  items: T[];
  /** Where the next older page starts; null once the oldest was loaded. */
  cursor: string | null;
  after: string | null;
}

export function olderPagesAfter<T>(state: OlderPages<T>, firstCursor: string | null): OlderPages<T> {
  return state.after === firstCursor ? state : { items: [], cursor: firstCursor, after: firstCursor };
}

export function withOlderPage<T>(
  state: OlderPages<T>,
  page: { items: T[]; nextCursor: string | null },
): OlderPages<T> {
  return { items: [...state.items, ...page.items], cursor: page.nextCursor, after: state.after };
}
