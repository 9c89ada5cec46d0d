import { gunzipSync } from 'node:zlib';
import { createLogger } from '@mcpulse/config';
import { STATUS_PAGE_LIMITS } from '@mcpulse/core/domain';
import { monitors } from '@mcpulse/db';
import { createMemoryBackend, type QueueBackend } from '@mcpulse/queue';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { statusPageCacheOf } from '../src/domain/status-pages/public/status-page-cache-of.js';
import { insertMonitor } from './support/read-fixtures.js';
import { insertStatusPage } from './support/status-page-fixtures.js';
import {
  insertDrift,
  insertIncident,
  insertMaintenance,
  insertUpdate,
  seedLatency,
  seedMonitorState,
} from './support/status-page-seed.js';
import { type Caller, createTestApp, signUpUser, type TestApp } from './support/test-app.js';
import { childrenNamed, childText, parseXml } from './support/xml-tree.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Neither hour- nor day-aligned. */
const NOW = new Date('2026-11-26T12:34:56Z');
let clock = NOW;

let t: TestApp;
let queues: QueueBackend;
let owner: Caller;
let docsId: string;
let hostileId: string;
let activeIncidentId: string;
const HOSTILE_NAME = `<script>alert(1)</script>\u202eevil${'x'.repeat(10_000)}`;
const HOSTILE_TITLE = '<script>alert("title")</script>';
const HOSTILE_UPDATE = '<script>steal()</script> we are on it & more';

beforeAll(async () => {
  // A queue backend, as the owner API's posted updates fan out to webhooks.
  queues = createMemoryBackend({ logger: createLogger({ name: 'api-test', level: 'silent' }) });
  t = await createTestApp({ now: () => clock, queues });
  owner = await signUpUser(t.app);
  const db = t.database.handle.db;
  const org = owner.organizationId;
  docsId = await insertMonitor(db, org, { name: 'Docs server' });
  hostileId = await insertMonitor(db, org, { name: HOSTILE_NAME });
  await seedMonitorState(db, docsId, NOW, 'down');
  await seedMonitorState(db, hostileId, NOW, 'up');
  await seedLatency(db, docsId, NOW);
  await insertDrift(db, org, docsId, new Date(NOW.getTime() - 2 * DAY));
  // Three days ago, down 10:00–12:00 with maintenance 10:00–11:00: one hour of downtime counts.
  const day3 = Date.parse('2026-11-23T10:00:00Z');
  const past = await insertIncident(db, {
    organizationId: org,
    monitorId: docsId,
    startedAt: new Date(day3),
    endedAt: new Date(day3 + 2 * HOUR),
  });
  await insertMaintenance(db, {
    organizationId: org,
    monitorId: docsId,
    title: 'Database upgrade',
    startsAt: new Date(day3),
    endsAt: new Date(day3 + HOUR),
  });
  await insertUpdate(db, {
    organizationId: org,
    incidentId: past,
    status: 'resolved',
    message: 'Fixed by a restart.',
    createdAt: new Date(day3 + 2 * HOUR + 60_000),
  });
  activeIncidentId = await insertIncident(db, {
    organizationId: org,
    monitorId: docsId,
    startedAt: new Date(NOW.getTime() - 10 * 60_000),
    endedAt: null,
    errorMessage: 'SECRET-SERVER-TEXT <img src=x onerror=alert(1)>',
  });
  await insertUpdate(db, {
    organizationId: org,
    incidentId: activeIncidentId,
    status: 'investigating',
    message: HOSTILE_UPDATE,
    createdAt: new Date(NOW.getTime() - 8 * 60_000),
  });
  await insertUpdate(db, {
    organizationId: org,
    incidentId: activeIncidentId,
    status: 'identified',
    message: 'The upstream API is refusing connections.',
    createdAt: new Date(NOW.getTime() - 5 * 60_000),
  });
  await insertMaintenance(db, {
    organizationId: org,
    monitorId: null,
    title: 'Network move',
    startsAt: new Date(NOW.getTime() + DAY),
    endsAt: new Date(NOW.getTime() + DAY + HOUR),
  });
  await insertStatusPage(db, org, {
    slug: 'acme',
    title: HOSTILE_TITLE,
    description: 'Line one\n<b>not bold</b>',
    logoUrl: 'https://cdn.example.com/logo.png?a=1&b="2"',
    groups: [
      { name: 'Core <APIs>', monitors: [{ monitorId: docsId, displayName: 'Docs API' }] },
      { name: 'Hostile', monitors: [{ monitorId: hostileId }] },
    ],
  });
  await insertStatusPage(db, org, {
    slug: 'bare',
    title: 'Bare',
    figures: [],
    groups: [{ name: 'Core', monitors: [{ monitorId: docsId }] }],
  });
});
afterAll(async () => {
  await t?.close();
  await queues?.close();
});

/** What the HTML shows of each figure: bars, uptime, latency, MCP specifics, incidents. */
const FIGURE_MARKS = [
  'class="bars"',
  'Uptime 24 h',
  'p95 latency',
  'MCP protocol',
  'Past incidents',
  'Active incidents',
];

/** The page's four representations: HTML, Atom, JSON Feed and the API's JSON. */
const EVERY_REPRESENTATION = [
  '/status/acme',
  '/status/acme/feed.atom',
  '/status/acme/feed.json',
  '/api/v1/public/status-pages/acme',
];

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });

interface PageJson {
  overall: string;
  asOf: string;
  groups: Array<{
    name: string;
    monitors: Array<{
      name: string;
      status: string;
      uptime?: Record<string, number | null>;
      days?: Array<{ start: string; uptime: number | null; downtimeMs: number; degradedMs: number }>;
      p95Ms24h?: number | null;
      mcp?: { protocolVersion: string | null; toolCount: number | null; lastSchemaChangeAt: string | null };
    }>;
  }>;
  incidents?: {
    active: Array<{
      id: string;
      monitor: string;
      errorCode: string | null;
      updates: Array<{ status: string }>;
    }>;
    past: Array<{ id: string; monitor: string }>;
  };
  maintenance?: Array<{ title: string; active: boolean; monitors: string[] }>;
  pastMaintenance?: Array<{ title: string; active: boolean; monitors: string[] }>;
}

describe('the public status page', () => {
  it('shows each monitor’s uptime, days and p95 exactly as the monitor’s own API computes them, maintenance left out', async () => {
    const page = await get('/api/v1/public/status-pages/acme');
    expect(page.statusCode, page.body).toBe(200);
    const body = page.json<PageJson>();
    const docs = body.groups[0]!.monitors[0]!;
    expect(docs.name).toBe('Docs API');
    const uptime = (await get(`/api/v1/monitors/${docsId}/uptime`, owner.headers)).json<{
      windows: Record<string, { uptime: number | null }>;
      days: Array<{ start: string; uptime: number | null; downtimeMs: number; degradedMs: number }>;
    }>();
    for (const window of ['24h', '7d', '30d', '90d'])
      expect(docs.uptime?.[window]).toBe(uptime.windows[window]!.uptime);
    expect(docs.days).toEqual(
      uptime.days.map(({ start, uptime: ratio, downtimeMs, degradedMs }) => ({
        start,
        uptime: ratio,
        downtimeMs,
        degradedMs,
      })),
    );
    // 7 days: one hour down (the maintenance hour is neither), plus the open incident's ten minutes.
    const monitored = 7 * DAY - HOUR;
    expect(docs.uptime?.['7d']).toBeCloseTo(1 - (HOUR + 10 * 60_000) / monitored, 12);
    const latency = (await get(`/api/v1/monitors/${docsId}/latency`, owner.headers)).json<{
      windows: Record<string, { overall: { p95: number | null } }>;
    }>();
    expect(docs.p95Ms24h).not.toBeNull();
    expect(docs.p95Ms24h).toBe(latency.windows['24h']!.overall.p95);
    expect(docs.mcp).toEqual({
      protocolVersion: '2026-07-28',
      toolCount: 7,
      lastSchemaChangeAt: new Date(NOW.getTime() - 2 * DAY).toISOString(),
    });
    expect(body.overall).toBe('partial_outage');
  });

  it('lists active and past incidents with their updates, newest first, and the maintenance ahead', async () => {
    const body = (await get('/api/v1/public/status-pages/acme')).json<PageJson>();
    expect(body.incidents?.active.map((one) => [one.id, one.monitor, one.errorCode])).toEqual([
      [activeIncidentId, 'Docs API', 'timeout'],
    ]);
    expect(body.incidents?.active[0]?.updates.map((one) => one.status)).toEqual([
      'identified',
      'investigating',
    ]);
    expect(body.incidents?.past).toHaveLength(1);
    expect(body.maintenance).toEqual([
      expect.objectContaining({ title: 'Network move', active: false, monitors: ['Docs API', HOSTILE_NAME] }),
    ]);
    // Maintenance that ended within pastIncidentDays is past, as incidents are.
    expect(body.pastMaintenance).toEqual([
      expect.objectContaining({ title: 'Database upgrade', active: false, monitors: ['Docs API'] }),
    ]);
    const html = (await get('/status/acme')).body;
    expect(html).toContain('Active incidents');
    expect(html).toContain('The upstream API is refusing connections.');
    expect(html.indexOf('identified')).toBeLessThan(html.indexOf('investigating'));
    expect(html).toContain('Fixed by a restart.');
    expect(html).toContain('Network move');
    const past = html.slice(html.indexOf('Past incidents and maintenance'));
    expect(past).toMatch(
      /<bdi>Database upgrade<\/bdi><\/h3><p class="meta">Completed: <time datetime="2026-11-23T10:00:00.000Z">/,
    );
    // Newest first: the incident and the maintenance began together, the incident is listed with them.
    expect(past.indexOf('Fixed by a restart.')).toBeLessThan(past.indexOf('Database upgrade'));
  });

  it('leaves out maintenance that ended before pastIncidentDays, and past maintenance of a page without incidents', async () => {
    const db = t.database.handle.db;
    const monitorId = await insertMonitor(db, owner.organizationId, { name: 'Old maintenance' });
    await seedMonitorState(db, monitorId, NOW);
    const ended = (days: number) => new Date(NOW.getTime() - days * DAY);
    await insertMaintenance(db, {
      organizationId: owner.organizationId,
      monitorId,
      title: 'Long ago',
      startsAt: ended(STATUS_PAGE_LIMITS.pastIncidentDays + 1),
      endsAt: new Date(ended(STATUS_PAGE_LIMITS.pastIncidentDays).getTime() - 60_000),
    });
    await insertMaintenance(db, {
      organizationId: owner.organizationId,
      monitorId,
      title: 'Last week',
      startsAt: ended(7),
      endsAt: new Date(ended(7).getTime() + HOUR),
    });
    const groups = [{ name: 'G', monitors: [{ monitorId }] }];
    await insertStatusPage(db, owner.organizationId, { slug: 'maintained', groups });
    await insertStatusPage(db, owner.organizationId, {
      slug: 'maintained-bare',
      figures: ['uptime'],
      groups,
    });
    const body = (await get('/api/v1/public/status-pages/maintained')).json<PageJson>();
    expect(body.pastMaintenance?.map((one) => one.title)).toEqual(['Last week']);
    const feed = (await get('/status/maintained/feed.json')).json<{ items: Array<{ title: string }> }>();
    expect(feed.items.map((item) => item.title)).toEqual([
      'Maintenance ended: Last week',
      'Maintenance started: Last week',
    ]);
    const bare = (await get('/api/v1/public/status-pages/maintained-bare')).json<PageJson>();
    expect(bare.pastMaintenance).toBeUndefined();
    expect((await get('/status/maintained-bare')).body).not.toContain('Last week');
  });

  it('shows only the page’s organisation’s monitors, whatever rows the page holds', async () => {
    const db = t.database.handle.db;
    const stranger = await signUpUser(t.app);
    const ownId = await insertMonitor(db, owner.organizationId, { name: 'Own monitor' });
    const foreignId = await insertMonitor(db, stranger.organizationId, { name: 'FOREIGN-MONITOR' });
    await seedMonitorState(db, ownId, NOW);
    await seedMonitorState(db, foreignId, NOW, 'down');
    await insertIncident(db, {
      organizationId: stranger.organizationId,
      monitorId: foreignId,
      startedAt: new Date(NOW.getTime() - HOUR),
      endedAt: null,
    });
    // A row the owner API refuses (it checks each monitor's organisation), written straight in.
    await insertStatusPage(db, owner.organizationId, {
      slug: 'guarded',
      groups: [{ name: 'G', monitors: [{ monitorId: ownId }, { monitorId: foreignId }] }],
    });
    const body = (await get('/api/v1/public/status-pages/guarded')).json<PageJson>();
    expect(body.groups.flatMap((group) => group.monitors.map((monitor) => monitor.name))).toEqual([
      'Own monitor',
    ]);
    expect(body.incidents?.active).toEqual([]);
    expect(body.overall).toBe('operational');
    for (const url of [
      '/status/guarded',
      '/status/guarded/feed.atom',
      '/api/v1/public/status-pages/guarded',
    ]) {
      expect((await get(url)).body, url).not.toContain('FOREIGN-MONITOR');
    }
  });

  it('names the last schema change within 90 days, and none before', async () => {
    const db = t.database.handle.db;
    const monitorId = await insertMonitor(db, owner.organizationId, { name: 'Drifted long ago' });
    await seedMonitorState(db, monitorId, NOW);
    await insertDrift(db, owner.organizationId, monitorId, new Date(NOW.getTime() - 91 * DAY));
    await insertStatusPage(db, owner.organizationId, {
      slug: 'drifted',
      groups: [{ name: 'G', monitors: [{ monitorId }] }],
    });
    const body = (await get('/api/v1/public/status-pages/drifted')).json<PageJson>();
    expect(body.groups[0]!.monitors[0]!.mcp?.lastSchemaChangeAt).toBeNull();
    expect((await get('/status/drifted')).body).toContain('none in 90 days');
  });

  it('never shows a monitor’s URL, error message, regions or id', async () => {
    for (const url of EVERY_REPRESENTATION) {
      const body = (await get(url)).body;
      expect(body).not.toContain('docs.example.com');
      expect(body).not.toContain('SECRET-SERVER-TEXT');
      expect(body).not.toContain('eu-west');
      expect(body).not.toContain(docsId);
    }
  });

  it('renders hostile names, descriptions and updates escaped, as one valid document with no script', async () => {
    const response = await get('/status/acme');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = response.body;
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;\u202eevil');
    expect(html).toContain('&lt;script&gt;steal()&lt;/script&gt; we are on it &amp; more');
    expect(html).toContain('Core &lt;APIs&gt;');
    expect(html).toContain('src="https://cdn.example.com/logo.png?a=1&amp;b=&quot;2&quot;"');
    // The 10,000-character name sits in an isolating <bdi>, so its override cannot reorder what follows.
    expect(html).toContain(`<bdi>&lt;script&gt;alert(1)&lt;/script&gt;\u202eevil${'x'.repeat(10_000)}</bdi>`);
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<a class="skip" href="#main">Skip to content</a>');
    expect(html).toContain('<main id="main">');
    expect(html).not.toMatch(/\sstyle=|\son\w+=/);
    expect(html).toContain(
      '<link rel="alternate" type="application/atom+xml" title="Incidents (Atom)" href="/status/acme/feed.atom">',
    );
    expect(html).toContain('POST /api/v1/public/status-pages/acme/subscribers');
    expect(html).toMatch(
      /Last updated <time datetime="2026-11-26T12:34:56.000Z">26 Nov 2026, 12:34 UTC<\/time>/,
    );
    // 90 bars a monitor, each with its day in words.
    expect(html.match(/<li class="bar /g)).toHaveLength(180);
    // Each day's words once (a hidden span the stylesheet shows on hover), not again in a `title`.
    expect(html.split('23 Nov 2026: 95.65% up, down 1 h')).toHaveLength(2);
    expect(html).not.toMatch(/<li class="bar[^>]*title=/);
  });

  it('answers with a policy that runs no script and a stylesheet kept for good', async () => {
    const response = await get('/status/acme');
    expect(response.headers['content-security-policy']).toBe(
      "default-src 'none'; style-src 'self'; img-src 'self' https:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(response.headers['cache-control']).toBe('public, max-age=30');
    const stylesheet = /<link rel="stylesheet" href="([^"]+)">/.exec(response.body)![1]!;
    expect(stylesheet).toMatch(/^\/status\/assets\/page-[\w-]{16}\.css$/);
    const css = await get(stylesheet);
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(css.body).toContain('prefers-color-scheme:dark');
  });

  it('shows only the figures the page chose', async () => {
    const body = (await get('/api/v1/public/status-pages/bare')).json<PageJson>();
    const monitor = body.groups[0]!.monitors[0]!;
    expect(Object.keys(monitor).sort()).toEqual(['name', 'status', 'statusSince']);
    expect(body.incidents).toBeUndefined();
    expect(body.maintenance).toBeUndefined();
    const html = (await get('/status/bare')).body;
    expect(html).toContain('Docs server');
    expect(html).toContain('Down');
    for (const hidden of FIGURE_MARKS) {
      expect(html).not.toContain(hidden);
    }
    const full = (await get('/status/acme')).body;
    for (const shown of FIGURE_MARKS) {
      expect(full).toContain(shown);
    }
    const feed = parseXml((await get('/status/bare/feed.atom')).body);
    expect(childrenNamed(feed, 'entry')).toHaveLength(0);
  });

  it('answers 304 to a matching If-None-Match on every representation', async () => {
    for (const url of EVERY_REPRESENTATION) {
      const first = await get(url);
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"[\w-]+"$/);
      const again = await get(url, { 'if-none-match': etag });
      expect(again.statusCode, url).toBe(304);
      expect(again.body).toBe('');
      expect(again.headers.etag).toBe(etag);
      expect((await get(url, { 'if-none-match': '"other"' })).statusCode).toBe(200);
    }
  });

  it('describes the JSON answer in the OpenAPI document, and leaves the HTML routes out of it', async () => {
    const doc = (await get('/docs/json')).json();
    const operation = doc.paths['/api/v1/public/status-pages/{slug}'].get;
    expect(operation.security).toEqual([]);
    expect(JSON.stringify(operation.responses['200'])).toContain('PublicStatusPage');
    expect(doc.components.schemas.PublicStatusPage.properties).toHaveProperty('incidents');
    expect(Object.keys(doc.paths).filter((key) => key.startsWith('/status'))).toEqual([]);
  });

  it('sends the same bytes gzipped to a client that takes gzip, under a validator of their own', async () => {
    const plain = await get('/status/acme');
    const zipped = await get('/status/acme', { 'accept-encoding': 'br, gzip;q=0.8' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('accept-encoding');
    expect(gunzipSync(zipped.rawPayload).toString()).toBe(plain.body);
    expect(zipped.headers.etag).not.toBe(plain.headers.etag);
    const again = await get('/status/acme', {
      'accept-encoding': 'gzip',
      'if-none-match': zipped.headers.etag as string,
    });
    expect(again.statusCode).toBe(304);
    expect(
      (await get('/status/acme', { 'accept-encoding': 'gzip;q=0, identity' })).headers['content-encoding'],
    ).toBeUndefined();
  });

  it('answers an unknown slug with a 404 page, and the API with a JSON 404', async () => {
    for (const url of [
      '/status/nope',
      '/status/NOPE',
      '/status/nope/feed.atom',
      `/status/${'a'.repeat(49)}`,
    ]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.body).toContain('Status page not found');
    }
    const api = await get('/api/v1/public/status-pages/nope');
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});

const jsonFeed = z.object({
  version: z.literal('https://jsonfeed.org/version/1.1'),
  title: z.string(),
  home_page_url: z.url(),
  feed_url: z.url(),
  authors: z.array(z.object({ name: z.string() })).min(1),
  items: z
    .array(
      z
        .object({
          id: z.string().min(1),
          url: z.url(),
          title: z.string(),
          content_text: z.string(),
          date_published: z.iso.datetime(),
        })
        .strict(),
    )
    .max(STATUS_PAGE_LIMITS.feedEntries),
});

describe('the feeds', () => {
  it('carry each incident opened and resolved and each posted update, newest first, as Atom 1.0', async () => {
    const response = await get('/status/acme/feed.atom');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const feed = parseXml(response.body);
    expect(feed.name).toBe('feed');
    expect(feed.attributes.xmlns).toBe('http://www.w3.org/2005/Atom');
    expect(childText(feed, 'id')).toMatch(/^tag:mcpulse,2026:status-page:[0-9a-f-]{36}$/);
    expect(childText(feed, 'title')).toBe(`${HOSTILE_TITLE} status`);
    const entries = childrenNamed(feed, 'entry');
    expect(entries.map((entry) => childText(entry, 'title'))).toEqual([
      'Identified: Outage: Docs API',
      'Investigating: Outage: Docs API',
      'Outage: Docs API',
      'Resolved: Outage: Docs API',
      'Resolved: Outage: Docs API',
      'Maintenance ended: Database upgrade',
      'Outage: Docs API',
      'Maintenance started: Database upgrade',
    ]);
    expect(childText(feed, 'updated')).toBe(childText(entries[0]!, 'updated'));
    const times = entries.map((entry) => Date.parse(childText(entry, 'updated')!));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(new Set(entries.map((entry) => childText(entry, 'id'))).size).toBe(entries.length);
    expect(childText(entries[1]!, 'content')).toBe(HOSTILE_UPDATE);
    expect(childrenNamed(entries[0]!, 'link')[0]!.attributes.href).toBe(
      `http://localhost/status/acme#incident-${activeIncidentId}`,
    );
  });

  it('are kept drawn for a few origins only, whatever ports Host headers name, each linking its own', async () => {
    const cache = statusPageCacheOf(t.options, () => clock);
    await get('/status/acme/feed.atom', { host: 'localhost:1' });
    const before = cache.stats().drawings;
    for (let port = 2; port <= 20; port += 1) {
      const feed = (await get('/status/acme/feed.json', { host: `localhost:${port}` })).json<{
        feed_url: string;
      }>();
      expect(feed.feed_url).toBe(`http://localhost:${port}/status/acme/feed.json`);
    }
    // The first origins are kept (STATUS_PAGE_CACHE_DEFAULTS.maxOriginsPerPage), the rest drawn per answer.
    expect(cache.stats().drawings - before).toBeLessThanOrEqual(4);
    expect((await get('/status/acme')).statusCode).toBe(200);
  });

  it('carry the same entries as a JSON Feed 1.1', async () => {
    const response = await get('/status/acme/feed.json');
    expect(response.headers['content-type']).toBe('application/feed+json; charset=utf-8');
    const feed = jsonFeed.parse(response.json());
    const atom = childrenNamed(parseXml((await get('/status/acme/feed.atom')).body), 'entry');
    expect(feed.items.map((item) => item.id)).toEqual(atom.map((entry) => childText(entry, 'id')));
    expect(feed.items[1]!.content_text).toBe(HOSTILE_UPDATE);
    expect(feed.feed_url).toBe('http://localhost/status/acme/feed.json');
  });
});

describe('the cache', () => {
  it('serves a page from memory until the shortest check interval (at most 30 s) has passed, or its owner changed it', async () => {
    const db = t.database.handle.db;
    const monitorId = await insertMonitor(db, owner.organizationId, { name: 'Cached' });
    await seedMonitorState(db, monitorId, NOW);
    const pageId = await insertStatusPage(db, owner.organizationId, {
      slug: 'cached',
      groups: [{ name: 'G', monitors: [{ monitorId }] }],
    });
    await db.update(monitors).set({ intervalSeconds: 30 }).where(eq(monitors.id, monitorId));
    const first = await get('/status/cached');
    await insertIncident(db, {
      organizationId: owner.organizationId,
      monitorId,
      startedAt: NOW,
      endedAt: null,
    });
    clock = new Date(NOW.getTime() + 29_000);
    expect((await get('/status/cached')).headers.etag).toBe(first.headers.etag);
    clock = new Date(NOW.getTime() + 30_001);
    const refreshed = await get('/status/cached');
    expect(refreshed.headers.etag).not.toBe(first.headers.etag);
    expect(refreshed.body).toContain('Active incidents');

    await insertIncident(db, {
      organizationId: owner.organizationId,
      monitorId,
      startedAt: new Date(NOW.getTime() - HOUR),
      endedAt: new Date(NOW.getTime() - HOUR + 60_000),
    });
    expect((await get('/status/cached')).headers.etag).toBe(refreshed.headers.etag);
    statusPageCacheOf(t.options, () => clock).forget(pageId);
    expect((await get('/status/cached')).headers.etag).not.toBe(refreshed.headers.etag);
    clock = NOW;
  });

  it('lets browsers and proxies keep a page no longer than its facts have left, at most one check interval', async () => {
    const db = t.database.handle.db;
    const monitorId = await insertMonitor(db, owner.organizationId, { name: 'Aging' });
    await seedMonitorState(db, monitorId, NOW);
    await insertStatusPage(db, owner.organizationId, {
      slug: 'aging',
      groups: [{ name: 'G', monitors: [{ monitorId }] }],
    });
    // Read at NOW for 30 s (the shortest check interval there is): a copy taken later has less left.
    const first = await get('/status/aging');
    expect(first.headers['cache-control']).toBe('public, max-age=30');
    clock = new Date(NOW.getTime() + 23_000);
    for (const url of ['/status/aging', '/status/aging/feed.atom', '/api/v1/public/status-pages/aging']) {
      expect((await get(url)).headers['cache-control'], url).toBe('public, max-age=7');
    }
    const revalidated = await get('/status/aging', { 'if-none-match': first.headers.etag as string });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.headers['cache-control']).toBe('public, max-age=7');
    clock = new Date(NOW.getTime() + 29_999);
    expect((await get('/status/aging')).headers['cache-control']).toBe('public, max-age=0');
    clock = NOW;
  });

  it('shows an owner’s edit, a deletion and a posted update at once, through the owner API', async () => {
    const monitorId = await insertMonitor(t.database.handle.db, owner.organizationId, { name: 'Edited' });
    const call = (method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: owner.headers, ...(payload ? { payload } : {}) });
    const body = { slug: 'edited', title: 'Before', groups: [{ name: 'G', monitors: [{ monitorId }] }] };
    // Asked for before it exists: the cached "no such page" must not outlive the page's creation.
    expect((await get('/status/edited')).statusCode).toBe(404);
    const created = await call('POST', '/api/v1/status-pages', body);
    expect(created.statusCode, created.body).toBe(201);
    const pageId = created.json<{ id: string }>().id;
    expect((await get('/status/edited')).body).toContain('<bdi>Before</bdi>');
    const replaced = await call('PUT', `/api/v1/status-pages/${pageId}`, { ...body, title: 'After' });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect((await get('/status/edited')).body).toContain('<bdi>After</bdi>');

    const incidentId = await insertIncident(t.database.handle.db, {
      organizationId: owner.organizationId,
      monitorId,
      startedAt: new Date(NOW.getTime() - 60_000),
      endedAt: null,
    });
    expect((await get('/status/edited')).body).not.toContain('Active incidents');
    const posted = await call('POST', `/api/v1/incidents/${incidentId}/updates`, {
      status: 'monitoring',
      message: 'A fix is rolling out.',
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const html = (await get('/status/edited')).body;
    expect(html).toContain('Active incidents');
    expect(html).toContain('A fix is rolling out.');

    expect((await call('DELETE', `/api/v1/status-pages/${pageId}`)).statusCode).toBe(204);
    expect((await get('/status/edited')).statusCode).toBe(404);
  });
});
