import { randomBytes } from 'node:crypto';
import type { PublicStatusPage } from '@mcpulse/db';
import { describe, expect, it } from 'vitest';
import type { ReadPage } from '../src/domain/status-pages/public/page-view.js';
import { StatusPageCache } from '../src/domain/status-pages/public/status-page-cache.js';

const pageOf = (slug: string, customDomain: string | null = null): PublicStatusPage => ({
  id: `id-${slug}`,
  organizationId: 'org',
  slug,
  title: slug,
  description: '',
  logoUrl: null,
  customDomain,
  customDomainVerifiedAt: customDomain === null ? null : new Date(0),
  figures: [],
  updatedAt: new Date(0),
});

/** A loader over a table of pages that counts its reads and, when told to, holds them until released. */
function loaderOf(pages: PublicStatusPage[], ttlMs = 1000) {
  const reads: string[] = [];
  let held: Array<() => void> | null = null;
  const wait = () => (held ? new Promise<void>((resolve) => held?.push(resolve)) : Promise.resolve());
  return {
    reads,
    hold: () => {
      held = [];
    },
    release: () => {
      const waiting = held ?? [];
      held = null;
      for (const resolve of waiting) resolve();
    },
    loader: {
      pageBySlug: async (slug: string) => {
        reads.push(`slug:${slug}`);
        await wait();
        return pages.find((page) => page.slug === slug) ?? null;
      },
      pageByDomain: async (host: string) => {
        reads.push(`domain:${host}`);
        await wait();
        return pages.find((page) => page.customDomain === host && page.customDomainVerifiedAt) ?? null;
      },
      read: async (page: PublicStatusPage): Promise<ReadPage> => {
        reads.push(`read:${page.slug}`);
        return { view: { slug: page.slug } as ReadPage['view'], ttlMs };
      },
    },
  };
}

const settings = {
  maxPages: 2,
  maxMisses: 2,
  maxDomains: 2,
  missTtlMs: 500,
  maxDrawingsPerPage: 2,
  maxDrawnBytes: 1_000_000,
  maxOriginsPerPage: 4,
};

/** Text that gzip cannot shrink much, so a drawing's bytes are about twice its length. */
const noise = (length: number) => randomBytes(length).toString('base64').slice(0, length);

describe('the status page cache', () => {
  it('reads a page once for concurrent requests, then again only after its TTL', async () => {
    let clock = 0;
    const source = loaderOf([pageOf('a')], 1000);
    const cache = new StatusPageCache(source.loader, () => clock, settings);
    source.hold();
    const asked = [cache.bySlug('a'), cache.bySlug('a'), cache.bySlug('a')];
    source.release();
    expect((await Promise.all(asked)).map((one) => one?.page.slug)).toEqual(['a', 'a', 'a']);
    expect(source.reads).toEqual(['slug:a', 'read:a']);
    clock = 1000;
    await cache.bySlug('a');
    expect(source.reads).toEqual(['slug:a', 'read:a', 'slug:a', 'read:a']);
  });

  it('re-reads a page in demand in the background from 80 % of its TTL, answering from the old entry meanwhile', async () => {
    let clock = 0;
    const source = loaderOf([pageOf('a')], 1000);
    const cache = new StatusPageCache(source.loader, () => clock, settings);
    const first = await cache.bySlug('a');
    clock = 799;
    expect((await cache.bySlug('a'))?.read).toBe(first?.read);
    expect(source.reads).toHaveLength(2);
    clock = 800;
    source.hold();
    expect((await cache.bySlug('a'))?.read).toBe(first?.read);
    expect((await cache.bySlug('a'))?.read).toBe(first?.read);
    expect(source.reads).toEqual(['slug:a', 'read:a', 'slug:a']);
    source.release();
    await new Promise((resolve) => setImmediate(resolve));
    const refreshed = await cache.bySlug('a');
    expect(refreshed?.read).not.toBe(first?.read);
    // Its age counts from 800, when the read began: fresh until 1800, refreshed ahead from 1600.
    clock = 1599;
    expect((await cache.bySlug('a'))?.read).toBe(refreshed?.read);
    expect(source.reads).toHaveLength(4);
  });

  it('believes "no such page" for a while, and forgets it when any page changes', async () => {
    let clock = 0;
    const pages: PublicStatusPage[] = [];
    const source = loaderOf(pages);
    const cache = new StatusPageCache(source.loader, () => clock, settings);
    expect(await cache.bySlug('new')).toBeNull();
    pages.push(pageOf('new'));
    expect(await cache.bySlug('new')).toBeNull();
    clock = 100;
    cache.forget('id-other');
    expect((await cache.bySlug('new'))?.page.slug).toBe('new');
  });

  it('drops a page that changed, and a read that was under way when it did stores nothing', async () => {
    const source = loaderOf([pageOf('a')]);
    const cache = new StatusPageCache(source.loader, () => 0, settings);
    await cache.bySlug('a');
    source.hold();
    cache.forget('id-a');
    const pending = cache.bySlug('a');
    cache.forget('id-a');
    source.release();
    await pending;
    expect(cache.knows('a')).toBe(false);
  });

  it('finds a page by its domain and shares its entry with its slug', async () => {
    const source = loaderOf([pageOf('a', 'status.example.test')]);
    const cache = new StatusPageCache(source.loader, () => 0, settings);
    expect((await cache.byDomain('status.example.test'))?.page.slug).toBe('a');
    expect((await cache.byDomain('status.example.test'))?.page.slug).toBe('a');
    expect((await cache.bySlug('a'))?.page.slug).toBe('a');
    expect(await cache.byDomain('other.example.test')).toBeNull();
    expect(await cache.byDomain('other.example.test')).toBeNull();
    expect(source.reads).toEqual(['domain:status.example.test', 'read:a', 'domain:other.example.test']);
  });

  it('serves a domain only from a page that still holds it, proved, whatever its memo names', async () => {
    let clock = 0;
    const owner = pageOf('a', 'status.example.test');
    const pages = [owner];
    const source = loaderOf(pages, 1000);
    const cache = new StatusPageCache(source.loader, () => clock, settings);
    expect((await cache.byDomain('status.example.test'))?.page.id).toBe('id-a');
    // Elsewhere, the owner renames its page and another organisation takes the freed slug.
    owner.slug = 'a-renamed';
    pages.push({ ...pageOf('a'), id: 'id-intruder', organizationId: 'other' });
    clock = 850;
    // Past 80 % of its period: the old entry answers while the slug is re-read in the background.
    expect((await cache.byDomain('status.example.test'))?.page.id).toBe('id-a');
    await new Promise((resolve) => setImmediate(resolve));
    expect((await cache.bySlug('a'))?.page.id).toBe('id-intruder');
    // The memo still names slug `a`, whose page is now another's: the domain is looked up afresh.
    expect((await cache.byDomain('status.example.test'))?.page.id).toBe('id-a');
    // A proof withdrawn: once re-read, the domain serves nothing.
    owner.customDomainVerifiedAt = null;
    clock = 5_000;
    expect(await cache.byDomain('status.example.test')).toBeNull();
  });

  it('keeps at most maxPages pages and maxDrawingsPerPage drawings', async () => {
    const source = loaderOf([pageOf('a'), pageOf('b'), pageOf('c')]);
    const cache = new StatusPageCache(source.loader, () => 0, settings);
    const a = await cache.bySlug('a');
    await cache.bySlug('b');
    await cache.bySlug('c');
    expect(cache.knows('a')).toBe(false);
    expect(cache.knows('c')).toBe(true);
    let draws = 0;
    const draw = () => `body ${++draws}`;
    const first = a!.drawn('html', draw);
    expect(a!.drawn('html', draw)).toBe(first);
    expect(first.etag).toMatch(/^"[\w-]+"$/);
    a!.drawn('atom', draw);
    a!.drawn('json', draw);
    a!.drawn('html', draw);
    expect(draws).toBe(4);
  });

  it('keeps "no such page" apart: a flood of unknown slugs and domains pushes out no real page', async () => {
    const source = loaderOf([pageOf('a'), pageOf('b')]);
    const cache = new StatusPageCache(source.loader, () => 0, settings);
    await cache.bySlug('a');
    await cache.bySlug('b');
    for (let n = 0; n < 50; n += 1) {
      expect(await cache.bySlug(`unknown-${n}`)).toBeNull();
      expect(await cache.byDomain(`unknown-${n}.example.test`)).toBeNull();
    }
    expect(cache.knows('a')).toBe(true);
    expect(cache.knows('b')).toBe(true);
    const reads = source.reads.length;
    await cache.bySlug('a');
    await cache.bySlug('b');
    expect(source.reads).toHaveLength(reads);
    // The misses are bounded too, and the latest are still believed.
    expect(cache.stats()).toMatchObject({ pages: 2, misses: 2 });
    expect(await cache.bySlug('unknown-49')).toBeNull();
    expect(source.reads).toHaveLength(reads);
  });

  it('keeps the drawings within maxDrawnBytes, dropping the least recently asked-for pages', async () => {
    const source = loaderOf([pageOf('a'), pageOf('b'), pageOf('c')]);
    const cache = new StatusPageCache(source.loader, () => 0, {
      ...settings,
      maxPages: 10,
      maxDrawnBytes: 12_000,
    });
    const a = await cache.bySlug('a');
    const b = await cache.bySlug('b');
    a!.drawn('html', () => noise(3_000));
    b!.drawn('html', () => noise(3_000));
    expect(cache.knows('a')).toBe(true);
    // a was asked for again since b: b is the least recently used when c's drawing goes past the budget.
    await cache.bySlug('a');
    const c = await cache.bySlug('c');
    c!.drawn('html', () => noise(3_000));
    expect(cache.knows('b')).toBe(false);
    expect(cache.knows('a')).toBe(true);
    expect(cache.knows('c')).toBe(true);
    expect(cache.stats().drawnBytes).toBeLessThanOrEqual(12_000);
    // One page bigger than the budget is still drawn and answered, and kept alone.
    c!.drawn('json', () => noise(20_000));
    expect(cache.stats()).toMatchObject({ pages: 1 });
    expect(cache.knows('c')).toBe(true);
  });

  it('keeps feeds for maxOriginsPerPage origins per page; another origin is drawn for its answer alone', async () => {
    const source = loaderOf([pageOf('a')]);
    const cache = new StatusPageCache(source.loader, () => 0, {
      ...settings,
      maxDrawingsPerPage: 16,
      maxOriginsPerPage: 2,
    });
    const a = await cache.bySlug('a');
    let draws = 0;
    const draw = () => `feed ${++draws}`;
    for (const port of [1, 2, 3, 4, 5, 3]) a!.drawn(`atom http://x:${port}`, draw, `http://x:${port}`);
    expect(draws).toBe(6);
    expect(cache.stats().drawings).toBe(2);
    a!.drawn('atom http://x:1', draw, 'http://x:1');
    a!.drawn('html', draw);
    expect(draws).toBe(7);
    expect(cache.stats().drawings).toBe(3);
  });

  it("tells when its facts expire, for the answers' max-age", async () => {
    const source = loaderOf([pageOf('a')], 10_000);
    const cache = new StatusPageCache(source.loader, () => 5_000, settings);
    expect((await cache.bySlug('a'))?.expiresAt).toBe(15_000);
  });
});
