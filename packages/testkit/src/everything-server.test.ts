import { afterEach, describe, expect, it } from 'vitest';
import { startEverything } from './everything-server.js';
import type { FixtureServer } from './fixture-server.js';
import { v1ToolNames } from './test-support/clients.js';

describe('startEverything', () => {
  let fixture: FixtureServer | undefined;
  afterEach(async () => {
    await fixture?.close();
    fixture = undefined;
  });

  it('serves Streamable HTTP on /mcp', async () => {
    fixture = await startEverything('streamableHttp');
    expect(fixture.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const names = await v1ToolNames(fixture.url, 'streamable-http');
    expect(names).toContain('echo');
    expect(names.length).toBeGreaterThan(3);
    expect(() => fixture?.setTools([])).toThrow(/not supported/);
    expect(fixture.requests).toEqual([]);
  });

  it('serves the legacy HTTP+SSE transport on /sse', async () => {
    fixture = await startEverything('sse');
    expect(fixture.url).toMatch(/\/sse$/);
    expect(await v1ToolNames(fixture.url, 'sse')).toContain('echo');
  });
});
