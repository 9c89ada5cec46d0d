import { gzipSync } from 'node:zlib';
import type { PublicStatusPage } from '@mcpulse/db';
import { etagOf } from '../../../entity-tags.js';
import { LruMap } from '../../../lru-map.js';
import type { ReadPage } from './page-view.js';

/**
 * A body ready to send, as is and gzipped, each with the validator of exactly its bytes: a page of
 * 20 monitors is some 200 kB of HTML, mostly its bars, and a tenth of that gzipped; compressing
 * once per read rather than once per answer is what keeps a busy page cheap.
 */
export interface Representation {
  body: Buffer;
  etag: string;
  gzip: Buffer;
  gzipEtag: string;
}

export interface StatusPageCacheSettings {
  /** Pages kept, with whatever of each was drawn; past it the least recently asked for is dropped. */
  maxPages: number;
  /**
   * "No such page" answers kept (unknown slugs and domains), in an LRU of their own: a flood of
   * unknown slugs pushes out only other unknown slugs, never a real page.
   */
  maxMisses: number;
  /** Custom domains whose page is kept. */
  maxDomains: number;
  /** How long "no such page" (a slug or domain) is believed. */
  missTtlMs: number;
  /** Drawings kept per page (its HTML, JSON, and feeds per origin asked for), least recently used dropped first. */
  maxDrawingsPerPage: number;
  /**
   * Bytes of drawings (as is and gzipped) kept across all pages: past it, whole pages are dropped,
   * least recently asked for first, so a few pages of 100 monitors cannot hold hundreds of MB.
   */
  maxDrawnBytes: number;
  /**
   * Origins a page's feeds are kept drawn for (their links are absolute): a feed asked for on yet
   * another origin is drawn for that answer alone, so Host headers cannot multiply what is kept.
   */
  maxOriginsPerPage: number;
}

export const STATUS_PAGE_CACHE_DEFAULTS: StatusPageCacheSettings = {
  maxPages: 500,
  maxMisses: 1_000,
  maxDomains: 1_000,
  missTtlMs: 30_000,
  maxDrawingsPerPage: 16,
  maxDrawnBytes: 64 * 1024 * 1024,
  maxOriginsPerPage: 4,
};

interface PageEntry {
  /** Null: no page by this slug, believed until `expiresAt` too. */
  page: PublicStatusPage | null;
  read: ReadPage | null;
  /** From here on, a request starts a read of the page in the background and is answered from this entry. */
  refreshAt: number;
  expiresAt: number;
  drawings: LruMap<string, Representation>;
  /** The origins whose feeds were kept, at most maxOriginsPerPage. */
  origins: Set<string>;
}

/**
 * The share of a page's TTL after which it is re-read ahead of time: a page asked for often is
 * replaced before it expires, so no visitor waits for a read and none sees it older than its TTL.
 */
const REFRESH_AHEAD = 0.8;

/** A page and what of it has been drawn, as the cache hands them out. */
export interface CachedPage {
  page: PublicStatusPage;
  read: ReadPage;
  /** When these facts expire (the cache's clock, ms): no one should keep the answer longer. */
  expiresAt: number;
  /**
   * The representation `key` names, drawn by `draw` the first time it is asked for while this
   * entry lives. One naming an `origin` (a feed) is kept for the first maxOriginsPerPage origins
   * only; for any other it is drawn for this answer and not kept.
   */
  drawn(key: string, draw: () => string, origin?: string): Representation;
}

/** What the cache holds, for tests and the docs' bounds. */
export interface StatusPageCacheStats {
  pages: number;
  misses: number;
  drawings: number;
  drawnBytes: number;
}

function representationOf(text: string): Representation {
  const etag = etagOf(text);
  return { body: Buffer.from(text), etag, gzip: gzipSync(text), gzipEtag: `${etag.slice(0, -1)}-gzip"` };
}

function drawnBytesOf(entry: PageEntry): number {
  let bytes = 0;
  for (const [, representation] of entry.drawings.entries()) {
    bytes += representation.body.length + representation.gzip.length;
  }
  return bytes;
}

interface Loader {
  pageBySlug(slug: string): Promise<PublicStatusPage | null>;
  pageByDomain(host: string): Promise<PublicStatusPage | null>;
  read(page: PublicStatusPage): Promise<ReadPage>;
}

/** Whether `page` is to be served on `host`: it names that domain, and its organisation proved control of it. */
function servesDomain(page: PublicStatusPage, host: string): boolean {
  return page.customDomain === host && page.customDomainVerifiedAt !== null;
}

/**
 * The process's status pages: each read at most once per its TTL (the smaller of 30 s and its
 * monitors' shortest check interval) however often it is fetched, concurrent misses sharing one
 * read, a page in demand re-read in the background before it expires, and each drawing (HTML,
 * feeds, JSON) made once per read. Bounded in entries and in drawn bytes; unknown slugs and
 * domains are remembered apart from pages, so a flood of them costs memory only up to the bounds
 * and never pushes a real page out.
 */
export class StatusPageCache {
  private readonly pages: LruMap<string, PageEntry>;
  private readonly misses: LruMap<string, PageEntry>;
  private readonly domains: LruMap<string, { slug: string | null; expiresAt: number }>;
  private readonly loading = new Map<string, Promise<PageEntry>>();

  constructor(
    private readonly loader: Loader,
    private readonly clock: () => number,
    private readonly settings: StatusPageCacheSettings = STATUS_PAGE_CACHE_DEFAULTS,
  ) {
    this.pages = new LruMap(settings.maxPages);
    this.misses = new LruMap(settings.maxMisses);
    this.domains = new LruMap(settings.maxDomains);
  }

  /** Whether a request for this slug can be answered without reading the database. */
  knows(slug: string): boolean {
    return (
      this.loading.has(slug) || this.pages.get(slug) !== undefined || this.misses.get(slug) !== undefined
    );
  }

  stats(): StatusPageCacheStats {
    let drawings = 0;
    let drawnBytes = 0;
    for (const [, entry] of this.pages.entries()) {
      drawings += entry.drawings.size;
      drawnBytes += drawnBytesOf(entry);
    }
    return { pages: this.pages.size, misses: this.misses.size, drawings, drawnBytes };
  }

  /** The page at `/status/<slug>` and its facts, read when missing or stale; null when there is none. */
  async bySlug(slug: string): Promise<CachedPage | null> {
    const entry = await this.entryOf(slug, () => this.loader.pageBySlug(slug));
    return entry.page && entry.read ? this.cached(entry, entry.page, entry.read) : null;
  }

  /** The page whose custom domain is `host` and proved so; null when none is. */
  async byDomain(host: string): Promise<CachedPage | null> {
    const known = this.domains.get(host);
    if (known && known.expiresAt > this.clock()) {
      if (known.slug === null) return null;
      // The memo names a slug, and a slug may since have been given up by the page and taken by
      // another, or the page may have dropped the domain or lost its proof: serve only the page
      // that still holds this domain, proved, else look the domain up afresh.
      const cached = await this.bySlug(known.slug);
      if (cached && servesDomain(cached.page, host)) return cached;
      this.domains.delete(host);
    }
    const key = `domain:${host}`;
    const entry = await this.entryOf(key, () => this.loader.pageByDomain(host));
    // Only an entry the cache kept (no `forget` overtook its read) is remembered under the domain.
    if (this.kept(key, entry)) {
      this.domains.set(host, { slug: entry.page?.slug ?? null, expiresAt: entry.expiresAt });
      if (entry.page) {
        // Kept under its slug instead, so the page's two addresses share one read.
        this.pages.set(entry.page.slug, entry);
        this.pages.delete(key);
      }
    }
    if (!entry.page || !entry.read || !servesDomain(entry.page, host)) return null;
    return this.cached(entry, entry.page, entry.read);
  }

  /**
   * Drops a page, so its owner's change (or a posted incident update) shows on the next request to
   * this process; also every "no such page", since a new slug or domain may now be taken.
   */
  forget(pageId: string): void {
    const dropped: string[] = [];
    for (const [key, entry] of this.pages.entries()) {
      if (entry.page?.id === pageId) dropped.push(key);
    }
    for (const key of dropped) this.pages.delete(key);
    for (const [key] of [...this.misses.entries()]) this.misses.delete(key);
    const domains: string[] = [];
    for (const [host, known] of this.domains.entries()) {
      if (known.slug === null || dropped.includes(known.slug)) domains.push(host);
    }
    for (const host of domains) this.domains.delete(host);
    // A read under way may be of this page under any slug or domain: none of them may store what it read.
    this.loading.clear();
  }

  /** Drops everything: for a change whose pages are not known one by one. */
  clear(): void {
    for (const [key] of [...this.pages.entries()]) this.pages.delete(key);
    for (const [key] of [...this.misses.entries()]) this.misses.delete(key);
    for (const [host] of [...this.domains.entries()]) this.domains.delete(host);
    this.loading.clear();
  }

  /** Whether `entry` is the one the cache holds under `key`. */
  private kept(key: string, entry: PageEntry): boolean {
    return (entry.page ? this.pages.get(key) : this.misses.get(key)) === entry;
  }

  private cached(entry: PageEntry, page: PublicStatusPage, read: ReadPage): CachedPage {
    return {
      page,
      read,
      expiresAt: entry.expiresAt,
      drawn: (key, draw, origin) => {
        const kept = entry.drawings.get(key);
        if (kept) return kept;
        if (origin !== undefined && !entry.origins.has(origin)) {
          if (entry.origins.size >= this.settings.maxOriginsPerPage) return representationOf(draw());
          entry.origins.add(origin);
        }
        const representation = representationOf(draw());
        entry.drawings.set(key, representation);
        this.keepWithinBytes(entry);
        return representation;
      },
    };
  }

  /** Drops whole pages, least recently asked for first, until the drawings fit maxDrawnBytes; never `current`. */
  private keepWithinBytes(current: PageEntry): void {
    const sizes = [...this.pages.entries()].map(([key, entry]) => ({
      key,
      entry,
      bytes: drawnBytesOf(entry),
    }));
    let total = sizes.reduce((sum, one) => sum + one.bytes, 0);
    for (const { key, entry, bytes } of sizes) {
      if (total <= this.settings.maxDrawnBytes) return;
      if (entry === current || bytes === 0) continue;
      this.pages.delete(key);
      total -= bytes;
    }
  }

  private async entryOf(key: string, find: () => Promise<PublicStatusPage | null>): Promise<PageEntry> {
    const entry = this.pages.get(key) ?? this.misses.get(key);
    const now = this.clock();
    if (entry && entry.expiresAt > now) {
      if (entry.refreshAt <= now && !this.loading.has(key)) {
        // A failed refresh leaves the entry to expire; the next read after that reports the failure.
        this.start(key, find).catch(() => {});
      }
      return entry;
    }
    return this.loading.get(key) ?? this.start(key, find);
  }

  private start(key: string, find: () => Promise<PublicStatusPage | null>): Promise<PageEntry> {
    const marker: { promise?: Promise<PageEntry> } = {};
    const pending = this.read(key, find, marker);
    marker.promise = pending;
    this.loading.set(key, pending);
    return pending;
  }

  private async read(
    key: string,
    find: () => Promise<PublicStatusPage | null>,
    marker: { promise?: Promise<PageEntry> },
  ): Promise<PageEntry> {
    // Only the read still registered may store: one that `forget` overtook must not bring back what it dropped.
    const current = () => marker.promise !== undefined && this.loading.get(key) === marker.promise;
    // The facts are as of the read's start: the entry's age counts from there.
    const startedAt = this.clock();
    try {
      const page = await find();
      const read = page ? await this.loader.read(page) : null;
      const ttl = read ? read.ttlMs : this.settings.missTtlMs;
      const entry: PageEntry = {
        page,
        read,
        refreshAt: startedAt + ttl * REFRESH_AHEAD,
        expiresAt: startedAt + ttl,
        drawings: new LruMap(this.settings.maxDrawingsPerPage),
        origins: new Set(),
      };
      if (current()) {
        // A page and "no such page" live in LRUs of their own: whichever this is replaces the other.
        (page ? this.pages : this.misses).set(key, entry);
        (page ? this.misses : this.pages).delete(key);
      }
      return entry;
    } finally {
      if (current()) this.loading.delete(key);
    }
  }
}
