import { afterEach, describe, expect, it } from 'vitest';
import type { FixtureServer } from './fixture-server.js';
import { startPlaywrightMcp } from './playwright-mcp-server.js';
import { LEGACY_INITIALIZE, POST_HEADERS, v1ToolNames } from './test-support/clients.js';

describe('startPlaywrightMcp', () => {
  let fixture: FixtureServer | undefined;
  afterEach(async () => {
    await fixture?.close();
    fixture = undefined;
  });

  it('serves HTTP+SSE at /sse without a browser and refuses a POST there with a plain-text 400', async () => {
    fixture = await startPlaywrightMcp();
    expect(fixture.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sse$/);
    expect(await v1ToolNames(fixture.url, 'sse')).toContain('browser_navigate');
    const answer = await fetch(fixture.url, {
      method: 'POST',
      headers: POST_HEADERS,
      body: JSON.stringify(LEGACY_INITIALIZE),
    });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toBeNull();
    expect(await answer.text()).toBe('Missing sessionId');
    expect(() => fixture?.setTools([])).toThrow(/not supported/);
  });
});
