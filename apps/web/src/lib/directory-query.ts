import type { DirectoryListQuery } from '@mcpulse/contract';
import {
  DIRECTORY_AUTH_REQUIREMENTS,
  DIRECTORY_LIST_SORTS,
  type DirectoryListSort,
  MONITOR_DISPLAY_STATUSES,
  PROBE_ERROR_CODES,
  PROTOCOL_ERAS,
} from '@mcpulse/core/domain';

export const DIRECTORY_PAGE_SIZE = 50;

/** The list's search, filters, sort and page, as the address bar keeps them (so a view can be shared). */
export interface DirectoryView {
  q: string;
  state: string;
  era: string;
  auth: string;
  errorCode: string;
  sort: DirectoryListSort;
  order: 'asc' | 'desc';
  page: number;
}

export const DEFAULT_VIEW: DirectoryView = {
  q: '',
  state: '',
  era: '',
  auth: '',
  errorCode: '',
  sort: 'name',
  order: 'asc',
  page: 1,
};

const ALLOWED: Record<'state' | 'era' | 'auth' | 'errorCode', readonly string[]> = {
  state: MONITOR_DISPLAY_STATUSES,
  era: [...PROTOCOL_ERAS, 'none'],
  auth: DIRECTORY_AUTH_REQUIREMENTS,
  errorCode: [...PROBE_ERROR_CODES, 'none'],
};

/** Reads a view from `?…`; anything unknown falls back to the default rather than failing the page. */
export function viewFromSearch(search: string): DirectoryView {
  const params = new URLSearchParams(search);
  const pick = (key: keyof typeof ALLOWED) => {
    const value = params.get(key) ?? '';
    return ALLOWED[key].includes(value) ? value : '';
  };
  const sort = params.get('sort') ?? '';
  const page = Number(params.get('page'));
  return {
    q: (params.get('q') ?? '').slice(0, 200),
    state: pick('state'),
    era: pick('era'),
    auth: pick('auth'),
    errorCode: pick('errorCode'),
    sort: (DIRECTORY_LIST_SORTS as readonly string[]).includes(sort) ? (sort as DirectoryListSort) : 'name',
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

/** The view as `?…`, leaving defaults out; empty for the default view. */
export function searchOfView(view: DirectoryView): string {
  const params = new URLSearchParams();
  for (const key of ['q', 'state', 'era', 'auth', 'errorCode', 'sort', 'order'] as const) {
    if (view[key] !== DEFAULT_VIEW[key]) params.set(key, String(view[key]));
  }
  if (view.page !== 1) params.set('page', String(view.page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The API query for a view. */
export function queryOfView(view: DirectoryView): DirectoryListQuery {
  const query: DirectoryListQuery = {
    sort: view.sort,
    order: view.order,
    page: view.page,
    limit: DIRECTORY_PAGE_SIZE,
  };
  if (view.q.trim()) query.q = view.q.trim();
  if (view.state) query.state = view.state as DirectoryListQuery['state'];
  if (view.era) query.era = view.era as DirectoryListQuery['era'];
  if (view.auth) query.auth = view.auth as DirectoryListQuery['auth'];
  if (view.errorCode) query.errorCode = view.errorCode as DirectoryListQuery['errorCode'];
  return query;
}

/** A column header's click: the same column flips its order, another starts ascending; back to page 1. */
export function sortBy(view: DirectoryView, sort: DirectoryListSort): DirectoryView {
  const order = view.sort === sort && view.order === 'asc' ? 'desc' : 'asc';
  return { ...view, sort, order, page: 1 };
}

/** Only http(s) links are followed: a registry may send `javascript:` or worse as a website. */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}
