import { monitorRegionState, monitors, oauthAuthorizations } from '@mcpulse/db';
import { runProbe } from '@mcpulse/probe';
import {
  type ProtectedMcpServer,
  startProtectedMcp,
  startTestOAuthServer,
  startV1Stateless,
  type TestOAuthServer,
} from '@mcpulse/testkit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturedLogger } from './support/log-capture.js';
import { type Caller, createTestApp, signUpUser, type TestApp } from './support/test-app.js';

const PUBLIC_URL = 'http://127.0.0.1:3999';
const CALLBACK = `${PUBLIC_URL}/api/v1/oauth/callback`;
const PRE_SECRET = 'pre-registered-s3cret-6611';
/** The test authorization server's refresh tokens all start so: none may reach an answer or a log. */
const REFRESH_TOKEN = /rt-[A-Za-z0-9_-]{8,}/;

let t: TestApp;
let owner: Caller;
let stranger: Caller;
let authServer: TestOAuthServer;
let mcp: ProtectedMcpServer;
let clock = new Date('2026-12-01T10:00:00.000Z');
const { logger, lines: logLines } = capturedLogger();
const answers: string[] = [];

beforeAll(async () => {
  authServer = await startTestOAuthServer({
    // The protected server's metadata names the scopes mcp and admin: a sign-in asks for both.
    clients: [{ clientId: 'pre', clientSecret: PRE_SECRET, scopes: ['mcp', 'admin'] }],
    codeGrant: { registration: true, refreshTokens: 'rotate' },
  });
  mcp = await startProtectedMcp({ authServer });
  t = await createTestApp({
    logger,
    probe: (options) => runProbe(options),
    publicUrl: PUBLIC_URL,
    now: () => clock,
  });
  owner = await signUpUser(t.app);
  stranger = await signUpUser(t.app);
});
afterAll(async () => {
  await t?.close();
  await Promise.all([mcp?.close(), authServer?.close()]);
});

async function send(caller: Caller, method: 'POST' | 'PATCH' | 'GET', url: string, payload?: object) {
  const response = await t.app.inject({
    method,
    url,
    headers: caller.headers,
    ...(payload ? { payload } : {}),
  });
  answers.push(response.body);
  return response;
}

/** The redirect back to mcpulse, as the browser makes it: a top-level GET with the session cookie. */
async function callback(caller: Caller, query: string): Promise<string> {
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/v1/oauth/callback?${query}`,
    headers: { cookie: caller.headers.cookie as string },
  });
  expect(response.statusCode, response.body).toBe(302);
  expect(response.headers['cache-control']).toBe('no-store');
  return String(response.headers.location);
}

/**
 * The person's browser: opens the authorization URL, follows the authorization server's redirect
 * to mcpulse's callback (like scripts/conformance/mcpulse-client.mjs does) and answers where
 * mcpulse sent it.
 */
async function browse(caller: Caller, authorizationUrl: string): Promise<string> {
  const response = await fetch(authorizationUrl, { redirect: 'manual' });
  await response.arrayBuffer();
  const location = response.headers.get('location') ?? '';
  expect(location.startsWith(`${CALLBACK}?`), location).toBe(true);
  return callback(caller, location.slice(CALLBACK.length + 1));
}

async function createMonitor(url = mcp.url): Promise<string> {
  const response = await send(owner, 'POST', '/api/v1/monitors', { name: 'Protected', url });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().monitor.id;
}

async function connectMonitor(monitorId: string, body: object = {}) {
  const response = await send(owner, 'POST', `/api/v1/monitors/${monitorId}/oauth/connect`, body);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ connectionId: string; authorizationUrl: string; expiresAt: string }>();
}

describe('Connect with OAuth for a saved monitor', () => {
  let monitorId: string;

  it('registers dynamically, sends the browser with PKCE, and keeps the refresh token sealed', async () => {
    monitorId = await createMonitor();
    const started = await connectMonitor(monitorId);
    const url = new URL(started.authorizationUrl);
    expect(url.origin + url.pathname).toBe(`${authServer.issuer}/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      redirect_uri: CALLBACK,
      code_challenge_method: 'S256',
      resource: mcp.url,
    });
    expect(url.searchParams.get('client_id')).toMatch(/^registered-/);
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [pending] = await t.database.handle.db
      .select()
      .from(oauthAuthorizations)
      .where(eq(oauthAuthorizations.id, started.connectionId));
    // The state is kept as its hash, the verifier and the client sealed: none of them in clear.
    expect(pending?.stateHash).toMatch(/^[0-9a-f]{64}$/);
    expect(pending?.requestSealed).toBeTruthy();
    expect(JSON.stringify(pending)).not.toContain(url.searchParams.get('state'));
    expect(JSON.stringify(pending)).not.toContain(url.searchParams.get('client_id'));

    expect(await browse(owner, started.authorizationUrl)).toBe(
      `/monitors/${monitorId}?oauth=${started.connectionId}`,
    );
    const state = await send(owner, 'GET', `/api/v1/oauth/connections/${started.connectionId}`);
    expect(state.json()).toMatchObject({
      status: 'connected',
      monitorId,
      failure: null,
      connection: { issuer: authServer.issuer, registration: 'dynamic_registration' },
    });
    const monitor = await send(owner, 'GET', `/api/v1/monitors/${monitorId}`);
    expect(monitor.json().oauthConnection).toMatchObject({
      issuer: authServer.issuer,
      registration: 'dynamic_registration',
      consentRevoked: false,
    });
    expect(monitor.json().oauthConnection).not.toHaveProperty('generation');
    const [row] = await t.database.handle.db.select().from(monitors).where(eq(monitors.id, monitorId));
    expect(row?.oauthConnectionSealed).toBeTruthy();
    expect(JSON.stringify(row)).not.toMatch(REFRESH_TOKEN);
  });

  it('checks with tokens from the refresh token, and keeps the token the server rotates', async () => {
    for (const generation of [1, 2]) {
      const check = await send(owner, 'POST', `/api/v1/monitors/${monitorId}/check`);
      expect(check.statusCode, check.body).toBe(200);
      expect(check.json()).toMatchObject({
        status: 'up',
        toolCount: 3,
        auth: { mode: 'sign_in', required: true },
      });
      const [row] = await t.database.handle.db.select().from(monitors).where(eq(monitors.id, monitorId));
      expect(row?.oauthConnection?.generation).toBe(generation);
    }
    // Each check refreshed with the token the one before saved: the server never saw a spent one.
    expect(authServer.refreshes.map((record) => record.accepted)).toEqual([true, true]);
  });

  it('reports a revoked consent as consent_revoked, and the monitor says so', async () => {
    authServer.revokeConsent();
    const check = await send(owner, 'POST', `/api/v1/monitors/${monitorId}/check`);
    expect(check.json()).toMatchObject({
      status: 'down',
      error: { code: 'consent_revoked', phase: 'auth' },
      auth: { mode: 'sign_in', failedStep: 'token' },
    });
    // A region's last scheduled check found it so (ingest keeps that code per region).
    await t.database.handle.db.insert(monitorRegionState).values({
      monitorId,
      region: 'eu-west',
      status: 'down',
      lastErrorCode: 'consent_revoked',
      updatedAt: clock,
    });
    const monitor = await send(owner, 'GET', `/api/v1/monitors/${monitorId}`);
    expect(monitor.json().oauthConnection.consentRevoked).toBe(true);
    // Reconnecting replaces the connection; the monitor is connected again.
    const started = await connectMonitor(monitorId);
    await browse(owner, started.authorizationUrl);
    const again = await send(owner, 'POST', `/api/v1/monitors/${monitorId}/check`);
    expect(again.json()).toMatchObject({ status: 'up', auth: { mode: 'sign_in' } });
  });

  it('refuses a wrong, replayed, expired or another session’s state, without exchanging a code', async () => {
    const started = await connectMonitor(monitorId);
    const state = new URL(started.authorizationUrl).searchParams.get('state') ?? '';
    const grants = authServer.grants.length;
    expect(await callback(owner, 'state=wrong&code=abc')).toBe('/oauth/done?error=invalid_state');
    expect(await callback(owner, 'code=abc')).toBe('/oauth/done?error=invalid_state');
    // Another session with the right state finds nothing, and leaves it to its own session.
    expect(await callback(stranger, `state=${state}&code=abc`)).toBe('/oauth/done?error=invalid_state');
    const unauthenticated = await t.app.inject({
      method: 'GET',
      url: `/api/v1/oauth/callback?state=${state}&code=abc`,
    });
    expect(unauthenticated.headers.location).toBe('/oauth/done?error=invalid_state');
    expect(authServer.grants.length).toBe(grants);
    // The person's own redirect still works, once.
    const response = await fetch(started.authorizationUrl, { redirect: 'manual' });
    const query = (response.headers.get('location') ?? '').slice(CALLBACK.length + 1);
    expect(await callback(owner, query)).toBe(`/monitors/${monitorId}?oauth=${started.connectionId}`);
    expect(await callback(owner, query)).toBe('/oauth/done?error=invalid_state');

    // Past its 10 minutes, an authorization is refused and reads as failed.
    const late = await connectMonitor(monitorId);
    const lateState = new URL(late.authorizationUrl).searchParams.get('state');
    const startedAt = clock;
    clock = new Date(startedAt.getTime() + 11 * 60_000);
    try {
      expect(await callback(owner, `state=${lateState}&code=abc`)).toBe('/oauth/done?error=invalid_state');
      const status = await send(owner, 'GET', `/api/v1/oauth/connections/${late.connectionId}`);
      expect(status.json()).toMatchObject({ status: 'failed', failure: expect.stringContaining('in time') });
    } finally {
      clock = startedAt;
    }
    // Another session cannot read it either.
    const foreign = await send(stranger, 'GET', `/api/v1/oauth/connections/${late.connectionId}`);
    expect(foreign.statusCode).toBe(404);
  });

  it('fails the connection when the authorization server refuses, and says why', async () => {
    const started = await connectMonitor(monitorId);
    const state = new URL(started.authorizationUrl).searchParams.get('state');
    expect(await callback(owner, `state=${state}&error=access_denied&error_description=no`)).toBe(
      `/monitors/${monitorId}?oauth=${started.connectionId}`,
    );
    const status = await send(owner, 'GET', `/api/v1/oauth/connections/${started.connectionId}`);
    expect(status.json()).toMatchObject({
      status: 'failed',
      failure: expect.stringContaining('access_denied'),
    });
  });
});

describe('Connect with OAuth for a form not saved yet', () => {
  it('connects with a pre-registered client, then the monitor saved with it keeps the connection, once', async () => {
    const start = await send(owner, 'POST', '/api/v1/oauth/connect', {
      url: mcp.url,
      clientId: 'pre',
      clientSecret: PRE_SECRET,
    });
    expect(start.statusCode, start.body).toBe(200);
    const { connectionId, authorizationUrl } = start.json();
    expect(new URL(authorizationUrl).searchParams.get('client_id')).toBe('pre');
    expect(await browse(owner, authorizationUrl)).toBe(`/oauth/done?connection=${connectionId}`);
    const state = await send(owner, 'GET', `/api/v1/oauth/connections/${connectionId}`);
    expect(state.json()).toMatchObject({
      status: 'connected',
      monitorId: null,
      connection: { clientId: 'pre', registration: 'pre_registered' },
    });

    const elsewhere = await send(owner, 'POST', '/api/v1/monitors', {
      name: 'Elsewhere',
      url: `${mcp.url}/other`,
      oauthConnection: connectionId,
    });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().error.field).toBe('oauthConnection');
    const byStranger = await send(stranger, 'POST', '/api/v1/monitors', {
      name: 'Stolen',
      url: mcp.url,
      oauthConnection: connectionId,
    });
    expect(byStranger.json().error?.field).toBe('oauthConnection');

    const created = await send(owner, 'POST', '/api/v1/monitors', {
      name: 'Connected',
      url: mcp.url,
      oauthConnection: connectionId,
    });
    expect(created.statusCode, created.body).toBe(201);
    const monitor = created.json().monitor;
    expect(monitor.oauthConnection).toMatchObject({ clientId: 'pre', registration: 'pre_registered' });
    const check = await send(owner, 'POST', `/api/v1/monitors/${monitor.id}/check`);
    expect(check.json()).toMatchObject({ status: 'up', auth: { mode: 'sign_in' } });
    expect(authServer.grants.at(-1)).toMatchObject({ clientId: 'pre', authMethod: 'client_secret_basic' });

    const twice = await send(owner, 'POST', '/api/v1/monitors', {
      name: 'Twice',
      url: mcp.url,
      oauthConnection: connectionId,
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.field).toBe('oauthConnection');

    // Disconnecting, and never with client credentials or an Authorization header beside it.
    const both = await send(owner, 'PATCH', `/api/v1/monitors/${monitor.id}`, {
      oauth: { clientId: 'pre', authMethod: 'client_secret_basic', clientSecret: PRE_SECRET },
    });
    expect(both.json().error?.field).toBe('oauthConnection');
    const header = await send(owner, 'PATCH', `/api/v1/monitors/${monitor.id}`, {
      headers: { Authorization: 'Bearer own' },
    });
    expect(header.json().error?.field).toBe('oauthConnection');
    const off = await send(owner, 'PATCH', `/api/v1/monitors/${monitor.id}`, { oauthConnection: null });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().oauthConnection).toBeNull();
  });
});

describe('Connect with OAuth refuses', () => {
  it('API keys, servers without OAuth, Authorization headers and bad input, naming the field', async () => {
    const key = await send(owner, 'POST', '/api/v1/api-keys', { name: 'ci', scope: 'write' });
    const apiKey = await t.app.inject({
      method: 'POST',
      url: '/api/v1/oauth/connect',
      headers: { authorization: `Bearer ${key.json().secret}` },
      payload: { url: mcp.url },
    });
    expect(apiKey.statusCode).toBe(403);

    const open = await startV1Stateless();
    try {
      const plain = await send(owner, 'POST', '/api/v1/oauth/connect', { url: open.url });
      expect(plain.statusCode).toBe(400);
      expect(plain.json().error).toMatchObject({
        field: 'url',
        message: expect.stringContaining('no authorization'),
      });
    } finally {
      await open.close();
    }
    const header = await send(owner, 'POST', '/api/v1/oauth/connect', {
      url: mcp.url,
      headers: { Authorization: 'Bearer mine' },
    });
    expect(header.json().error?.field).toBe('headers');
    const secretAlone = await send(owner, 'POST', '/api/v1/oauth/connect', {
      url: mcp.url,
      clientSecret: 'x',
    });
    expect(secretAlone.json().error?.field).toBe('clientSecret');
    const unknown = await send(
      owner,
      'POST',
      '/api/v1/monitors/00000000-0000-4000-8000-000000000000/oauth/connect',
      {},
    );
    expect(unknown.statusCode).toBe(404);
  });

  it('without a public URL (409), and serves the client metadata document under it', async () => {
    const bare = await createTestApp({ probe: (options) => runProbe(options) });
    try {
      const user = await signUpUser(bare.app);
      const refused = await bare.app.inject({
        method: 'POST',
        url: '/api/v1/oauth/connect',
        headers: user.headers,
        payload: { url: mcp.url },
      });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.message).toContain('MCPULSE_PUBLIC_URL');
    } finally {
      await bare.close();
    }
    const document = await t.app.inject({ method: 'GET', url: '/api/v1/oauth/client-metadata.json' });
    expect(document.statusCode).toBe(200);
    expect(document.json()).toEqual({
      client_id: `${PUBLIC_URL}/api/v1/oauth/client-metadata.json`,
      client_name: 'mcpulse',
      client_uri: PUBLIC_URL,
      redirect_uris: [CALLBACK],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    });
  });
});

describe('Connect with OAuth with a client metadata document', () => {
  it("uses mcpulse's own document as client_id where the server takes those, on https", async () => {
    const publicUrl = 'https://mcpulse.example';
    const documentUrl = `${publicUrl}/api/v1/oauth/client-metadata.json`;
    let app: TestApp | undefined;
    const cimdServer = await startTestOAuthServer({
      clients: [{ clientId: 'other', scopes: ['mcp', 'admin'] }],
      codeGrant: {
        registration: true,
        clientIdMetadataDocuments: true,
        refreshTokens: 'keep',
        // The authorization server reads the document where it is published.
        clientMetadata: async (clientId) => {
          if (clientId !== documentUrl || !app) return null;
          return (await app.app.inject({ method: 'GET', url: new URL(clientId).pathname })).json();
        },
      },
    });
    const cimdMcp = await startProtectedMcp({ authServer: cimdServer });
    app = await createTestApp({ probe: (options) => runProbe(options), publicUrl });
    try {
      const user = await signUpUser(app.app);
      const started = await app.app.inject({
        method: 'POST',
        url: '/api/v1/oauth/connect',
        headers: user.headers,
        payload: { url: cimdMcp.url },
      });
      expect(started.statusCode, started.body).toBe(200);
      const { connectionId, authorizationUrl } = started.json();
      expect(new URL(authorizationUrl).searchParams.get('client_id')).toBe(documentUrl);
      const redirect = await fetch(authorizationUrl, { redirect: 'manual' });
      const location = new URL(redirect.headers.get('location') ?? '');
      expect(location.origin + location.pathname).toBe(`${publicUrl}/api/v1/oauth/callback`);
      const back = await app.app.inject({
        method: 'GET',
        url: `${location.pathname}${location.search}`,
        headers: { cookie: user.headers.cookie as string },
      });
      expect(back.headers.location).toBe(`/oauth/done?connection=${connectionId}`);
      const state = await app.app.inject({
        method: 'GET',
        url: `/api/v1/oauth/connections/${connectionId}`,
        headers: user.headers,
      });
      expect(state.json()).toMatchObject({
        status: 'connected',
        connection: { clientId: documentUrl, registration: 'client_metadata_document' },
      });
    } finally {
      await app.close();
      await cimdMcp.close();
      await cimdServer.close();
    }
  });
});

describe('what Connect with OAuth leaves behind', () => {
  it('holds no refresh token, code, state or client secret in an answer or a log line', () => {
    const everything = [...answers, ...logLines].join('\n');
    expect(everything).not.toMatch(REFRESH_TOKEN);
    expect(everything).not.toContain(PRE_SECRET);
    const logs = logLines.join('\n');
    expect(logs).toContain('/api/v1/oauth/callback?');
    expect(logs).not.toMatch(/[?&](code|state)=(?!%5Bredacted%5D)/);
  });
});
