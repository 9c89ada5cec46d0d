import type { ChangesPage } from '@mcpulse/contract';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseLabel } from '../../src/lib/server-changes.js';
import { screenshot } from './support/browser.js';
import { type HostileServer, manyTools } from './support/hostile-mcp-server.js';
import { type HostileWorld, openHostileWorld, signUpWithMonitor } from './support/hostile-world.js';
import { monitorSession } from './support/monitor-session.js';
import { hasText, visible } from './support/page-waits.js';

/** A check at once and its ingest take a second or two; a scheduled one (every 30 s) settles any race. */
const CHECKED_MS = 45_000;
/** A release a hostile server announced: markup, and a mark that would draw what follows it backwards. */
const HOSTILE_VERSION = '<img src=x onerror=__pwned=1>\u202e2.0';

let world: HostileWorld;
let server: HostileServer;
let page: Page;
let monitorId = '';
let pageErrors: string[] = [];

beforeAll(async () => {
  world = await openHostileWorld(manyTools(3));
  ({ server, page, pageErrors } = world);
});

afterAll(async () => world?.close());

const session = monitorSession(() => page, { waitMs: CHECKED_MS, monitorName: 'Release MCP' });
const { call, until } = session;
const checkNow = () => session.checkNow(monitorId);

describe('a server that releases and changes protocol between checks', () => {
  it('adds the monitor and takes its first protocol and release as where it starts', async () => {
    monitorId = await signUpWithMonitor(page, {
      email: 'release@example.com',
      name: 'Release MCP',
      url: server.url,
    });
    await session.signedIn();
    await checkNow();
    expect((await call<ChangesPage>('GET', `/monitors/${monitorId}/changes`)).items).toEqual([]);
  });

  it('draws the release on the latency chart and the timeline, and the protocol change, as inert text', async () => {
    server.setHandshake({
      protocolVersion: '2025-06-18',
      serverInfo: { name: 'hostile <b>server</b>', version: HOSTILE_VERSION },
    });
    await checkNow();
    await checkNow();
    const changes = await until('the release and the protocol change', async () => {
      const { items } = await call<ChangesPage>('GET', `/monitors/${monitorId}/changes`);
      return items.length >= 2 && items;
    });
    expect(changes.map((change) => change.kind).sort()).toEqual(['protocol.changed', 'release']);

    await page.reload();
    const label = releaseLabel(HOSTILE_VERSION);
    expect(label).toBe('<img src=x onerror=__pwned=1>\ufffd2.0');
    const marker = page.getByTestId('release-marker').first();
    await visible(marker, CHECKED_MS);
    expect(await marker.textContent()).toBe(label);
    expect(await marker.getAttribute('title')).toBe(`${label} deployed here (was v1.0.0)`);
    // It stands inside the plot, where the release was first seen: in the last hour, the right part of it.
    const left = Number.parseFloat(
      (await marker.getAttribute('style'))?.match(/left: ([\d.]+)%/)?.[1] ?? 'NaN',
    );
    expect(left).toBeGreaterThan(50);
    expect(left).toBeLessThanOrEqual(100);

    const release = page.getByTestId('release-item').first();
    await hasText(release, `${label} deployed`);
    await hasText(release, 'hostile <b>server</b>');
    const protocol = page.getByTestId('protocol-item').first();
    await hasText(
      protocol,
      '2025-11-25, legacy era, Streamable HTTP → 2025-06-18, legacy era, Streamable HTTP',
    );
    await hasText(protocol, 'protocol version');

    expect(pageErrors).toEqual([]);
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('b', { hasText: 'server' }).count()).toBe(0);
    // Near the end of the window its label reads leftwards, inside the chart.
    const chart = await page.locator('.chart').first().boundingBox();
    const labelBox = await marker.locator('.chart-marker-label').boundingBox();
    expect(labelBox!.x + labelBox!.width).toBeLessThanOrEqual(chart!.x + chart!.width);
    await marker.scrollIntoViewIfNeeded();
    await screenshot(page, 'monitor-detail-release-marker', false);
    await release.scrollIntoViewIfNeeded();
    await screenshot(page, 'monitor-detail-changes', false);
  });
});
