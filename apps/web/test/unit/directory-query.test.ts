import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VIEW,
  queryOfView,
  safeHref,
  searchOfView,
  sortBy,
  viewFromSearch,
} from '../../src/lib/directory-query.js';

describe('directory view in the address bar', () => {
  it('round-trips a view and leaves defaults out', () => {
    const view = {
      ...DEFAULT_VIEW,
      q: 'weather & co',
      state: 'down',
      era: 'none',
      sort: 'uptime' as const,
      order: 'desc' as const,
      page: 3,
    };
    expect(viewFromSearch(searchOfView(view))).toEqual(view);
    expect(searchOfView(DEFAULT_VIEW)).toBe('');
  });

  it('falls back to defaults for values the API would refuse', () => {
    expect(viewFromSearch('?state=sideways&sort=random&order=up&page=0&errorCode=%3Cscript%3E')).toEqual(
      DEFAULT_VIEW,
    );
    expect(viewFromSearch(`?q=${'x'.repeat(500)}`).q).toHaveLength(200);
  });

  it('turns a view into the API query, without empty filters', () => {
    expect(queryOfView({ ...DEFAULT_VIEW, q: '  ', auth: 'secret_header' })).toEqual({
      sort: 'name',
      order: 'asc',
      page: 1,
      limit: 50,
      auth: 'secret_header',
    });
  });

  it('flips the order on the same column and restarts on page 1', () => {
    const once = sortBy({ ...DEFAULT_VIEW, page: 4 }, 'p95');
    expect(once).toMatchObject({ sort: 'p95', order: 'asc', page: 1 });
    expect(sortBy(once, 'p95').order).toBe('desc');
    expect(sortBy(sortBy(once, 'p95'), 'p95').order).toBe('asc');
  });

  it('follows only http(s) links', () => {
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,<b>')).toBeNull();
    expect(safeHref('not a url')).toBeNull();
    expect(safeHref('https://example.com/x')).toBe('https://example.com/x');
  });
});
