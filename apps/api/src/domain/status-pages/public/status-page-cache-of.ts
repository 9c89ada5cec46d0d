import { publicStatusPageByDomain, publicStatusPageBySlug } from '@mcpulse/db';
import type { AppOptions } from '../../../app-options.js';
import { readPageView } from './page-view.js';
import { StatusPageCache } from './status-page-cache.js';

/** One status page cache per app: the public routes read through it, the owner's routes `forget` pages in it. */
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
  }
  return cache;
}
