import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { FixtureServer } from './fixture-server.js';
import { LEGACY_INITIALIZE, POST_HEADERS, v1ToolNames } from './test-support/clients.js';
import { startV1Stateless } from './v1-stateless-server.js';

describe('startV1Stateless', () => {
  let fixture: FixtureServer | undefined;
  afterEach(async () => {
    await fixture?.close();
    fixture = undefined;
  });

  it('lists the default tools and applies setTools to the next request', async () => {
    fixture = await startV1Stateless();
    expect(await v1ToolNames(fixture.url, 'streamable-http')).toEqual(['echo', 'add', 'get_weather']);
    fixture.setTools([
      { name: 'one', input: {} },
      { name: 'two', input: { n: z.number() } },
    ]);
    expect(await v1ToolNames(fixture.url, 'streamable-http')).toEqual(['one', 'two']);
  });

  it('answers with JSON and no session id by default', async () => {
    fixture = await startV1Stateless();
    const res = await fetch(fixture.url, {
      method: 'POST',
      headers: POST_HEADERS,
      body: JSON.stringify(LEGACY_INITIALIZE),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('mcp-session-id')).toBeNull();
    expect(await res.json()).toMatchObject({ result: { serverInfo: { name: 'fixture-v1-stateless' } } });
    const get = await fetch(fixture.url, { headers: { accept: 'text/event-stream' } });
    expect(get.status).toBe(405);
    await get.body?.cancel();
  });

  it('answers over SSE when jsonResponse is false', async () => {
    fixture = await startV1Stateless({ jsonResponse: false });
    const res = await fetch(fixture.url, {
      method: 'POST',
      headers: POST_HEADERS,
      body: JSON.stringify(LEGACY_INITIALIZE),
    });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    expect(await res.text()).toMatch(/^event: message\ndata: \{.*"protocolVersion"/m);
    expect(await v1ToolNames(fixture.url, 'streamable-http')).toHaveLength(3);
  });

  it('lists no tools, keeping the tools capability, when given an empty list', async () => {
    fixture = await startV1Stateless({ tools: [] });
    expect(await v1ToolNames(fixture.url, 'streamable-http')).toEqual([]);
  });
});
