import { incidents, insertResults, monitorState, monitors, schemaSnapshots } from '@mcpulse/db';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everyMinute, insertMonitor, storedResult } from './support/read-fixtures.js';
import { type Caller, createTestApp, signUpUser, type TestApp } from './support/test-app.js';

const NOW = new Date('2026-11-26T12:34:00Z');
const FIRST_CHECK = new Date('2026-11-26T00:00:02Z');
const HOSTILE_VERSION = '\u202e<b>&"\'\u0007 2026-07-28 and then a great deal more text';

let t: TestApp;
let owner: Caller;
let stranger: Caller;
/** Badges public, with a day of checks, one confirmed 20-minute outage, 3 tools and a hostile protocol version. */
let shown: string;
/** A public status, but badges private. */
let statusOnly: string;

async function put(
  caller: Caller,
  id: string,
  payload: Record<string, unknown>,
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'PUT',
    url: `/api/v1/monitors/${id}/badges`,
    headers: caller.headers,
    payload,
  });
}

async function badge(id: string, file: string, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'GET', url: `/api/v1/public/monitors/${id}/badges/${file}`, headers });
}

async function seedShown(): Promise<string> {
  const db = t.database.handle.db;
  const id = await insertMonitor(db, owner.organizationId, { name: 'Badge server' });
  const rows = everyMinute('2026-11-26T00:00:00Z', '2026-11-26T12:34:00Z').map((slot) => {
    const minute = slot.toISOString().slice(11, 16);
    const down = minute >= '10:00' && minute < '10:20';
    return storedResult(id, 'eu-west', slot, down ? 'down' : 'up', down ? 10_000 : 80);
  });
  await insertResults(db, rows);
  await db
    .insert(schemaSnapshots)
    .values({ monitorId: id, hash: 'h1', tools: [], toolCount: 3, sizeBytes: 2 });
  await db.insert(monitorState).values({
    monitorId: id,
    status: 'up',
    firstCheckedAt: FIRST_CHECK,
    lastCheckedAt: new Date('2026-11-26T12:33:02Z'),
    schemaHash: 'h1',
    protocolTracking: {
      confirmed: { era: 'modern', protocolVersion: HOSTILE_VERSION, transport: 'streamable-http' },
      candidate: null,
      seen: 0,
      candidateSince: null,
    },
  });
  await db.insert(incidents).values({
    organizationId: owner.organizationId,
    monitorId: id,
    kind: 'down',
    startedAt: new Date('2026-11-26T10:00:02Z'),
    endedAt: new Date('2026-11-26T10:20:02Z'),
    errorCode: 'timeout',
    regions: ['eu-west'],
  });
  return id;
}

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  owner = await signUpUser(t.app);
  stranger = await signUpUser(t.app);
  shown = await seedShown();
  statusOnly = await insertMonitor(t.database.handle.db, owner.organizationId, { isPublic: true });
  expect((await put(owner, shown, { public: true })).statusCode).toBe(200);
});

afterAll(async () => {
  await t?.close();
});

/** The text of each `<text>` element that is drawn (not the shadow copies marked aria-hidden). */
function visibleTexts(svg: string): string[] {
  const withoutShadows = svg.replace(/<g aria-hidden="true"[^>]*>.*?<\/g>/g, '');
  return [...withoutShadows.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]!);
}

describe("the owner's switch", () => {
  it('starts private, turns public and back, and says so', async () => {
    const id = await insertMonitor(t.database.handle.db, owner.organizationId);
    const read = await t.app.inject({
      method: 'GET',
      url: `/api/v1/monitors/${id}/badges`,
      headers: owner.headers,
    });
    expect(read.json()).toEqual({ public: false });
    expect((await badge(id, 'status.svg')).statusCode).toBe(404);

    const on = await put(owner, id, { public: true });
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json()).toEqual({ public: true });
    expect((await badge(id, 'status.svg')).statusCode).toBe(200);

    // The badge was cached while public; turning it off must not wait for the cache.
    expect((await put(owner, id, { public: false })).json()).toEqual({ public: false });
    expect((await badge(id, 'status.svg')).statusCode).toBe(404);
  });

  it("treats another organisation's monitor as missing", async () => {
    expect((await put(stranger, shown, { public: false })).statusCode).toBe(404);
    const read = await t.app.inject({
      method: 'GET',
      url: `/api/v1/monitors/${shown}/badges`,
      headers: stranger.headers,
    });
    expect(read.statusCode).toBe(404);
    expect((await badge(shown, 'status.svg')).statusCode).toBe(200);
  });

  it('refuses a body without a boolean, naming the field, and a read-scoped key', async () => {
    const bad = await put(owner, shown, { public: 'yes' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('public');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: owner.headers,
      payload: { name: 'reader', scope: 'read' },
    });
    const { secret } = created.json<{ secret: string }>();
    const refused = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/monitors/${shown}/badges`,
      headers: { authorization: `Bearer ${secret}` },
      payload: { public: false },
    });
    expect(refused.statusCode).toBe(403);
    expect((await badge(shown, 'status.svg')).statusCode).toBe(200);
  });
});

describe('not public reads exactly like unknown', () => {
  it('answers the same 404 for private badges, a public status without badges, and no monitor', async () => {
    const privateOne = await insertMonitor(t.database.handle.db, owner.organizationId);
    const answers = await Promise.all(
      [privateOne, statusOnly, '00000000-0000-4000-8000-000000000001'].map((id) =>
        badge(id, 'uptime-30d.svg'),
      ),
    );
    const shape = (response: LightMyRequestResponse) => {
      const { date, 'x-request-id': _requestId, ...headers } = response.headers;
      return { status: response.statusCode, body: response.body, headers };
    };
    expect(answers[0]!.statusCode).toBe(404);
    expect(shape(answers[1]!)).toEqual(shape(answers[0]!));
    expect(shape(answers[2]!)).toEqual(shape(answers[0]!));
    // The JSON variant too.
    expect((await badge(privateOne, 'status.json')).statusCode).toBe(404);
  });
});

describe('SVG badges', () => {
  it('draws the status badge in the flat style with caching headers', async () => {
    const response = await badge(shown, 'status.svg');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(response.headers['cache-control']).toBe('public, max-age=60');
    expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(response.headers['content-security-policy']).toBe("default-src 'none'");
    expect(response.headers.etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    const svg = response.body;
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="(\d+)" height="20" role="img" aria-label="mcp: up"><title>mcp: up<\/title>/,
    );
    expect(svg.endsWith('</svg>')).toBe(true);
    const width = Number(/^<svg [^>]*width="(\d+)"/.exec(svg)![1]);
    const [labelWidth, messageWidth] = [
      ...svg.matchAll(/<rect (?:x="\d+" )?width="(\d+)" height="20" fill="#(?:555|4b0)"\/>/g),
    ].map((match) => Number(match[1]));
    expect(labelWidth! + messageWidth!).toBe(width);
    expect(svg).toContain(`<rect x="${labelWidth}" width="${messageWidth}" height="20" fill="#4b0"/>`);
    expect(svg).toContain('<linearGradient id="s"');
    expect(svg).toContain('rx="3"');
    expect(visibleTexts(svg)).toEqual(['mcp', 'up']);
  });

  it('draws flat-square without rounded corners or gradient, and for-the-badge taller in capitals', async () => {
    const square = (await badge(shown, 'status.svg?style=flat-square')).body;
    expect(square).toMatch(/^<svg [^>]*height="20" role="img" aria-label="mcp: up">/);
    expect(square).not.toContain('rx="3"');
    expect(square).not.toContain('linearGradient');
    expect(square).toContain('shape-rendering="crispEdges"');
    expect(visibleTexts(square)).toEqual(['mcp', 'up']);

    const big = (await badge(shown, 'status.svg?style=for-the-badge')).body;
    expect(big).toMatch(/^<svg [^>]*height="28" role="img" aria-label="MCP: UP">/);
    expect(big).toContain('font-weight="bold"');
    expect(visibleTexts(big)).toEqual(['MCP', 'UP']);
  });

  it('shows the one uptime definition for every window, as the uptime API answers it', async () => {
    const uptime = (
      await t.app.inject({ method: 'GET', url: `/api/v1/monitors/${shown}/uptime`, headers: owner.headers })
    ).json<{ windows: Record<string, { uptime: number }> }>();
    const expected = 1 - (20 * 60_000) / (NOW.getTime() - FIRST_CHECK.getTime());
    for (const window of ['24h', '7d', '30d', '90d']) {
      expect(uptime.windows[window]!.uptime).toBe(expected);
      const svg = (await badge(shown, `uptime-${window}.svg`)).body;
      // 1 − 20 min / 12 h 33 min 58 s = 97.346…%: rounded to two decimals, coloured yellowgreen (97 %–99 %).
      expect(visibleTexts(svg)).toEqual([`uptime ${window}`, '97.35%']);
      expect(svg).toContain('fill="#95991a"');
    }
  });

  it('shows p95 latency of 24 hours, the tool count, and "no data" where there is none', async () => {
    const latency = (
      await t.app.inject({ method: 'GET', url: `/api/v1/monitors/${shown}/latency`, headers: owner.headers })
    ).json<{ windows: { '24h': { overall: { p95: number } } } }>();
    const p95 = latency.windows['24h'].overall.p95;
    expect(visibleTexts((await badge(shown, 'p95.svg')).body)).toEqual(['p95 24h', `${Math.round(p95)} ms`]);
    expect(visibleTexts((await badge(shown, 'tools.svg')).body)).toEqual(['tools', '3']);

    const empty = await insertMonitor(t.database.handle.db, owner.organizationId);
    await put(owner, empty, { public: true });
    expect(visibleTexts((await badge(empty, 'uptime-24h.svg')).body)).toEqual(['uptime 24h', 'no data']);
    expect(visibleTexts((await badge(empty, 'p95.svg')).body)).toEqual(['p95 24h', 'no data']);
    expect(visibleTexts((await badge(empty, 'tools.svg')).body)).toEqual(['tools', 'unknown']);
    expect(visibleTexts((await badge(empty, 'protocol.svg')).body)).toEqual(['mcp protocol', 'unknown']);
    expect(visibleTexts((await badge(empty, 'status.svg')).body)).toEqual(['mcp', 'pending']);
  });

  it('escapes and cuts what the server sent, and a label from the URL', async () => {
    const svg = (await badge(shown, 'protocol.svg')).body;
    expect(svg).not.toContain('<b>');
    expect(svg).not.toContain('\u202e');
    expect(svg).not.toContain('\u0007');
    const message = visibleTexts(svg)[1]!;
    expect(message).toBe('\ufffd&lt;b&gt;&amp;&quot;&apos;\ufffd 2026-07-28 and…');
    // Every < and & left in the document opens a tag or an entity: the text cannot break out.
    expect(svg.replace(/<\/?[a-zA-Z][^<>]*>/g, '').replace(/&(?:lt|gt|amp|quot|apos);/g, '')).not.toMatch(
      /[<>&]/,
    );

    const labelled = (await badge(shown, `status.svg?label=${encodeURIComponent('<script>"x"</script>')}`))
      .body;
    expect(labelled).not.toContain('<script');
    expect(visibleTexts(labelled)[0]).toBe('&lt;script&gt;&quot;x&quot;&lt;/script&gt;');
  });

  it('refuses an unknown badge, style, or an over-long label with 400 naming it', async () => {
    const unknown = await badge(shown, 'coverage.svg');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('badge');
    const style = await badge(shown, 'status.svg?style=plastic');
    expect(style.statusCode).toBe(400);
    expect(style.body).toContain('style');
    const label = await badge(shown, `status.svg?label=${'x'.repeat(65)}`);
    expect(label.statusCode).toBe(400);
    expect(label.body).toContain('label');
    expect((await badge('not-a-uuid', 'status.svg')).statusCode).toBe(400);
  });
});

describe('the shields.io endpoint document', () => {
  it('carries the same label, message and colour as the image', async () => {
    const response = await badge(shown, 'uptime-30d.json');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.json()).toEqual({
      schemaVersion: 1,
      label: 'uptime 30d',
      message: '97.35%',
      color: 'yellowgreen',
      cacheSeconds: 300,
    });
    const styled = (await badge(shown, 'protocol.json?style=for-the-badge&label=spec')).json();
    expect(styled).toEqual({
      schemaVersion: 1,
      label: 'spec',
      message: '\ufffd<b>&"\'\ufffd 2026-07-28 and…',
      color: 'blue',
      style: 'for-the-badge',
      cacheSeconds: 300,
    });
  });
});

describe('conditional requests', () => {
  it('answers 304 without a body to a matching If-None-Match, strong, weak or in a list', async () => {
    const first = await badge(shown, 'tools.svg');
    const etag = first.headers.etag as string;
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const again = await badge(shown, 'tools.svg', { 'if-none-match': ifNoneMatch });
      expect(again.statusCode, ifNoneMatch).toBe(304);
      expect(again.body).toBe('');
      expect(again.headers.etag).toBe(etag);
      expect(again.headers['cache-control']).toBe('public, max-age=60');
    }
    const changed = await badge(shown, 'tools.svg', { 'if-none-match': '"stale"' });
    expect(changed.statusCode).toBe(200);
    expect(changed.body).toBe(first.body);
    // Each badge, format and style has its own bytes, and so its own tag.
    const tags = new Set(
      await Promise.all(
        ['tools.svg', 'tools.json', 'tools.svg?style=flat-square', 'status.svg'].map(
          async (file) => (await badge(shown, file)).headers.etag,
        ),
      ),
    );
    expect(tags.size).toBe(4);
  });
});

describe('rate limits', () => {
  it('spends no address budget on cached badges, and limits only the reads the cache cannot answer', async () => {
    let clock = NOW.getTime();
    const small = await createTestApp({
      now: () => new Date(clock),
      // Unknown badge ids may cost 10 × 2 = 20 reads a minute per address.
      rateLimit: { perKey: 2, perIp: 2, signInPerIp: 10, logInFailuresPerAddress: 10 },
    });
    try {
      const db = small.database.handle.db;
      const caller = await signUpUser(small.app);
      const id = await insertMonitor(db, caller.organizationId);
      await db.update(monitors).set({ badgesPublic: true }).where(eq(monitors.id, id));
      const fetchBadge = (monitorId: string, file: string) =>
        small.app.inject({ method: 'GET', url: `/api/v1/public/monitors/${monitorId}/badges/${file}` });
      // One read of the database, then 40 answers from the cache: none of them is refused.
      const statuses = [];
      for (let i = 0; i < 40; i += 1)
        statuses.push((await fetchBadge(id, i % 2 ? 'status.svg' : 'p95.json')).statusCode);
      expect(statuses.filter((status) => status === 200)).toHaveLength(40);
      // Unknown ids each need a read: 19 more fit the address's budget of 20, the next is refused.
      const unknown = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
      for (let n = 1; n <= 19; n += 1) {
        const answer = await fetchBadge(unknown(n), 'status.svg');
        expect(answer.statusCode, `unknown id ${n}: ${answer.body}`).toBe(404);
      }
      const refused = await fetchBadge(unknown(20), 'status.svg');
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['retry-after']).toBeDefined();
      // A known unknown is answered without spending the budget, and so is a known monitor once
      // its facts are stale (the cache period is 30 s).
      expect((await fetchBadge(unknown(1), 'status.svg')).statusCode).toBe(404);
      clock += 40_000;
      expect((await fetchBadge(id, 'status.svg')).statusCode).toBe(200);
      expect((await fetchBadge(unknown(2), 'status.svg')).statusCode).toBe(404);
      // No badge request spent the general budget of 2 either: sign-up took one, one is left.
      const status = () => small.app.inject({ method: 'GET', url: `/api/v1/public/monitors/${id}/status` });
      expect((await status()).statusCode).toBe(404);
      expect((await status()).statusCode).toBe(429);
    } finally {
      await small.close();
    }
  });
});

describe('the API description', () => {
  it('documents the badge routes', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    const route = doc.paths['/api/v1/public/monitors/{id}/badges/{badge}'];
    expect(route.get.security).toEqual([]);
    const badgeParam = route.get.parameters.find((p: { name: string }) => p.name === 'badge');
    expect(badgeParam.schema.enum).toContain('uptime-90d.svg');
    expect(badgeParam.schema.enum).toContain('protocol.json');
    expect(doc.paths['/api/v1/monitors/{id}/badges'].put).toBeDefined();
  });
});
