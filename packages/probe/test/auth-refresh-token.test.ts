import type { OAuthConnection } from '@mcpulse/core';
import {
  type CodeGrantOptions,
  signInForRefreshToken,
  startProtectedMcp,
  startTestOAuthServer,
  type TestOAuthServer,
} from '@mcpulse/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { refreshTokenAuth, runProbe, TokenCache } from '../src/index.js';

const SECRET = 'app-s3cret-for-refresh-8831';
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup(codeGrant: CodeGrantOptions = { refreshTokens: 'rotate' }) {
  const authServer = await startTestOAuthServer({
    clients: [
      { clientId: 'app', scopes: ['mcp'] },
      { clientId: 'confidential', clientSecret: SECRET, scopes: ['mcp'] },
    ],
    codeGrant,
  });
  cleanups.push(authServer.close);
  const mcp = await startProtectedMcp({ authServer });
  cleanups.push(mcp.close);
  return { authServer, mcp };
}

/** A person's sign-in, as the dashboard's Connect with OAuth keeps it. */
async function signIn(
  authServer: TestOAuthServer,
  resource: string,
  client = 'app',
): Promise<OAuthConnection> {
  const confidential = client === 'confidential';
  const refreshToken = await signInForRefreshToken(authServer, {
    clientId: client,
    resource,
    ...(confidential ? { clientSecret: SECRET } : {}),
  });
  return {
    connectionId: 'connection-1',
    generation: 0,
    issuer: authServer.issuer,
    resource,
    scope: 'mcp',
    client: confidential
      ? { clientId: client, method: 'client_secret_post', clientSecret: SECRET }
      : { clientId: client, method: 'none' },
    registration: 'pre_registered',
    refreshToken,
    connectedAt: new Date().toISOString(),
  };
}

function check(
  url: string,
  connection: OAuthConnection,
  options: Parameters<typeof refreshTokenAuth>[1] = {},
) {
  return runProbe({ url, allowPrivateAddresses: true, auth: refreshTokenAuth(connection, options) });
}

describe('monitoring with an OAuth connection (a refresh token)', () => {
  it('gets tokens with the refresh_token grant, rotates the refresh token and reports the sign-in mode', async () => {
    const { authServer, mcp } = await setup();
    const connection = await signIn(authServer, mcp.url);
    const rotated: OAuthConnection[] = [];
    const { result } = await check(mcp.url, connection, { onRotate: (next) => rotated.push(next) });
    expect(result).toMatchObject({ status: 'up', error: null, toolCount: 3 });
    expect(result.auth).toMatchObject({
      mode: 'sign_in',
      required: true,
      issuer: authServer.issuer,
      failedStep: null,
    });
    expect(authServer.refreshes).toEqual([{ clientId: 'app', resource: mcp.url, accepted: true }]);
    expect(rotated).toHaveLength(1);
    expect(rotated[0]).toMatchObject({ connectionId: 'connection-1', generation: 1 });
    expect(rotated[0]?.refreshToken).not.toBe(connection.refreshToken);
    // The old token is spent: a check that still holds it finds the consent revoked.
    const stale = await check(mcp.url, connection);
    expect(stale.result).toMatchObject({ status: 'down', error: { code: 'consent_revoked', phase: 'auth' } });
    expect(stale.result.auth).toMatchObject({ mode: 'sign_in', failedStep: 'token' });
    // The rotated one works, and rotates again.
    const next = await check(mcp.url, rotated[0] as OAuthConnection, {
      onRotate: (again) => rotated.push(again),
    });
    expect(next.result.status).toBe('up');
    expect(rotated[1]).toMatchObject({ generation: 2 });
    const text = JSON.stringify([stale.result, next.result]);
    for (const token of [connection.refreshToken, rotated[0]?.refreshToken])
      expect(text).not.toContain(token);
  });

  it('keeps the access token and the newest refresh token in the cache across checks', async () => {
    const { authServer, mcp } = await setup();
    const connection = await signIn(authServer, mcp.url);
    const cache = new TokenCache();
    const options = { cache, cacheKey: 'monitor-1:connection-1' };
    expect((await check(mcp.url, connection, options)).result.status).toBe('up');
    expect((await check(mcp.url, connection, options)).result.status).toBe('up');
    expect(authServer.refreshes).toHaveLength(1);
    // The server refuses the access token: the next refresh uses the rotated refresh token the
    // cache holds, not the spent one the (older) saved connection still carries.
    authServer.revokeAll();
    const renewed = await check(mcp.url, connection, options);
    expect(renewed.result.status).toBe('up');
    expect(authServer.refreshes.map((record) => record.accepted)).toEqual([true, true]);
  });

  it('is consent_revoked once the person revokes the consent', async () => {
    const { authServer, mcp } = await setup({ refreshTokens: 'keep' });
    const connection = await signIn(authServer, mcp.url, 'confidential');
    expect((await check(mcp.url, connection)).result.status).toBe('up');
    authServer.revokeConsent();
    const { result } = await check(mcp.url, connection);
    expect(result).toMatchObject({ status: 'down', error: { code: 'consent_revoked', phase: 'auth' } });
    expect(result.error?.message).toContain('invalid_grant');
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(JSON.stringify(result)).not.toContain(connection.refreshToken);
  });

  it('never sends the refresh token to another authorization server, and is token_error for a failing one', async () => {
    const { authServer, mcp } = await setup();
    const connection = await signIn(authServer, mcp.url);
    const elsewhere = await check(mcp.url, { ...connection, issuer: 'https://auth.other.example' });
    expect(elsewhere.result.error).toMatchObject({ code: 'token_error' });
    expect(elsewhere.result.error?.message).toContain('not sent');
    expect(authServer.refreshes).toEqual([]);
    authServer.failTokenRequests(500);
    const failing = await check(mcp.url, connection);
    expect(failing.result.error).toMatchObject({ code: 'token_error', phase: 'auth' });
  });
});
