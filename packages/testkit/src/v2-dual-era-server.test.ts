import { afterEach, describe, expect, it } from 'vitest';
import type { FixtureServer } from './fixture-server.js';
import { LEGACY_INITIALIZE, POST_HEADERS, v1ToolNames, v2ToolNames } from './test-support/clients.js';
import { startV2DualEra } from './v2-dual-era-server.js';

describe('startV2DualEra', () => {
  let fixture: FixtureServer | undefined;
  afterEach(async () => {
    await fixture?.close();
    fixture = undefined;
  });

  it('serves the modern era to a negotiating v2 client', async () => {
    fixture = await startV2DualEra();
    expect(await v2ToolNames(fixture.url)).toEqual({ names: ['echo', 'add', 'get_weather'], era: 'modern' });
  });

  it('serves the legacy era statelessly to a v1 client, with setTools applied per request', async () => {
    fixture = await startV2DualEra();
    expect(await v1ToolNames(fixture.url, 'streamable-http')).toEqual(['echo', 'add', 'get_weather']);
    fixture.setTools([{ name: 'legacy_only', input: {} }]);
    expect(await v1ToolNames(fixture.url, 'streamable-http')).toEqual(['legacy_only']);
    expect((await v2ToolNames(fixture.url)).names).toEqual(['legacy_only']);
  });

  it('answers a legacy initialize over SSE without a session id', async () => {
    fixture = await startV2DualEra();
    const res = await fetch(fixture.url, {
      method: 'POST',
      headers: POST_HEADERS,
      body: JSON.stringify(LEGACY_INITIALIZE),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    expect(res.headers.get('mcp-session-id')).toBeNull();
    expect(await res.text()).toContain('"serverInfo":{"name":"fixture-v2-dual"');
  });
});
