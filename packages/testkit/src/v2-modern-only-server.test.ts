import { afterEach, describe, expect, it } from 'vitest';
import type { FixtureServer } from './fixture-server.js';
import { LEGACY_INITIALIZE, POST_HEADERS, v2ToolNames } from './test-support/clients.js';
import { startV2ModernOnly } from './v2-modern-only-server.js';

const ENVELOPE = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '0' },
  'io.modelcontextprotocol/clientCapabilities': {},
};

describe('startV2ModernOnly', () => {
  let fixture: FixtureServer | undefined;
  afterEach(async () => {
    await fixture?.close();
    fixture = undefined;
  });

  it('negotiates the modern era, lists tools and applies setTools to the next request', async () => {
    fixture = await startV2ModernOnly();
    expect(await v2ToolNames(fixture.url)).toEqual({ names: ['echo', 'add', 'get_weather'], era: 'modern' });
    fixture.setTools([{ name: 'swapped', input: {} }]);
    expect((await v2ToolNames(fixture.url)).names).toEqual(['swapped']);
    const discover = fixture.requests.find((r) => r.headers['mcp-method'] === 'server/discover');
    expect(discover?.headers['mcp-protocol-version']).toBe('2026-07-28');
  });

  it('rejects a legacy initialize with -32022 and the supported versions', async () => {
    fixture = await startV2ModernOnly();
    const res = await fetch(fixture.url, {
      method: 'POST',
      headers: POST_HEADERS,
      body: JSON.stringify(LEGACY_INITIALIZE),
    });
    // Observed: HTTP 400, application/json, JSON-RPC error -32022 "Unsupported protocol version: 2025-11-25"
    // with data { supported: ['2026-07-28'], requested: '2025-11-25' }, echoing the request id.
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({
      jsonrpc: '2.0',
      id: 1,
      error: {
        code: -32022,
        message: 'Unsupported protocol version: 2025-11-25',
        data: { supported: ['2026-07-28'], requested: '2025-11-25' },
      },
    });
  });

  it('requires MCP-Protocol-Version and Mcp-Method headers matching the body', async () => {
    fixture = await startV2ModernOnly();
    const body = JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/list', params: { _meta: ENVELOPE } });
    const bare = await fetch(fixture.url, { method: 'POST', headers: POST_HEADERS, body });
    // Observed: 400 with -32020 (header/body mismatch) when either header is missing or differs.
    expect(bare.status).toBe(400);
    expect(await bare.json()).toMatchObject({ id: 7, error: { code: -32020 } });

    const headers = { ...POST_HEADERS, 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/list' };
    const ok = await fetch(fixture.url, { method: 'POST', headers, body });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/json');
    const result = (await ok.json()) as { result: { tools: { name: string }[] } };
    expect(result.result.tools.map((tool) => tool.name)).toEqual(['echo', 'add', 'get_weather']);
  });
});
