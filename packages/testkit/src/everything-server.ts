import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { startChildServer } from './child-server.js';
import type { FixtureServer } from './fixture-server.js';

export type EverythingMode = 'streamableHttp' | 'sse';

/**
 * Runs the reference `server-everything` (v1 SDK on express) as a child process. It binds
 * all interfaces on `PORT`; Streamable HTTP lives at `/mcp`, the legacy SSE stream at
 * `/sse` with messages posted to `/message`.
 */
export function startEverything(mode: EverythingMode): Promise<FixtureServer> {
  return startChildServer({
    label: `server-everything (${mode})`,
    args: () => [everythingEntry(), mode],
    env: (port) => ({ PORT: String(port) }),
    path: mode === 'sse' ? '/sse' : '/mcp',
  });
}

function everythingEntry(): string {
  const require = createRequire(import.meta.url);
  return join(
    dirname(require.resolve('@modelcontextprotocol/server-everything/package.json')),
    'dist/index.js',
  );
}
