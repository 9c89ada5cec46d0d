import { LruMap } from '../../lru-map.js';
import type { BadgeFacts } from './badge-content.js';
import type { RenderedBadge } from './render-badge.js';

export interface BadgeCacheSettings {
  /** How long a monitor's facts (or the answer that it has no public badges) are served before being read again. */
  ttlMs: number;
  /** Monitors whose facts are kept; past it the least recently asked for is dropped. */
  maxMonitors: number;
  /** Drawn badges kept, one per distinct drawing (format, style, label, message and colour). */
  maxRendered: number;
}

export const BADGE_CACHE_DEFAULTS: BadgeCacheSettings = {
  ttlMs: 30_000,
  maxMonitors: 20_000,
  maxRendered: 20_000,
};

interface FactsEntry {
  /** Null: no monitor with public badges by this id, cached too, so unknown ids cost no more than known ones. */
  facts: BadgeFacts | null;
  expiresAt: number;
}

/**
 * The process's badges: each monitor's facts read at most once per `ttlMs` however many badges of it
 * are fetched (concurrent misses share one read), and each distinct drawing kept. Bounded in
 * entries, so a flood of ids or labels costs memory only up to the bounds.
 */
export class BadgeCache {
  private readonly facts: LruMap<string, FactsEntry>;
  private readonly rendered: LruMap<string, RenderedBadge>;
  private readonly loading = new Map<string, Promise<FactsEntry>>();

  constructor(
    private readonly load: (monitorId: string) => Promise<BadgeFacts | null>,
    private readonly clock: () => number,
    private readonly settings: BadgeCacheSettings = BADGE_CACHE_DEFAULTS,
  ) {
    this.facts = new LruMap(settings.maxMonitors);
    this.rendered = new LruMap(settings.maxRendered);
  }

  /** Whether the monitor's facts can be answered without reading the database. */
  isFresh(monitorId: string): boolean {
    const entry = this.facts.get(monitorId);
    return entry !== undefined && entry.expiresAt > this.clock();
  }

  /** Whether the process has read this id before (public or not, fresh or stale) and still remembers it. */
  knows(monitorId: string): boolean {
    return this.loading.has(monitorId) || this.facts.get(monitorId) !== undefined;
  }

  /** The monitor's facts, read when missing or stale; null when its badges are not public. */
  async factsOf(monitorId: string): Promise<BadgeFacts | null> {
    const entry = this.facts.get(monitorId);
    if (entry && entry.expiresAt > this.clock()) return entry.facts;
    let pending = this.loading.get(monitorId);
    if (!pending) {
      const marker: { promise?: Promise<FactsEntry> } = {};
      pending = this.read(monitorId, marker);
      marker.promise = pending;
      this.loading.set(monitorId, pending);
    }
    return (await pending).facts;
  }

  /**
   * The badge drawn for `key`, which must name everything the drawing depends on, drawn by `draw`
   * the first time. Keyed by what is drawn rather than by monitor, so refreshed facts that read the
   * same (the usual case) cost no new drawing, which is the expensive part of a badge.
   */
  drawn(key: string, draw: () => RenderedBadge): RenderedBadge {
    const kept = this.rendered.get(key);
    if (kept) return kept;
    const badge = draw();
    this.rendered.set(key, badge);
    return badge;
  }

  /** Drops what is known of a monitor, so its owner's change shows on the next request to this process. */
  forget(monitorId: string): void {
    this.facts.delete(monitorId);
    this.loading.delete(monitorId);
  }

  private async read(monitorId: string, marker: { promise?: Promise<FactsEntry> }): Promise<FactsEntry> {
    // Only the read still registered may store: one that `forget` overtook must not bring back what it dropped.
    const current = () => marker.promise !== undefined && this.loading.get(monitorId) === marker.promise;
    try {
      const entry = { facts: await this.load(monitorId), expiresAt: this.clock() + this.settings.ttlMs };
      if (current()) this.facts.set(monitorId, entry);
      return entry;
    } finally {
      if (current()) this.loading.delete(monitorId);
    }
  }
}
