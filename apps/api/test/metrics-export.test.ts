import { computeSchemaHash } from '@mcpulse/core';
import { incidents, insertResults, monitorRegionState, monitorState, schemaSnapshots } from '@mcpulse/db';
import { type MetricFamily, parsePrometheus, sampleValue } from '@mcpulse/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everyMinute, insertMonitor, storedResult } from './support/read-fixtures.js';
import { type Caller, createTestApp, signUpUser, type TestApp } from './support/test-app.js';

const NOW = new Date('2026-11-26T12:34:00Z');
const HOSTILE_NAME = `Evil "quote" \\ back\nslash ${'x'.repeat(300)}`;

let t: TestApp;
let owner: Caller;
let stranger: Caller;
let ownerKey: string;
let strangerKey: string;
let watched: string;
let hostile: string;
let theirs: string;

async function createKey(caller: Caller): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/api-keys',
    headers: caller.headers,
    payload: { name: 'prometheus', scope: 'read' },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ secret: string }>().secret;
}

function scrape(key: string | null, accept?: string) {
  return t.app.inject({
    method: 'GET',
    url: '/api/v1/metrics',
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(accept ? { accept } : {}) },
  });
}

async function families(key: string): Promise<MetricFamily[]> {
  const response = await scrape(key);
  expect(response.statusCode, response.body).toBe(200);
  return parsePrometheus(response.body);
}

/**
 * One series of a histogram, parsed by the same parser from the family's lines of that series only:
 * the parser folds every series of a histogram family into one and reads `_count` and `_sum` only
 * without labels, so the series' own labels are taken off once the lines are chosen.
 */
function histogramOf(text: string, name: string, labels: Record<string, string>) {
  const pairs = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const lines = text
    .split('\n')
    .filter(
      (line) =>
        line.startsWith(`# HELP ${name} `) ||
        line.startsWith(`# TYPE ${name} `) ||
        (line.startsWith(`${name}_`) && pairs.every((pair) => line.includes(pair))),
    )
    .map((line) =>
      line.startsWith('#')
        ? line
        : pairs
            .reduce((rest, pair) => rest.replace(`${pair},`, '').replace(pair, ''), line)
            .replace('{}', ''),
    );
  const [family] = parsePrometheus(`${lines.join('\n')}\n`);
  const [series] = family?.metrics ?? [];
  return {
    bucket: (le: string) => Number(series?.buckets?.[le]),
    count: Number(series?.count),
    sum: Number(series?.sum),
  };
}

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  [owner, stranger] = [await signUpUser(t.app), await signUpUser(t.app)];
  [ownerKey, strangerKey] = [await createKey(owner), await createKey(stranger)];
  const db = t.database.handle.db;
  watched = await insertMonitor(db, owner.organizationId, { name: 'Docs server' });
  hostile = await insertMonitor(db, owner.organizationId, { name: HOSTILE_NAME, paused: true });
  theirs = await insertMonitor(db, stranger.organizationId, { name: 'Stranger’s own' });
  // eu-west: every third check down, the others up in 80 ms (handshake 40, tools/list 20, dns 0.5);
  // us-east: degraded in 200 ms, whose handshake (100 ms) sits exactly on a phase bound.
  await insertResults(db, [
    ...everyMinute('2026-11-26T12:00:00Z', '2026-11-26T12:30:00Z').map((slot, i) =>
      storedResult(watched, 'eu-west', slot, i % 3 === 0 ? 'down' : 'up', 80),
    ),
    ...everyMinute('2026-11-26T12:00:00Z', '2026-11-26T12:10:00Z').map((slot) =>
      storedResult(watched, 'us-east', slot, 'degraded', 200),
    ),
    ...everyMinute('2026-11-26T12:00:00Z', '2026-11-26T12:05:00Z').map((slot) =>
      storedResult(theirs, 'eu-west', slot, 'up', 50),
    ),
    // Older than the phase window (an hour): counted in the totals, not in the phases.
    storedResult(watched, 'eu-west', new Date('2026-11-26T10:00:00Z'), 'up', 80),
    // A settled day (more than two days back): its totals are read once, then kept.
    storedResult(watched, 'eu-west', new Date('2026-11-20T10:00:00Z'), 'up', 80),
  ]);
  const tools = [1, 2, 3].map((n) => ({ name: `tool_${n}`, inputSchema: { type: 'object' } }));
  const hash = computeSchemaHash(tools);
  await db.insert(schemaSnapshots).values({ monitorId: watched, hash, tools, toolCount: 3, sizeBytes: 64 });
  await db.insert(monitorState).values([
    { monitorId: watched, status: 'down', schemaHash: hash, lastCheckedAt: new Date('2026-11-26T12:29:02Z') },
    { monitorId: theirs, status: 'up', lastCheckedAt: new Date('2026-11-26T12:04:02Z') },
  ]);
  await db.insert(monitorRegionState).values([
    { monitorId: watched, region: 'eu-west', status: 'down', lastSlot: new Date('2026-11-26T12:29:00Z') },
    { monitorId: watched, region: 'us-east', status: 'up', lastSlot: new Date('2026-11-26T12:09:00Z') },
    { monitorId: theirs, region: 'eu-west', status: 'up', lastSlot: new Date('2026-11-26T12:04:00Z') },
  ]);
  const incident = (kind: 'down' | 'degraded', startedAt: string, endedAt: string | null) => ({
    organizationId: owner.organizationId,
    monitorId: watched,
    kind,
    startedAt: new Date(startedAt),
    endedAt: endedAt ? new Date(endedAt) : null,
    regions: ['eu-west'],
  });
  await db
    .insert(incidents)
    .values([
      incident('down', '2026-11-25T08:00:00Z', '2026-11-25T08:10:00Z'),
      incident('degraded', '2026-11-25T09:00:00Z', '2026-11-25T09:30:00Z'),
      incident('down', '2026-11-26T12:01:00Z', null),
    ]);
});
afterAll(async () => t?.close());

describe('GET /api/v1/metrics', () => {
  it('needs an API key (or a session): anonymous scrapes get 401', async () => {
    const response = await scrape(null);
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('unauthenticated');
    expect((await scrape('mcpk_not_a_real_key')).statusCode).toBe(401);
  });

  it('answers the Prometheus text format by default, parsed by an independent parser', async () => {
    const response = await scrape(ownerKey);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    const list = parsePrometheus(response.body);
    expect(list.find((family) => family.name === 'mcpulse_monitor_checks_total')?.type).toBe('COUNTER');
    expect(list.find((family) => family.name === 'mcpulse_monitor_latency_seconds')?.type).toBe('HISTOGRAM');
  });

  it('states each monitor and region as one-hot gauges, with last check times and tool count', async () => {
    const list = await families(ownerKey);
    const id = { monitor_id: watched };
    expect(sampleValue(list, 'mcpulse_monitor_state', { ...id, state: 'down' })).toBe(1);
    expect(sampleValue(list, 'mcpulse_monitor_state', { ...id, state: 'up' })).toBe(0);
    // A monitor with no state row yet is pending.
    expect(sampleValue(list, 'mcpulse_monitor_state', { monitor_id: hostile, state: 'pending' })).toBe(1);
    expect(sampleValue(list, 'mcpulse_monitor_paused', { monitor_id: hostile })).toBe(1);
    expect(sampleValue(list, 'mcpulse_monitor_paused', id)).toBe(0);
    expect(
      sampleValue(list, 'mcpulse_monitor_region_state', { ...id, region: 'eu-west', state: 'down' }),
    ).toBe(1);
    expect(sampleValue(list, 'mcpulse_monitor_region_state', { ...id, region: 'us-east', state: 'up' })).toBe(
      1,
    );
    expect(
      sampleValue(list, 'mcpulse_monitor_region_state', { ...id, region: 'us-east', state: 'down' }),
    ).toBe(0);
    expect(sampleValue(list, 'mcpulse_monitor_last_check_timestamp_seconds', id)).toBe(
      Date.parse('2026-11-26T12:29:02Z') / 1000,
    );
    expect(
      sampleValue(list, 'mcpulse_monitor_region_last_check_timestamp_seconds', { ...id, region: 'us-east' }),
    ).toBe(Date.parse('2026-11-26T12:09:00Z') / 1000);
    expect(sampleValue(list, 'mcpulse_monitor_tools', id)).toBe(3);
    expect(sampleValue(list, 'mcpulse_monitor_tools', { monitor_id: hostile })).toBeUndefined();
  });

  it('counts checks by outcome and keeps a cumulative latency histogram per region', async () => {
    const list = await families(ownerKey);
    const euWest = { monitor_id: watched, region: 'eu-west' };
    const usEast = { monitor_id: watched, region: 'us-east' };
    expect(sampleValue(list, 'mcpulse_monitor_checks_total', { ...euWest, status: 'up' })).toBe(22);
    expect(sampleValue(list, 'mcpulse_monitor_checks_total', { ...euWest, status: 'down' })).toBe(10);
    expect(sampleValue(list, 'mcpulse_monitor_checks_total', { ...usEast, status: 'degraded' })).toBe(10);
    // A monitor without a check yet still has its counters, at zero, in each of its regions.
    expect(
      sampleValue(list, 'mcpulse_monitor_checks_total', {
        monitor_id: hostile,
        region: 'us-east',
        status: 'up',
      }),
    ).toBe(0);
    const text = (await scrape(ownerKey)).body;
    const west = histogramOf(text, 'mcpulse_monitor_latency_seconds', euWest);
    expect(west.count).toBe(22);
    expect(west.sum).toBeCloseTo(1.76, 6);
    expect(west.bucket('0.05')).toBe(0);
    expect(west.bucket('0.1')).toBe(22);
    expect(west.bucket('+Inf')).toBe(22);
    const east = histogramOf(text, 'mcpulse_monitor_latency_seconds', usEast);
    expect(east.bucket('0.1')).toBe(0);
    expect(east.bucket('0.25')).toBe(10);
    expect(east.count).toBe(10);
    expect(east.sum).toBeCloseTo(2, 6);
    const none = histogramOf(text, 'mcpulse_monitor_latency_seconds', {
      monitor_id: hostile,
      region: 'eu-west',
    });
    expect([none.bucket('+Inf'), none.count, none.sum]).toEqual([0, 0, 0]);
  });

  it('adds recent checks at once, and a late check of a settled day at the next refresh only', async () => {
    const db = t.database.handle.db;
    const upIn = async () =>
      sampleValue(await families(ownerKey), 'mcpulse_monitor_checks_total', {
        monitor_id: watched,
        region: 'us-east',
        status: 'up',
      });
    expect(await upIn()).toBe(0);
    await insertResults(db, [
      storedResult(watched, 'us-east', new Date('2026-11-25T08:00:00Z'), 'up', 90),
      storedResult(watched, 'us-east', new Date('2026-11-19T08:00:00Z'), 'up', 90),
    ]);
    // Yesterday is read at each scrape; the 19th is settled, and its sum was read before.
    expect(await upIn()).toBe(1);
    const other = await createTestApp({ now: () => NOW, db });
    try {
      const fresh = await other.app.inject({
        method: 'GET',
        url: '/api/v1/metrics',
        headers: { authorization: `Bearer ${ownerKey}` },
      });
      expect(
        sampleValue(parsePrometheus(fresh.body), 'mcpulse_monitor_checks_total', {
          monitor_id: watched,
          region: 'us-east',
          status: 'up',
        }),
      ).toBe(2);
    } finally {
      await other.close();
    }
  });

  it('breaks the last hour’s answered checks down by phase, a bound counting what equals it', async () => {
    const list = await families(ownerKey);
    const phase = (region: string, name: string) => ({ monitor_id: watched, region, phase: name });
    const bucketOf = (labels: Record<string, string>, le: string) =>
      sampleValue(list, 'mcpulse_monitor_phase_latency_seconds_bucket', { ...labels, le });
    expect(bucketOf(phase('eu-west', 'handshake'), '0.025')).toBe(0);
    expect(bucketOf(phase('eu-west', 'handshake'), '0.05')).toBe(20);
    expect(bucketOf(phase('eu-west', 'dns'), '0.005')).toBe(20);
    expect(bucketOf(phase('eu-west', 'tools_list'), '0.025')).toBe(20);
    expect(bucketOf(phase('us-east', 'handshake'), '0.05')).toBe(0);
    expect(bucketOf(phase('us-east', 'handshake'), '0.1')).toBe(10);
    expect(bucketOf(phase('us-east', 'handshake'), '+Inf')).toBe(10);
    expect(
      sampleValue(list, 'mcpulse_monitor_phase_latency_seconds_gcount', phase('eu-west', 'handshake')),
    ).toBe(20);
    expect(
      sampleValue(list, 'mcpulse_monitor_phase_latency_seconds_gsum', phase('us-east', 'handshake')),
    ).toBe(1);
    // No TLS over plain HTTP and no canary: no series for phases no check had.
    expect(bucketOf(phase('eu-west', 'tls'), '+Inf')).toBeUndefined();
    expect(bucketOf(phase('eu-west', 'tool_call'), '+Inf')).toBeUndefined();
  });

  it('counts incidents by kind, and those open now', async () => {
    const list = await families(ownerKey);
    const id = { monitor_id: watched };
    expect(sampleValue(list, 'mcpulse_monitor_incidents_total', { ...id, kind: 'down' })).toBe(2);
    expect(sampleValue(list, 'mcpulse_monitor_incidents_total', { ...id, kind: 'degraded' })).toBe(1);
    expect(sampleValue(list, 'mcpulse_monitor_open_incidents', { ...id, kind: 'down' })).toBe(1);
    expect(sampleValue(list, 'mcpulse_monitor_open_incidents', { ...id, kind: 'degraded' })).toBe(0);
    expect(sampleValue(list, 'mcpulse_monitor_incidents_total', { monitor_id: hostile, kind: 'down' })).toBe(
      0,
    );
  });

  it('escapes and bounds a monitor’s name, which only the info series carries', async () => {
    const response = await scrape(ownerKey);
    const list = parsePrometheus(response.body);
    const info = list.find((family) => family.name === 'mcpulse_monitor_info');
    const name = info?.metrics.find((metric) => metric.labels?.monitor_id === hostile)?.labels?.name ?? '';
    expect(Array.from(name)).toHaveLength(128);
    expect(name.startsWith('Evil "quote" \\ back\nslash xxx')).toBe(true);
    expect(response.body).toContain('name="Evil \\"quote\\" \\\\ back\\nslash xxx');
    // One sample per line: the name's line feed never starts a line of its own.
    expect(response.body.split('\n').filter((line) => line.startsWith('slash'))).toEqual([]);
    const withName = list.filter((family) =>
      family.metrics.some((metric) => metric.labels?.name !== undefined),
    );
    expect(withName.map((family) => family.name)).toEqual(['mcpulse_monitor_info']);
  });

  it('shows an organisation only its own monitors', async () => {
    const mine = await scrape(ownerKey);
    const their = await scrape(strangerKey);
    expect(mine.body).toContain(watched);
    expect(mine.body).not.toContain(theirs);
    expect(their.body).toContain(theirs);
    expect(their.body).not.toContain(watched);
    expect(their.body).not.toContain(hostile);
    const list = parsePrometheus(their.body);
    expect(sampleValue(list, 'mcpulse_monitor_checks_total', { monitor_id: theirs, status: 'up' })).toBe(5);
    const ids = new Set(
      their.body.split('\n').flatMap((line) => [...line.matchAll(/monitor_id="([^"]*)"/g)].map((m) => m[1])),
    );
    expect([...ids]).toEqual([theirs]);
  });

  it('answers OpenMetrics when Prometheus asks for it first', async () => {
    const accept =
      'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';
    const response = await scrape(ownerKey, accept);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/openmetrics-text; version=1.0.0; charset=utf-8',
    );
    expect(response.headers.vary).toContain('Accept');
    const lines = response.body.split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.at(-2)).toBe('# EOF');
    expect(lines).toContain('# TYPE mcpulse_monitor_checks counter');
    expect(lines).toContain('# TYPE mcpulse_monitor info');
    expect(lines).toContain('# TYPE mcpulse_monitor_incidents counter');
    expect(lines).toContain('# TYPE mcpulse_monitor_phase_latency_seconds gaugehistogram');
    expect(lines).toContain('# TYPE mcpulse_monitor_latency_seconds histogram');
    // Every other line is a sample of the family declared last, in the shared sample syntax.
    let family = '';
    for (const line of lines.slice(0, -2)) {
      const type = /^# TYPE (\S+) (\S+)$/.exec(line);
      if (type) {
        family = type[1] ?? '';
        continue;
      }
      if (line.startsWith('# HELP ')) continue;
      const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})? (\S+)$/.exec(line);
      expect(sample, line).not.toBeNull();
      expect(sample?.[1]?.startsWith(family), line).toBe(true);
      expect(Number.isNaN(Number(sample?.[3] === '+Inf' ? 'Infinity' : sample?.[3])), line).toBe(false);
    }
    // The same samples as the text format, whatever the families are called.
    const samples = (body: string) => body.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
    expect(samples(response.body).sort()).toEqual(samples((await scrape(ownerKey)).body).sort());
  });

  it('is in the OpenAPI document, for API keys and sessions, with both formats', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    const operation = document.paths['/api/v1/metrics']?.get;
    expect(operation?.tags).toEqual(['metrics']);
    expect(operation?.security).toEqual([{ apiKey: [] }, { session: [] }]);
    expect(Object.keys(operation?.responses?.['200']?.content ?? {}).sort()).toEqual(
      ['application/openmetrics-text', 'text/plain'].sort(),
    );
  });

  it('answers the text format to an Accept that prefers it or names neither', async () => {
    for (const accept of [
      'text/plain',
      'application/json',
      'application/openmetrics-text;q=0.2,text/plain',
    ]) {
      const response = await scrape(ownerKey, accept);
      expect(response.headers['content-type'], accept).toBe('text/plain; version=0.0.4; charset=utf-8');
    }
  });
});
