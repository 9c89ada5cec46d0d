import { afterEach, describe, expect, it } from 'vitest';
import type { FixtureServer } from './fixture-server.js';
import { startSdk2024Sse } from './sdk-2024-sse-server.js';
import { LEGACY_INITIALIZE, POST_HEADERS, v1ToolNames } from './test-support/clients.js';

/** Opens the SSE stream, POSTs `initialize` to the announced endpoint, returns the answer's result. */
async function initializeOverSse(url: string, protocolVersion: string): Promise<Record<string, unknown>> {
  const controller = new AbortController();
  const stream = await fetch(url, { headers: { accept: 'text/event-stream' }, signal: controller.signal });
  const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  const nextData = async (event: string): Promise<string> => {
    for (;;) {
      const match = new RegExp(`event: ${event}\\ndata: (.*)\\n\\n`).exec(buffered);
      if (match) {
        buffered = buffered.slice(match.index + match[0].length);
        return match[1] ?? '';
      }
      const { value, done } = await reader.read();
      if (done) throw new Error(`stream ended before a ${event} event`);
      buffered += value;
    }
  };
  try {
    const endpoint = new URL(await nextData('endpoint'), url);
    const init = { ...LEGACY_INITIALIZE, params: { ...LEGACY_INITIALIZE.params, protocolVersion } };
    const posted = await fetch(endpoint, {
      method: 'POST',
      headers: POST_HEADERS,
      body: JSON.stringify(init),
    });
    await posted.body?.cancel();
    return (JSON.parse(await nextData('message')) as { result: Record<string, unknown> }).result;
  } finally {
    controller.abort();
  }
}

describe('startSdk2024Sse', () => {
  let fixture: FixtureServer | undefined;
  afterEach(async () => {
    await fixture?.close();
    fixture = undefined;
  });

  it('lists the default tools over HTTP+SSE and applies setTools to the next session', async () => {
    fixture = await startSdk2024Sse();
    expect(fixture.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sse$/);
    expect(await v1ToolNames(fixture.url, 'sse')).toEqual(['echo', 'add', 'get_weather']);
    fixture.setTools([{ name: 'renamed', input: {} }]);
    expect(await v1ToolNames(fixture.url, 'sse')).toEqual(['renamed']);
  });

  it('answers an offer of 2025-11-25 with 2024-11-05, the only version it knows', async () => {
    fixture = await startSdk2024Sse();
    const result = await initializeOverSse(fixture.url, '2025-11-25');
    expect(result).toMatchObject({
      protocolVersion: '2024-11-05',
      serverInfo: { name: 'fixture-sdk-2024-sse', version: '1.0.0' },
    });
  });

  it('answers a Streamable HTTP POST with the HTML 404 of an express app', async () => {
    fixture = await startSdk2024Sse();
    const answer = await fetch(fixture.url, {
      method: 'POST',
      headers: POST_HEADERS,
      body: JSON.stringify(LEGACY_INITIALIZE),
    });
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await answer.text()).toContain('Cannot POST /sse');
  });
});
