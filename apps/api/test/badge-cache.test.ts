import { describe, expect, it } from 'vitest';
import { BadgeCache } from '../src/domain/badges/badge-cache.js';
import type { BadgeFacts } from '../src/domain/badges/badge-content.js';
import { renderBadge } from '../src/domain/badges/render-badge.js';

const facts = (status: BadgeFacts['status']): BadgeFacts => ({
  status,
  uptime: { '24h': 1, '7d': 1, '30d': 1, '90d': 1 },
  p95Ms: 40,
  degradedThresholdMs: 1000,
  toolCount: 2,
  protocolVersion: '2025-11-25',
});

/** A loader that counts its reads and answers each once told to. */
function controlledLoader() {
  const reads: string[] = [];
  const waiting: Array<(value: BadgeFacts | null) => void> = [];
  return {
    reads,
    load: (id: string) => {
      reads.push(id);
      return new Promise<BadgeFacts | null>((resolve) => waiting.push(resolve));
    },
    answer(value: BadgeFacts | null) {
      const next = waiting.shift();
      if (!next) throw new Error('no read is waiting');
      next(value);
    },
  };
}

const settings = { ttlMs: 1000, maxMonitors: 2, maxRendered: 2 };

describe('the badge cache', () => {
  it('reads a monitor once for concurrent requests, then again only after its period', async () => {
    let clock = 0;
    const loader = controlledLoader();
    const cache = new BadgeCache(loader.load, () => clock, settings);
    const asked = [cache.factsOf('a'), cache.factsOf('a'), cache.factsOf('a')];
    loader.answer(facts('up'));
    expect((await Promise.all(asked)).map((f) => f?.status)).toEqual(['up', 'up', 'up']);
    expect(loader.reads).toEqual(['a']);
    expect(cache.isFresh('a')).toBe(true);

    clock = 999;
    expect((await cache.factsOf('a'))?.status).toBe('up');
    expect(loader.reads).toHaveLength(1);
    clock = 1000;
    expect(cache.isFresh('a')).toBe(false);
    const again = cache.factsOf('a');
    loader.answer(facts('down'));
    expect((await again)?.status).toBe('down');
    expect(loader.reads).toHaveLength(2);
  });

  it('caches a monitor without public badges as null too', async () => {
    const loader = controlledLoader();
    const cache = new BadgeCache(loader.load, () => 0, settings);
    const first = cache.factsOf('missing');
    loader.answer(null);
    expect(await first).toBeNull();
    expect(await cache.factsOf('missing')).toBeNull();
    expect(loader.reads).toHaveLength(1);
  });

  it('does not keep what a read overtaken by forget brought back', async () => {
    const loader = controlledLoader();
    const cache = new BadgeCache(loader.load, () => 0, settings);
    const stale = cache.factsOf('a');
    cache.forget('a');
    const fresh = cache.factsOf('a');
    loader.answer(facts('up'));
    loader.answer(null);
    expect((await stale)?.status).toBe('up');
    expect(await fresh).toBeNull();
    expect(await cache.factsOf('a')).toBeNull();
    expect(loader.reads).toHaveLength(2);
  });

  it('forgets the least recently asked monitor past its bound', async () => {
    const loader = controlledLoader();
    const cache = new BadgeCache(loader.load, () => 0, settings);
    for (const id of ['a', 'b', 'c']) {
      const asked = cache.factsOf(id);
      loader.answer(facts('up'));
      await asked;
    }
    expect(['a', 'b', 'c'].map((id) => cache.isFresh(id))).toEqual([false, true, true]);
  });

  it('does not keep a failed read', async () => {
    let fail = true;
    const cache = new BadgeCache(
      async () => {
        if (fail) throw new Error('database away');
        return facts('up');
      },
      () => 0,
      settings,
    );
    await expect(cache.factsOf('a')).rejects.toThrow('database away');
    fail = false;
    expect((await cache.factsOf('a'))?.status).toBe('up');
  });

  it('draws each distinct badge once, forgetting the least recently used past its bound', () => {
    const cache = new BadgeCache(
      async () => null,
      () => 0,
      settings,
    );
    let draws = 0;
    const draw = (message: string) => () => {
      draws += 1;
      return renderBadge({ label: 'mcp', message, color: 'brightgreen' }, 'svg', 'flat');
    };
    const first = cache.drawn('up', draw('up'));
    expect(cache.drawn('up', draw('up'))).toBe(first);
    expect(draws).toBe(1);
    cache.drawn('down', draw('down'));
    cache.drawn('paused', draw('paused'));
    expect(draws).toBe(3);
    cache.drawn('up', draw('up'));
    expect(draws).toBe(4);
  });
});
