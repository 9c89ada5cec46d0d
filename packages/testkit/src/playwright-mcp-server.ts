import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { startChildServer } from './child-server.js';
import type { FixtureServer } from './fixture-server.js';

/**
 * Runs `@playwright/mcp` as published, at its legacy `/sse` URL (Streamable HTTP is at `/mcp`).
 * A POST to `/sse` gets `400 Missing sessionId` in plain text: a server the spec's fallback
 * must reach. Answering MCP needs no browser; one is launched only when a tool drives it,
 * and `--isolated` keeps even that profile in memory.
 */
export function startPlaywrightMcp(): Promise<FixtureServer> {
  return startChildServer({
    label: '@playwright/mcp',
    args: (port) => [
      playwrightMcpEntry(),
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--headless',
      '--isolated',
    ],
    path: '/sse',
  });
}

function playwrightMcpEntry(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@playwright/mcp/package.json')), 'cli.js');
}
