/**
 * Where a page and its feeds are: under `/status/<slug>` on the service's own hosts, at the root of
 * its custom domain, where nothing else is answered.
 */
export interface PagePaths {
  page: string;
  atom: string;
  json: string;
}

export function pagePathsOf(slug: string, onCustomDomain: boolean): PagePaths {
  const base = onCustomDomain ? '' : `/status/${encodeURIComponent(slug)}`;
  return { page: base === '' ? '/' : base, atom: `${base}/feed.atom`, json: `${base}/feed.json` };
}

/** The feeds' paths as the JSON answer names them: on the service's own hosts. */
export function feedPaths(slug: string): { atom: string; json: string } {
  const { atom, json } = pagePathsOf(slug, false);
  return { atom, json };
}

/** The path of the webhook subscription API of a page (docs/status-pages.md). */
export function subscribePath(slug: string): string {
  return `/api/v1/public/status-pages/${encodeURIComponent(slug)}/subscribers`;
}
