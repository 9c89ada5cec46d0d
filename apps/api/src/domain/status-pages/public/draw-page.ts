import { pagePathsOf, subscribePath } from './page-paths.js';
import { renderAtom, renderJsonFeed } from './render-feeds.js';
import { renderPage } from './render-page.js';
import type { CachedPage, Representation } from './status-page-cache.js';

/** The four ways a page is served. */
export type PageFormat = 'html' | 'atom' | 'json-feed' | 'json';

export const CONTENT_TYPES: Record<PageFormat, string> = {
  html: 'text/html; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  'json-feed': 'application/feed+json; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** Where the request came in: links in the page and its feeds point back there. */
export interface Where {
  /**
   * What the feeds' absolute links start with: `https://<domain>` on a custom domain, else
   * MCPULSE_PUBLIC_URL, else the request's own `scheme://host[:port]` (the host guard allowed it).
   */
  origin: string;
  onCustomDomain: boolean;
  /** MCPULSE_PUBLIC_URL, where the API is, for links a custom domain cannot serve. */
  publicUrl: string | undefined;
}

/** A page in one format, drawn once per read of its facts and per address it is asked for on. */
export function drawPage(cached: CachedPage, format: PageFormat, where: Where): Representation {
  const { view } = cached.read;
  // Only the feeds name the origin (their links are absolute): keyed by it, they are drawn once per
  // origin (the cache keeps a few origins per page), while the HTML and the JSON only once.
  const feed = format === 'atom' || format === 'json-feed';
  const key = `${format} ${where.onCustomDomain} ${feed ? where.origin : ''}`;
  const draw = () => {
    const paths = pagePathsOf(view.slug, where.onCustomDomain);
    const context = {
      pageId: cached.page.id,
      pageUpdatedAt: cached.page.updatedAt,
      pageUrl: `${where.origin}${paths.page}`,
      atomUrl: `${where.origin}${paths.atom}`,
      jsonUrl: `${where.origin}${paths.json}`,
    };
    switch (format) {
      case 'html': {
        const api = where.onCustomDomain ? (where.publicUrl ?? null) : '';
        return renderPage(view, {
          ...paths,
          subscribe: `${api ?? ''}${subscribePath(view.slug)}`,
          docs: api === null ? null : `${api}/docs`,
        });
      }
      case 'atom':
        return renderAtom(view, context);
      case 'json-feed':
        return renderJsonFeed(view, context);
      case 'json':
        return JSON.stringify(view);
    }
  };
  return feed ? cached.drawn(key, draw, where.origin) : cached.drawn(key, draw);
}
