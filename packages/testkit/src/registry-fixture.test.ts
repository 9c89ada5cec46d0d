import { afterEach, describe, expect, it } from 'vitest';
import { catalogItems, OPTED_OUT_HOST, registryCatalog } from './registry-catalog.js';
import { OFFICIAL_META, type RegistryFixture, startRegistryFixture } from './registry-fixture.js';
import { type RegistryTargets, startRegistryTargets } from './registry-targets.js';

interface ListAnswer {
  servers: Array<{
    server: { name: string; version: string };
    _meta: Record<string, Record<string, unknown>>;
  }>;
  metadata: { count: number; nextCursor?: string };
}

const TARGETS = [{ kind: 'one', type: 'streamable-http' as const, url: 'http://127.0.0.1:9/mcp' }];

async function list(fixture: RegistryFixture, query: Record<string, string> = {}): Promise<ListAnswer> {
  const res = await fetch(`${fixture.url}/v0.1/servers?${new URLSearchParams(query)}`);
  expect(res.status).toBe(200);
  return (await res.json()) as ListAnswer;
}

async function readAll(fixture: RegistryFixture, query: Record<string, string>) {
  const names: Array<string | undefined> = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await list(fixture, { ...query, ...(cursor ? { cursor } : {}) });
    expect(page.metadata.count).toBe(page.servers.length);
    names.push(
      ...page.servers.map((item) => (typeof item.server?.name === 'string' ? item.server.name : undefined)),
    );
    cursor = page.metadata.nextCursor;
    pages++;
  } while (cursor);
  return { names, pages };
}

describe('startRegistryFixture', () => {
  let fixture: RegistryFixture | undefined;
  let targets: RegistryTargets | undefined;
  afterEach(async () => {
    await fixture?.close();
    await targets?.close();
    fixture = undefined;
    targets = undefined;
  });

  it('pages thousands of latest entries by opaque cursor, at most 100 a page', async () => {
    const entries = registryCatalog(TARGETS, { bulk: 3000 });
    fixture = await startRegistryFixture({ items: catalogItems(entries) });
    const { names, pages } = await readAll(fixture, { version: 'latest', limit: '500' });
    const listed = entries.filter((e) => e.expect.status !== 'deleted');
    expect(names).toHaveLength(listed.length);
    expect(pages).toBe(Math.ceil(listed.length / 100));
    expect(new Set(names.filter(Boolean)).size).toBe(names.filter(Boolean).length);
    const cursor = (await list(fixture, { version: 'latest' })).metadata.nextCursor!;
    expect((await fetch(`${fixture.url}/v0.1/servers?cursor=${cursor}x`)).status).toBe(400);
  });

  it('lists every version without version=latest, and deleted ones only when asked or incremental', async () => {
    fixture = await startRegistryFixture({ items: catalogItems(registryCatalog(TARGETS)) });
    const latest = (await readAll(fixture, { version: 'latest' })).names;
    const all = (await readAll(fixture, {})).names;
    expect(all.filter((n) => n?.endsWith('/versioned'))).toHaveLength(2);
    expect(latest.filter((n) => n?.endsWith('/versioned'))).toHaveLength(1);
    expect(latest.some((n) => n?.endsWith('/deleted'))).toBe(false);
    const withDeleted = (await readAll(fixture, { version: 'latest', include_deleted: 'true' })).names;
    expect(withDeleted.some((n) => n?.endsWith('/deleted'))).toBe(true);
    const page = await list(fixture, { search: 'deprecated', version: 'latest' });
    expect(page.servers[0]?._meta[OFFICIAL_META]).toMatchObject({ status: 'deprecated', isLatest: true });
  });

  it('answers updated_since with what changed after it, deleted included', async () => {
    fixture = await startRegistryFixture({ items: catalogItems(registryCatalog(TARGETS)) });
    const since = new Date('2027-01-01T00:00:00Z');
    expect((await list(fixture, { updated_since: since.toISOString() })).servers).toHaveLength(0);
    fixture.setStatus('io.github.mcpulse-fixture/kind-one', 'deleted', new Date('2027-01-02T00:00:00Z'));
    fixture.publish(
      { name: 'io.github.mcpulse-fixture/versioned', version: '3.0.0', description: 'v3', remotes: [] },
      new Date('2027-01-03T00:00:00Z'),
    );
    const changed = await list(fixture, { updated_since: since.toISOString(), version: 'latest' });
    expect(
      changed.servers.map((s) => [s.server.name, s.server.version, s._meta[OFFICIAL_META]?.status]),
    ).toEqual([
      ['io.github.mcpulse-fixture/kind-one', '1.0.0', 'deleted'],
      ['io.github.mcpulse-fixture/versioned', '3.0.0', 'active'],
    ]);
    expect((await fetch(`${fixture.url}/v0.1/servers?updated_since=yesterday`)).status).toBe(400);
    expect(fixture.requests.at(-1)?.get('updated_since')).toBe('yesterday');
  });

  it('serves malformed entries as they are, and faults when told to', async () => {
    fixture = await startRegistryFixture({ items: catalogItems(registryCatalog(TARGETS)) });
    const all = await readAll(fixture, { version: 'latest' });
    expect(all.names).toContain(undefined);
    fixture.faults.push({ kind: 'status', status: 502 }, { kind: 'garbage' }, { kind: 'wrong-shape' });
    expect((await fetch(`${fixture.url}/v0.1/servers`)).status).toBe(502);
    await expect((await fetch(`${fixture.url}/v0.1/servers`)).json()).rejects.toThrow();
    expect(await (await fetch(`${fixture.url}/v0.1/servers`)).json()).toMatchObject({ servers: 'none' });
    fixture.failAfterItems = 10;
    const first = await list(fixture, { version: 'latest', limit: '10' });
    expect((await fetch(`${fixture.url}/v0.1/servers?cursor=${first.metadata.nextCursor}`)).status).toBe(503);
  });

  it('builds a catalog with every special case over live loopback targets', async () => {
    targets = await startRegistryTargets();
    const kinds = targets.targets.map((t) => t.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['v1-stateless', 'v1-legacy-sse', 'auth-required', 'refused']),
    );
    const entries = registryCatalog(targets.targets);
    const skipReasons = new Set(entries.flatMap((e) => e.expect.endpoints.map((p) => p.skipReason)));
    expect(skipReasons).toEqual(new Set([null, 'retired', 'blocked_address', 'opted_out']));
    expect(entries.some((e) => e.expect.invalid)).toBe(true);
    expect(entries.some((e) => e.expect.endpoints.some((p) => p.url.includes(OPTED_OUT_HOST)))).toBe(true);
    const healthy = targets.targets[0]!;
    const res = await fetch(healthy.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '0' } },
      }),
    });
    expect(res.status).toBe(200);
    const refused = targets.targets.find((t) => t.kind === 'refused')!;
    await expect(fetch(refused.url)).rejects.toThrow();
  });
});
