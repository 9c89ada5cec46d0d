import {
  type ProtectedMcpOptions,
  startProtectedMcp,
  startRawServer,
  startTestOAuthServer,
  type TestOAuthServerOptions,
} from '@mcpulse/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { expectPhasesAddUp } from './support/phases.js';
import { runProbe } from './support/run-probe.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function protectedServer(
  server: Omit<ProtectedMcpOptions, 'authServer'> = {},
  as: Partial<TestOAuthServerOptions> = {},
) {
  const authServer = await startTestOAuthServer({ clients: [], ...as });
  cleanups.push(authServer.close);
  const mcp = await startProtectedMcp({ authServer, ...server });
  cleanups.push(mcp.close);
  return { authServer, mcp };
}

function probe(url: string, extra: Parameters<typeof runProbe>[0] extends infer O ? Partial<O> : never = {}) {
  return runProbe({ url, allowPrivateAddresses: true, ...extra });
}

describe('auth discovery without credentials', () => {
  it('is up when discovery is healthy, and says what it found', async () => {
    const { authServer, mcp } = await protectedServer();
    const { result, tools } = await probe(mcp.url);
    expect(result).toMatchObject({ status: 'up', error: null, toolCount: null, schemaHash: null, era: null });
    expect(tools).toBeNull();
    expect(result.auth).toEqual({
      required: true,
      mode: 'discovery',
      resourceMetadataUrl: mcp.resourceMetadataUrl,
      resource: mcp.url,
      authorizationServers: [authServer.issuer],
      issuer: authServer.issuer,
      tokenEndpoint: authServer.tokenEndpoint,
      scopesSupported: ['mcp', 'admin'],
      failedStep: null,
      reason: null,
    });
    // The discovery's time is the reported handshake; the refused request is negotiation.
    expect(result.timings.handshakeMs).toBeGreaterThan(0);
    expect(result.timings.negotiationMs).toBeGreaterThan(0);
    expectPhasesAddUp(result.timings);
  });

  it('looks at the path-based well-known URL first, then the root one', async () => {
    const { mcp } = await protectedServer({ metadataAt: 'root' });
    const { result } = await probe(mcp.url);
    expect(result.status).toBe('up');
    expect(result.auth?.resourceMetadataUrl).toBe(
      new URL('/.well-known/oauth-protected-resource', mcp.url).href,
    );
    const paths = mcp.requests.filter((r) => r.method === 'GET').map((r) => r.path);
    expect(paths).toEqual([
      '/.well-known/oauth-protected-resource/mcp',
      '/.well-known/oauth-protected-resource',
    ]);
  });

  it("follows the challenge's resource_metadata, and only it", async () => {
    const { mcp } = await protectedServer({ metadataAt: 'challenge' });
    const { result } = await probe(mcp.url);
    expect(result.status).toBe('up');
    expect(result.auth?.resourceMetadataUrl).toBe(mcp.resourceMetadataUrl);
    expect(mcp.requests.filter((r) => r.method === 'GET').map((r) => r.path)).toEqual([
      '/resource-metadata.json',
    ]);
  });

  it('finds the metadata of an issuer with a path by path insertion, and OpenID discovery after RFC 8414', async () => {
    const { authServer, mcp } = await protectedServer({}, { issuerPath: '/tenant1', metadata: 'openid' });
    const { result } = await probe(mcp.url);
    expect(result.status).toBe('up');
    expect(result.auth?.issuer).toBe(authServer.issuer);
    expect(authServer.requests.map((r) => r.path)).toEqual([
      '/.well-known/oauth-authorization-server/tenant1',
      '/.well-known/openid-configuration/tenant1',
    ]);
  });

  it('is down with auth_discovery_failed when there is no protected resource metadata', async () => {
    const { mcp } = await protectedServer({ metadataAt: 'none' });
    const { result } = await probe(mcp.url);
    expect(result).toMatchObject({
      status: 'down',
      httpAlive: true,
      error: { code: 'auth_discovery_failed', phase: 'auth', httpStatus: 401 },
    });
    expect(result.auth).toMatchObject({
      required: true,
      mode: 'discovery',
      failedStep: 'protected_resource_metadata',
      resourceMetadataUrl: new URL('/.well-known/oauth-protected-resource', mcp.url).href,
    });
    expect(result.auth?.reason).toContain('HTTP 404');
  });

  it('is down when the metadata names another resource', async () => {
    const { mcp } = await protectedServer({ resource: 'https://elsewhere.example.com/mcp' });
    const { result } = await probe(mcp.url);
    expect(result.error?.code).toBe('auth_discovery_failed');
    expect(result.auth).toMatchObject({
      failedStep: 'resource',
      resource: 'https://elsewhere.example.com/mcp',
    });
  });

  it('accepts a resource that is a parent of the server URL on the same origin', async () => {
    const { mcp } = await protectedServer({ resource: (origin) => `${origin}/` });
    const { result } = await probe(mcp.url);
    expect(result.status).toBe('up');
    expect(result.auth?.resource).toBe(new URL('/', mcp.url).href);
    const sibling = await protectedServer({ resource: (origin) => `${origin}/mc` });
    expect((await probe(sibling.mcp.url)).result.auth?.failedStep).toBe('resource');
  });

  it('is down when the authorization server metadata is missing', async () => {
    const { mcp } = await protectedServer({}, { metadata: 'none' });
    const { result } = await probe(mcp.url);
    expect(result.error?.code).toBe('auth_discovery_failed');
    expect(result.auth).toMatchObject({ failedStep: 'authorization_server_metadata', issuer: null });
    expect(result.auth?.reason).toContain('HTTP 404');
  });

  it('is down when the authorization server metadata is for another issuer', async () => {
    const { mcp } = await protectedServer({}, { claimedIssuer: 'https://impostor.example.com' });
    const { result } = await probe(mcp.url);
    expect(result.auth).toMatchObject({
      failedStep: 'authorization_server_metadata',
      issuer: 'https://impostor.example.com',
    });
  });

  it('fetches metadata under the address rules: a blocked authorization server is a discovery failure', async () => {
    const { mcp } = await protectedServer({ authorizationServers: ['http://169.254.169.254/latest'] });
    const { result } = await runProbe({ url: mcp.url, allowedCidrs: ['127.0.0.0/8'] });
    expect(result.auth?.failedStep).toBe('authorization_server_metadata');
    expect(result.auth?.reason).toContain('blocked address range');
  });

  it('bounds a hostile metadata document', async () => {
    const huge = await startRawServer((req, res) => {
      if (req.url === '/mcp') {
        res.writeHead(401, { 'www-authenticate': 'Bearer realm="x"' }).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"resource":"${'a'.repeat(400 * 1024)}"}`);
    });
    cleanups.push(huge.close);
    const { result } = await probe(`${huge.url}/mcp`);
    expect(result.auth?.failedStep).toBe('protected_resource_metadata');
    expect(result.auth?.reason).toContain('limit');
  });

  it("ends at the check's deadline while a metadata request hangs", async () => {
    const hanging = await startRawServer((req, res) => {
      if (req.url === '/mcp') res.writeHead(401, { 'www-authenticate': 'Bearer realm="x"' }).end();
    });
    cleanups.push(hanging.close);
    const { result } = await probe(`${hanging.url}/mcp`, { timeoutMs: 500 });
    expect(result.error).toMatchObject({ code: 'timeout', phase: 'auth' });
  });

  it('keeps auth_failed when the monitor sends its own Authorization header', async () => {
    const { mcp } = await protectedServer();
    const { result } = await probe(mcp.url, { headers: { Authorization: 'Bearer not-a-token-of-theirs' } });
    expect(result.error).toMatchObject({ code: 'auth_failed', httpStatus: 401 });
    expect(result.auth).toMatchObject({ required: true, mode: 'headers', failedStep: null });
    expect(mcp.requests.some((r) => r.path.startsWith('/.well-known'))).toBe(false);
  });

  it('leaves auth null for a server that asks for nothing', async () => {
    const open = await startRawServer((_req, res) => res.writeHead(404).end());
    cleanups.push(open.close);
    const { result } = await probe(`${open.url}/mcp`);
    expect(result.auth).toBeNull();
  });
});
