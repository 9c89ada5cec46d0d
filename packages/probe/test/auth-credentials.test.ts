import { generateKeyPairSync } from 'node:crypto';
import {
  type ProtectedMcpOptions,
  startProtectedMcp,
  startTestOAuthServer,
  startV1Stateless,
  type TestOAuthServerOptions,
} from '@mcpulse/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { type ClientCredentials, clientCredentialsAuth, TokenCache } from '../src/index.js';
import { expectPhasesAddUp } from './support/phases.js';
import { runProbe } from './support/run-probe.js';

const SECRET = 's3cret-client-value-0042';
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const pem = (key: typeof rsa.privateKey) => key.export({ type: 'pkcs8', format: 'pem' }).toString();
const publicPem = (key: typeof rsa.publicKey) => key.export({ type: 'spki', format: 'pem' }).toString();

async function setup(
  as: Partial<TestOAuthServerOptions> = {},
  server: Omit<ProtectedMcpOptions, 'authServer'> = {},
) {
  const authServer = await startTestOAuthServer({
    clients: [
      { clientId: 'monitor', clientSecret: SECRET, scopes: ['mcp', 'admin'] },
      { clientId: 'rsa-client', publicKeyPem: publicPem(rsa.publicKey), scopes: ['mcp'] },
      { clientId: 'ec-client', publicKeyPem: publicPem(ec.publicKey), scopes: ['mcp'] },
    ],
    ...as,
  });
  cleanups.push(authServer.close);
  const mcp = await startProtectedMcp({ authServer, ...server });
  cleanups.push(mcp.close);
  return { authServer, mcp };
}

function check(url: string, credentials: ClientCredentials, cache = new TokenCache(), extra = {}) {
  return runProbe({
    url,
    allowPrivateAddresses: true,
    auth: clientCredentialsAuth(credentials, { cache, cacheKey: 'monitor-1:v1' }),
    ...extra,
  });
}

const basic: ClientCredentials = {
  clientId: 'monitor',
  clientSecret: SECRET,
  authMethod: 'client_secret_basic',
};

describe('monitoring with OAuth client credentials', () => {
  it('gets a token from the discovered token endpoint and checks the server with it', async () => {
    const { authServer, mcp } = await setup();
    const { result, tools } = await check(mcp.url, basic);
    expect(result).toMatchObject({ status: 'up', error: null, era: 'legacy', toolCount: 3 });
    expect(tools).toHaveLength(3);
    expect(result.auth).toMatchObject({
      required: true,
      mode: 'credentials',
      issuer: authServer.issuer,
      tokenEndpoint: authServer.tokenEndpoint,
      failedStep: null,
    });
    expect(authServer.grants).toEqual([
      { clientId: 'monitor', scopes: ['mcp', 'admin'], authMethod: 'client_secret_basic' },
    ]);
    expect(JSON.stringify(result)).not.toContain(SECRET);
    // The refused attempt, discovery and the token request are negotiation; the parts still add up.
    expect(result.timings.negotiationMs).toBeGreaterThan(0);
    expectPhasesAddUp(result.timings);
  });

  it('sends a cached token from the first request: no discovery, no token request, no 401', async () => {
    const { authServer, mcp } = await setup();
    const cache = new TokenCache();
    await check(mcp.url, basic, cache);
    const before = mcp.requests.length;
    const { result } = await check(mcp.url, basic, cache);
    expect(result.status).toBe('up');
    expect(authServer.grants).toHaveLength(1);
    const later = mcp.requests.slice(before);
    expect(
      later.every(
        (request) => request.path === '/mcp' && String(request.headers.authorization).startsWith('Bearer '),
      ),
    ).toBe(true);
    expect(result.auth).toMatchObject({ mode: 'credentials', issuer: authServer.issuer });
  });

  it('authenticates with client_secret_post', async () => {
    const { authServer, mcp } = await setup();
    const { result } = await check(mcp.url, { ...basic, authMethod: 'client_secret_post' });
    expect(result.status).toBe('up');
    expect(authServer.grants[0]?.authMethod).toBe('client_secret_post');
  });

  it.each([
    ['RSA', 'rsa-client', pem(rsa.privateKey)],
    ['EC P-256', 'ec-client', pem(ec.privateKey)],
  ])('authenticates with private_key_jwt and an %s key', async (_kind, clientId, privateKey) => {
    const { authServer, mcp } = await setup();
    const credentials: ClientCredentials = { clientId, privateKey, authMethod: 'private_key_jwt' };
    const { result } = await check(mcp.url, credentials);
    expect(result.status, JSON.stringify(result.error)).toBe('up');
    expect(authServer.grants[0]).toMatchObject({ clientId, authMethod: 'private_key_jwt' });
    expect(JSON.stringify(result)).not.toContain('PRIVATE KEY');
  });

  it('is down with token_error for a wrong secret, and never shows the secret', async () => {
    const { mcp } = await setup();
    const wrong = 'wrong-secret-value-9999';
    const { result } = await check(mcp.url, { ...basic, clientSecret: wrong });
    expect(result).toMatchObject({ status: 'down', error: { code: 'token_error', phase: 'auth' } });
    expect(result.auth).toMatchObject({ mode: 'credentials', failedStep: 'token' });
    expect(result.auth?.reason).toContain('invalid_client');
    expect(JSON.stringify(result)).not.toContain(wrong);
  });

  it('reads the token answer as the other grants do: token_type is required, in any case', async () => {
    const lower = await setup({ tokenType: 'bearer' });
    expect((await check(lower.mcp.url, basic)).result.status).toBe('up');
    const missing = await setup({ tokenType: null });
    const { result } = await check(missing.mcp.url, basic);
    expect(result).toMatchObject({ status: 'down', error: { code: 'token_error', phase: 'auth' } });
    expect(result.auth?.reason).toContain('the token type is missing, not Bearer');
    const dpop = await setup({ tokenType: 'DPoP' });
    expect((await check(dpop.mcp.url, basic)).result.auth?.reason).toContain('"DPoP", not Bearer');
  });

  it('sends the credentials only to the authorization server they are pinned to', async () => {
    const { authServer, mcp } = await setup();
    const pinned = await check(mcp.url, { ...basic, issuer: `${authServer.issuer}/` });
    expect(pinned.result.status).toBe('up');
    const elsewhere = await check(mcp.url, { ...basic, issuer: 'https://auth.example.com' });
    expect(elsewhere.result.error).toMatchObject({ code: 'token_error' });
    expect(elsewhere.result.auth?.reason).toContain('not https://auth.example.com');
    expect(authServer.grants).toHaveLength(1);
  });

  it('is down with token_error when the token endpoint fails', async () => {
    const { authServer, mcp } = await setup();
    authServer.failTokenRequests(500);
    const { result } = await check(mcp.url, basic);
    expect(result.error).toMatchObject({ code: 'token_error' });
    expect(result.auth?.reason).toContain('HTTP 500, server_error');
  });

  it('reaches the token endpoint under the address rules', async () => {
    const { mcp } = await setup({ advertisedTokenEndpoint: 'http://169.254.169.254/token' });
    const { result } = await check(mcp.url, basic, new TokenCache(), {
      allowPrivateAddresses: false,
      allowedCidrs: ['127.0.0.0/8'],
    });
    expect(result.error?.code).toBe('token_error');
    expect(result.auth?.reason).toContain('blocked address range');
  });

  it('gets a new token once the cached one expires', async () => {
    const { authServer, mcp } = await setup({ tokenTtlSeconds: 1 });
    const cache = new TokenCache();
    expect((await check(mcp.url, basic, cache)).result.status).toBe('up');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await check(mcp.url, basic, cache)).result.status).toBe('up');
    expect(authServer.grants).toHaveLength(2);
  });

  it('refreshes once when the server refuses a cached token mid-life', async () => {
    const { authServer, mcp } = await setup();
    const cache = new TokenCache();
    await check(mcp.url, basic, cache);
    authServer.revokeAll();
    const { result } = await check(mcp.url, basic, cache);
    expect(result.status).toBe('up');
    expect(authServer.grants).toHaveLength(2);
  });

  it('refreshes only once: a server that refuses every token is auth_failed', async () => {
    const other = await startTestOAuthServer({
      clients: [{ clientId: 'monitor', clientSecret: SECRET, scopes: ['mcp'] }],
    });
    cleanups.push(other.close);
    // Tokens come from `other`, the server checks them against its own authorization server.
    const { authServer, mcp } = await setup({}, { authorizationServers: [other.issuer] });
    const { result } = await check(mcp.url, basic);
    expect(result.error).toMatchObject({ code: 'auth_failed', httpStatus: 401 });
    expect(other.grants).toHaveLength(2);
    expect(authServer.grants).toHaveLength(0);
  });

  it('steps up when the server answers 403 insufficient_scope', async () => {
    const { authServer, mcp } = await setup({}, { requiredScopes: ['mcp'] });
    const cache = new TokenCache();
    const credentials = { ...basic, scope: 'mcp' };
    expect((await check(mcp.url, credentials, cache)).result.status).toBe('up');
    expect(authServer.grants[0]?.scopes).toEqual(['mcp']);
    mcp.requireScopes(['mcp', 'admin']);
    const { result } = await check(mcp.url, credentials, cache);
    expect(result.status, JSON.stringify(result.error)).toBe('up');
    expect(authServer.grants[1]?.scopes).toEqual(['mcp', 'admin']);
  });

  it('reports credentials the server did not ask for', async () => {
    const open = await startV1Stateless();
    cleanups.push(open.close);
    const { result } = await check(open.url, basic);
    expect(result.status).toBe('up');
    expect(result.auth).toMatchObject({ required: false, mode: 'credentials', issuer: null });
  });
});
