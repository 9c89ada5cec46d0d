import { createServer } from 'node:net';
import type { FixtureServer } from './fixture-server.js';
import { type RawServer, startRawServer } from './http-server.js';
import type { CatalogTarget } from './registry-catalog.js';
import { startSdk2024Sse } from './sdk-2024-sse-server.js';
import { startV1LegacySse } from './v1-legacy-sse-server.js';
import { startV1Sessionful } from './v1-sessionful-server.js';
import { startV1Stateless } from './v1-stateless-server.js';
import { startV2DualEra } from './v2-dual-era-server.js';
import { startV2ModernOnly } from './v2-modern-only-server.js';

export interface RegistryTargets {
  /** Healthy servers first: `registryCatalog` builds its special cases on the first one. */
  targets: CatalogTarget[];
  /** The MCP servers among them, by kind, with the requests each received. */
  fixtures: Map<string, FixtureServer>;
  close(): Promise<void>;
}

/** A loopback port nothing listens on (taken, then released): connecting to it is refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

/**
 * Loopback servers of every kind and failure mode a registry may list: MCP servers of each SDK
 * and era on both transports, one that asks for authorization, and endpoints that answer HTTP
 * but no MCP (500, HTML, 404), never answer, or refuse the connection.
 */
export async function startRegistryTargets(): Promise<RegistryTargets> {
  const servers: Array<FixtureServer | RawServer> = [];
  const targets: CatalogTarget[] = [];
  const fixtures = new Map<string, FixtureServer>();
  const mcp = async (kind: string, type: CatalogTarget['type'], start: () => Promise<FixtureServer>) => {
    const server = await start();
    servers.push(server);
    fixtures.set(kind, server);
    targets.push({ kind, type, url: server.url });
  };
  const raw = async (kind: string, handler: Parameters<typeof startRawServer>[0]) => {
    const server = await startRawServer(handler);
    servers.push(server);
    targets.push({ kind, type: 'streamable-http', url: `${server.url}/mcp` });
  };

  await mcp('v1-stateless', 'streamable-http', () => startV1Stateless());
  await mcp('v2-modern-only', 'streamable-http', () => startV2ModernOnly());
  await mcp('v2-dual-era', 'streamable-http', () => startV2DualEra());
  await mcp('v1-sessionful', 'streamable-http', () => startV1Sessionful());
  await mcp('v1-legacy-sse', 'sse', () => startV1LegacySse());
  await mcp('sdk-2024-sse', 'sse', () => startSdk2024Sse());
  await mcp('auth-required', 'streamable-http', () => startV1Stateless({ requireAuth: 'Bearer fixture' }));
  await raw('http-500', (_req, res) => {
    res.writeHead(500, { 'content-type': 'text/html' });
    res.end('<h1>Internal Server Error</h1>');
  });
  await raw('html-page', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html><body>Welcome</body></html>');
  });
  await raw('not-found', (_req, res) => {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await raw('never-answers', () => {});
  targets.push({
    kind: 'refused',
    type: 'streamable-http',
    url: `http://127.0.0.1:${await closedPort()}/mcp`,
  });

  return {
    targets,
    fixtures,
    close: async () => {
      await Promise.all(servers.map((server) => server.close()));
    },
  };
}
