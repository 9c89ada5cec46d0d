import { describe, expect, it } from 'vitest';
import { type OlderPages, olderPagesAfter, withOlderPage } from '../../src/lib/older-pages.js';

const empty: OlderPages<number> = { items: [], cursor: null, after: null };

describe('older pages', () => {
  it('start at the first page’s cursor, append each page, and stop at the last', () => {
    let state = olderPagesAfter(empty, 'c1');
    expect(state).toEqual({ items: [], cursor: 'c1', after: 'c1' });
    state = withOlderPage(state, { items: [3, 4], nextCursor: 'c2' });
    state = withOlderPage(olderPagesAfter(state, 'c1'), { items: [5], nextCursor: null });
    expect(olderPagesAfter(state, 'c1')).toEqual({ items: [3, 4, 5], cursor: null, after: 'c1' });
  });

  it('start over when the first page reloads with another cursor', () => {
    const loaded = withOlderPage(olderPagesAfter(empty, 'c1'), { items: [3], nextCursor: 'c2' });
    expect(olderPagesAfter(loaded, 'c9')).toEqual({ items: [], cursor: 'c9', after: 'c9' });
    expect(olderPagesAfter(loaded, null)).toEqual({ items: [], cursor: null, after: null });
  });
});
