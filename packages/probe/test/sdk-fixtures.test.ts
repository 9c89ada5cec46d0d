import {
  DEFAULT_TOOLS,
  type FixtureServer,
  startSdk2024Sse,
  startV1LegacySse,
  startV1Sessionful,
  startV1Stateless,
  startV2DualEra,
  startV2ModernOnly,
} from '@mcpulse/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { expectPhasesAddUp } from './support/phases.js';
import { runProbe } from './support/run-probe.js';

let fixture: FixtureServer | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

async function probeFixture(
  start: () => Promise<FixtureServer>,
  transport?: 'auto' | 'streamable-http' | 'sse',
) {
  fixture = await start();
  return runProbe({ url: fixture.url, allowPrivateAddresses: true, ...(transport ? { transport } : {}) });
}

const cases = [
  {
    kind: 'v1 sessionful',
    start: () => startV1Sessionful(),
    era: 'legacy',
    version: '2025-11-25',
    transport: 'streamable-http',
    name: 'fixture-v1-sessionful',
  },
  {
    kind: 'v1 stateless (JSON)',
    start: () => startV1Stateless(),
    era: 'legacy',
    version: '2025-11-25',
    transport: 'streamable-http',
    name: 'fixture-v1-stateless',
  },
  {
    kind: 'v1 stateless (SSE)',
    start: () => startV1Stateless({ jsonResponse: false }),
    era: 'legacy',
    version: '2025-11-25',
    transport: 'streamable-http',
    name: 'fixture-v1-stateless',
  },
  {
    kind: 'v1 legacy HTTP+SSE',
    start: () => startV1LegacySse(),
    era: 'legacy',
    version: '2025-11-25',
    transport: 'sse',
    name: 'fixture-v1-legacy-sse',
  },
  {
    kind: 'SDK 1.0.4 HTTP+SSE (2024-11-05 only)',
    start: () => startSdk2024Sse(),
    era: 'legacy',
    version: '2024-11-05',
    transport: 'sse',
    name: 'fixture-sdk-2024-sse',
  },
  {
    kind: 'v2 modern-only',
    start: () => startV2ModernOnly(),
    era: 'modern',
    version: '2026-07-28',
    transport: 'streamable-http',
    name: 'fixture-v2-modern',
  },
  {
    kind: 'v2 dual-era',
    start: () => startV2DualEra(),
    era: 'modern',
    version: '2026-07-28',
    transport: 'streamable-http',
    name: 'fixture-v2-dual',
  },
] as const;

describe('servers built with the official SDKs', () => {
  for (const c of cases) {
    it(`reports ${c.kind} up with its era, version and tool count`, async () => {
      const { result, tools } = await probeFixture(c.start);
      expect(result).toMatchObject({
        status: 'up',
        error: null,
        httpAlive: true,
        era: c.era,
        protocolVersion: c.version,
        transport: c.transport,
        serverInfo: { name: c.name, version: '1.0.0' },
        toolCount: DEFAULT_TOOLS.length,
      });
      expect(result.schemaHash).toMatch(/^[0-9a-f]{64}$/);
      expect(tools?.map((tool) => tool.name).sort()).toEqual(DEFAULT_TOOLS.map((tool) => tool.name).sort());
      expect(result.capabilities).toHaveProperty('tools');
      const { timings } = result;
      expect(timings.connectMs).toBeGreaterThan(0);
      expect(timings.handshakeMs).toBeGreaterThan(0);
      expect(timings.toolsListMs).toBeGreaterThan(0);
      expect(timings.tlsMs).toBeNull();
      expectPhasesAddUp(timings);
      // A 2025-era server refuses the modern request first: that time is negotiation, not handshake.
      if (c.era === 'legacy') expect(timings.negotiationMs).toBeGreaterThan(0);
      else expect(timings.negotiationMs).toBeNull();
    });
  }

  it('ends the session it opened with DELETE and echoes session and version headers', async () => {
    const { result } = await probeFixture(() => startV1Sessionful());
    expect(result.status).toBe('up');
    const requests = fixture?.requests ?? [];
    const toolsList = requests.filter((request) => request.method === 'POST').at(-1);
    expect(toolsList?.headers['mcp-session-id']).toBeTruthy();
    expect(toolsList?.headers['mcp-protocol-version']).toBe('2025-11-25');
    expect(requests.at(-1)).toMatchObject({ method: 'DELETE' });
    expect(requests.at(-1)?.headers['mcp-session-id']).toBe(toolsList?.headers['mcp-session-id']);
  });

  it('sends the modern headers and the _meta envelope that the v2 server requires', async () => {
    const { result } = await probeFixture(() => startV2ModernOnly());
    expect(result.status).toBe('up');
    const posts = (fixture?.requests ?? []).filter((request) => request.method === 'POST');
    expect(posts.map((request) => request.headers['mcp-method'])).toEqual(['server/discover', 'tools/list']);
    for (const post of posts) expect(post.headers['mcp-protocol-version']).toBe('2026-07-28');
  });

  it('uses the legacy SSE transport directly when told to', async () => {
    const { result } = await probeFixture(() => startV1LegacySse(), 'sse');
    expect(result).toMatchObject({ status: 'up', transport: 'sse', era: 'legacy' });
    expect((fixture?.requests ?? []).every((request) => !request.path.startsWith('/mcp'))).toBe(true);
  });

  it('sends the version each SSE server negotiated on the POSTs after initialize', async () => {
    for (const [start, version] of [
      [() => startV1LegacySse(), '2025-11-25'],
      [() => startSdk2024Sse(), '2024-11-05'],
    ] as const) {
      const { result } = await probeFixture(start, 'sse');
      expect(result).toMatchObject({ status: 'up', protocolVersion: version });
      const posts = (fixture?.requests ?? []).filter((request) => request.path.startsWith('/messages'));
      expect(posts).toHaveLength(3);
      expect(posts[0]?.headers['mcp-protocol-version']).toBeUndefined();
      for (const post of posts.slice(1)) expect(post.headers['mcp-protocol-version']).toBe(version);
      await fixture?.close();
      fixture = undefined;
    }
  });

  it('does not try the SSE transport when the monitor is pinned to streamable-http', async () => {
    const { result } = await probeFixture(() => startV1LegacySse(), 'streamable-http');
    expect(result.status).toBe('down');
    expect(result.error?.httpStatus).toBe(405);
    expect((fixture?.requests ?? []).some((request) => request.method === 'GET')).toBe(false);
  });

  it('hashes the same tools the same way whichever era served them', async () => {
    const modern = await probeFixture(() => startV2ModernOnly());
    await fixture?.close();
    const dual = await probeFixture(() => startV2DualEra({ name: 'fixture-v2-modern' }));
    expect(dual.result.schemaHash).toBe(modern.result.schemaHash);
  });

  it('sees a changed tool list as a changed hash', async () => {
    const before = await probeFixture(() => startV2DualEra());
    fixture?.setTools(DEFAULT_TOOLS.slice(1));
    const after = await runProbe({ url: fixture?.url ?? '', allowPrivateAddresses: true });
    expect(after.result.toolCount).toBe(DEFAULT_TOOLS.length - 1);
    expect(after.result.schemaHash).not.toBe(before.result.schemaHash);
  });

  it('reports an empty tool list from a real SDK server as no_tools', async () => {
    const { result } = await probeFixture(() => startV1Sessionful({ tools: [] }));
    expect(result).toMatchObject({
      status: 'down',
      toolCount: 0,
      error: { code: 'no_tools', phase: 'tools_list' },
    });
  });

  it('marks a check slower than the degraded threshold as degraded', async () => {
    fixture = await startV2ModernOnly();
    const { result } = await runProbe({
      url: fixture.url,
      allowPrivateAddresses: true,
      degradedThresholdMs: 0.001,
    });
    expect(result).toMatchObject({ status: 'degraded', error: null });
  });
});
