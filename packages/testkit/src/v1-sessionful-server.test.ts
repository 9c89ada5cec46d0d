import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { FixtureServer } from './fixture-server.js';
import { LEGACY_INITIALIZE, POST_HEADERS, v1ToolNames } from './test-support/clients.js';
import { startV1Sessionful } from './v1-sessionful-server.js';

describe('startV1Sessionful', () => {
  let fixture: FixtureServer | undefined;
  afterEach(async () => {
    await fixture?.close();
    fixture = undefined;
  });

  it('lists the default tools and applies setTools to the next session', async () => {
    fixture = await startV1Sessionful();
    expect(fixture.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    expect(await v1ToolNames(fixture.url, 'streamable-http')).toEqual(['echo', 'add', 'get_weather']);

    fixture.setTools([{ name: 'only', input: { x: z.string() } }]);
    expect(await v1ToolNames(fixture.url, 'streamable-http')).toEqual(['only']);
    expect(fixture.requests.map((r) => r.method)).toContain('DELETE');
  });

  it('issues a session id, ends it on DELETE and then answers 404', async () => {
    fixture = await startV1Sessionful();
    const init = await fetch(fixture.url, {
      method: 'POST',
      headers: POST_HEADERS,
      body: JSON.stringify(LEGACY_INITIALIZE),
    });
    const sessionId = init.headers.get('mcp-session-id');
    expect(init.status).toBe(200);
    expect(sessionId).toBeTruthy();
    await init.body?.cancel();

    const del = await fetch(fixture.url, {
      method: 'DELETE',
      headers: { 'mcp-session-id': sessionId ?? '' },
    });
    expect(del.status).toBe(200);
    const after = await fetch(fixture.url, {
      method: 'POST',
      headers: { ...POST_HEADERS, 'mcp-session-id': sessionId ?? '' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
    });
    expect(after.status).toBe(404);
    expect(await after.json()).toMatchObject({ error: { code: -32001 } });
  });

  it('rejects requests without the configured Authorization', async () => {
    fixture = await startV1Sessionful({ requireAuth: 'Bearer s3cret' });
    const denied = await fetch(fixture.url, {
      method: 'POST',
      headers: POST_HEADERS,
      body: JSON.stringify(LEGACY_INITIALIZE),
    });
    expect(denied.status).toBe(401);
    expect(denied.headers.get('www-authenticate')).toBe('Bearer realm="fixture"');
    await denied.body?.cancel();
    expect(
      await v1ToolNames(fixture.url, 'streamable-http', { Authorization: 'Bearer s3cret' }),
    ).toHaveLength(3);
  });

  it('closes while a client holds the GET stream open', async () => {
    fixture = await startV1Sessionful();
    const init = await fetch(fixture.url, {
      method: 'POST',
      headers: POST_HEADERS,
      body: JSON.stringify(LEGACY_INITIALIZE),
    });
    const sessionId = init.headers.get('mcp-session-id') ?? '';
    await init.body?.cancel();
    const stream = await fetch(fixture.url, {
      headers: {
        accept: 'text/event-stream',
        'mcp-session-id': sessionId,
        'mcp-protocol-version': '2025-11-25',
      },
    });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    await fixture.close();
    // The stream ends (cleanly or by reset) instead of keeping the client waiting.
    await stream.text().catch(() => undefined);
  });
});
