import { type FixtureServer, startEverything, startPlaywrightMcp } from '@mcpulse/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProbe } from './support/run-probe.js';

describe('@modelcontextprotocol/server-everything, a server we did not write', () => {
  let streamable: FixtureServer;
  let sse: FixtureServer;
  beforeAll(async () => {
    [streamable, sse] = await Promise.all([startEverything('streamableHttp'), startEverything('sse')]);
  }, 30_000);
  afterAll(async () => {
    await Promise.all([streamable?.close(), sse?.close()]);
  });

  it('is up over Streamable HTTP after falling back from the modern era', async () => {
    const { result, tools } = await runProbe({ url: streamable.url, allowPrivateAddresses: true });
    expect(result).toMatchObject({
      status: 'up',
      era: 'legacy',
      transport: 'streamable-http',
      protocolVersion: '2025-11-25',
      serverInfo: { name: 'mcp-servers/everything' },
    });
    expect(result.toolCount).toBeGreaterThan(5);
    expect(tools?.map((tool) => tool.name)).toContain('echo');
  });

  it('is up over the legacy HTTP+SSE transport, found on auto', async () => {
    const { result } = await runProbe({ url: sse.url, allowPrivateAddresses: true });
    expect(result).toMatchObject({
      status: 'up',
      era: 'legacy',
      transport: 'sse',
      protocolVersion: '2025-11-25',
    });
  });

  it('lists the same tools over both transports', async () => {
    const [a, b] = await Promise.all([
      runProbe({ url: streamable.url, allowPrivateAddresses: true }),
      runProbe({ url: sse.url, allowPrivateAddresses: true, transport: 'sse' }),
    ]);
    expect(a.result.schemaHash).toBe(b.result.schemaHash);
  });
});

describe('@playwright/mcp, whose SSE URL answers a POST with a plain-text 400', () => {
  let playwright: FixtureServer;
  beforeAll(async () => {
    playwright = await startPlaywrightMcp();
  }, 30_000);
  afterAll(async () => {
    await playwright?.close();
  });

  it('is up over HTTP+SSE at /sse, found on auto, with the version it negotiated', async () => {
    const { result, tools } = await runProbe({ url: playwright.url, allowPrivateAddresses: true });
    expect(result).toMatchObject({
      status: 'up',
      error: null,
      era: 'legacy',
      transport: 'sse',
      protocolVersion: '2025-11-25',
      serverInfo: { name: 'Playwright' },
    });
    expect(tools?.map((tool) => tool.name)).toContain('browser_navigate');
  });

  it('is up over Streamable HTTP at /mcp, listing the same tools', async () => {
    const [sse, streamable] = await Promise.all([
      runProbe({ url: playwright.url, allowPrivateAddresses: true }),
      runProbe({ url: playwright.url.replace(/\/sse$/, '/mcp'), allowPrivateAddresses: true }),
    ]);
    expect(streamable.result).toMatchObject({ status: 'up', transport: 'streamable-http', era: 'legacy' });
    expect(streamable.result.schemaHash).toBe(sse.result.schemaHash);
  });
});
