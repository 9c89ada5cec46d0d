import { publicStatusPageByDomain, publicStatusPageBySlug } from '@mcpulse/db';
import type { AppOptions } from '../../../app-options.js';
import { onStatusPagesChanged } from '../page-changes.js';
import { readPageView } from './page-view.js';
import { StatusPageCache } from './status-page-cache.js';

/** One status page cache per app: the public routes read through it; the owner's changes drop pages from it. */
const caches = new WeakMap<AppOptions, StatusPageCache>();

export function statusPageCacheOf(options: AppOptions, now: () => Date): StatusPageCache {
  let cache = caches.get(options);
  if (!cache) {
    cache = new StatusPageCache(
      {
        pageBySlug: (slug) => publicStatusPageBySlug(options.db, slug),
        pageByDomain: (host) => publicStatusPageByDomain(options.db, host),
        read: (page) => readPageView(options.db, page, now()),
      },
      () => now().getTime(),
    );
    caches.set(options, cache);
    const kept = cache;
    // The owner's routes say which pages changed (an edit, a deletion, a posted update): dropped at once.
    onStatusPagesChanged(options, (pageIds) => {
      for (const pageId of pageIds) kept.forget(pageId);
    });
  }
  return cache;
}
