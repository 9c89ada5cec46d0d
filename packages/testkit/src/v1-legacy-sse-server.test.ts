import { afterEach, describe, expect, it } from 'vitest';
import type { FixtureServer } from './fixture-server.js';
import { LEGACY_INITIALIZE, POST_HEADERS, v1ToolNames } from './test-support/clients.js';
import { startV1LegacySse } from './v1-legacy-sse-server.js';

describe('startV1LegacySse', () => {
  let fixture: FixtureServer | undefined;
  afterEach(async () => {
    await fixture?.close();
    fixture = undefined;
  });

  it('lists the default tools over HTTP+SSE and applies setTools to the next session', async () => {
    fixture = await startV1LegacySse();
    expect(fixture.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sse$/);
    expect(await v1ToolNames(fixture.url, 'sse')).toEqual(['echo', 'add', 'get_weather']);
    fixture.setTools([{ name: 'renamed', input: {} }]);
    expect(await v1ToolNames(fixture.url, 'sse')).toEqual(['renamed']);
    expect(
      fixture.requests.some((r) => r.method === 'POST' && r.path.startsWith('/messages?sessionId=')),
    ).toBe(true);
  });

  it('refuses Streamable HTTP POSTs so auto clients fall back', async () => {
    fixture = await startV1LegacySse();
    const body = JSON.stringify(LEGACY_INITIALIZE);
    const onSse = await fetch(fixture.url, { method: 'POST', headers: POST_HEADERS, body });
    const onMcp = await fetch(fixture.url.replace(/\/sse$/, '/mcp'), {
      method: 'POST',
      headers: POST_HEADERS,
      body,
    });
    expect(onSse.status).toBe(405);
    expect(onMcp.status).toBe(404);
    await Promise.all([onSse.body?.cancel(), onMcp.body?.cancel()]);
  });

  it('closes while an SSE stream is open', async () => {
    fixture = await startV1LegacySse();
    const stream = await fetch(fixture.url, { headers: { accept: 'text/event-stream' } });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toMatch(/event: endpoint\ndata: \/messages\?sessionId=/);
    await fixture.close();
    await reader.cancel().catch(() => undefined);
  });
});
