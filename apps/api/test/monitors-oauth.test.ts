import { monitors } from '@mcpulse/db';
import { runProbe } from '@mcpulse/probe';
import {
  type ProtectedMcpServer,
  startProtectedMcp,
  startTestOAuthServer,
  type TestOAuthServer,
} from '@mcpulse/testkit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturedLogger } from './support/log-capture.js';
import { type Caller, createTestApp, signUpUser, type TestApp } from './support/test-app.js';

const SECRET = 'oauth-client-s3cret-0042';
const MASK = '••••••';

let t: TestApp;
let owner: Caller;
let authServer: TestOAuthServer;
let mcp: ProtectedMcpServer;
const { logger, lines: logLines } = capturedLogger();

beforeAll(async () => {
  authServer = await startTestOAuthServer({
    clients: [{ clientId: 'mcpulse', clientSecret: SECRET, scopes: ['mcp'] }],
  });
  mcp = await startProtectedMcp({ authServer });
  t = await createTestApp({
    logger,
    probe: (options) => runProbe(options),
  });
  owner = await signUpUser(t.app);
});
afterAll(async () => {
  await t?.close();
  await Promise.all([mcp?.close(), authServer?.close()]);
});

function send(method: 'POST' | 'PATCH' | 'GET', url: string, payload?: object) {
  return t.app.inject({ method, url, headers: owner.headers, ...(payload ? { payload } : {}) });
}

const oauth = { clientId: 'mcpulse', authMethod: 'client_secret_basic', clientSecret: SECRET, scope: 'mcp' };

describe('monitors with OAuth client credentials', () => {
  let monitorId: string;

  it('saves them sealed and answers them masked', async () => {
    const response = await send('POST', '/api/v1/monitors', { name: 'Protected', url: mcp.url, oauth });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.body).not.toContain(SECRET);
    monitorId = response.json().monitor.id;
    expect(response.json().monitor.oauth).toEqual({
      clientId: 'mcpulse',
      authMethod: 'client_secret_basic',
      scope: 'mcp',
      issuer: null,
      clientSecret: MASK,
    });
    const [row] = await t.database.handle.db.select().from(monitors).where(eq(monitors.id, monitorId));
    expect(row?.oauthSealed).toBeTruthy();
    expect(JSON.stringify(row)).not.toContain(SECRET);
    const read = await send('GET', `/api/v1/monitors/${monitorId}`);
    expect(read.body).not.toContain(SECRET);
    expect(read.json().oauth.clientSecret).toBe(MASK);
  });

  it('checks with a token from the discovered authorization server', async () => {
    const response = await send('POST', `/api/v1/monitors/${monitorId}/check`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'up',
      toolCount: 3,
      auth: { mode: 'credentials', required: true, issuer: authServer.issuer },
    });
    expect(authServer.grants.at(-1)).toMatchObject({
      clientId: 'mcpulse',
      authMethod: 'client_secret_basic',
    });
  });

  it('keeps the saved secret behind the mask, and reports token_error for a wrong one', async () => {
    const kept = await send('PATCH', `/api/v1/monitors/${monitorId}`, {
      oauth: { ...oauth, clientSecret: MASK, authMethod: 'client_secret_post' },
    });
    expect(kept.statusCode, kept.body).toBe(200);
    expect((await send('POST', `/api/v1/monitors/${monitorId}/check`)).json().status).toBe('up');
    expect(authServer.grants.at(-1)?.authMethod).toBe('client_secret_post');

    await send('PATCH', `/api/v1/monitors/${monitorId}`, {
      oauth: { ...oauth, clientSecret: 'not-the-secret-1' },
    });
    const check = await send('POST', `/api/v1/monitors/${monitorId}/check`);
    expect(check.json()).toMatchObject({ status: 'down', error: { code: 'token_error' } });
    expect(check.body).not.toContain('not-the-secret-1');
  });

  it('refuses bad credentials with a 400 naming the field', async () => {
    const cases: Array<[object, string]> = [
      [{ ...oauth, authMethod: 'password' }, 'oauth.authMethod'],
      [{ ...oauth, clientSecret: undefined }, 'oauth.clientSecret'],
      [{ ...oauth, extra: 1 }, 'oauth'],
      [{ clientId: 'x', authMethod: 'private_key_jwt', privateKey: 'not a key' }, 'oauth.privateKey'],
      [{ ...oauth, privateKey: 'x' }, 'oauth.privateKey'],
      [{ ...oauth, scope: 'bad"scope' }, 'oauth.scope'],
      [{ ...oauth, issuer: 'ftp://auth.example.com' }, 'oauth.issuer'],
    ];
    for (const [body, field] of cases) {
      const response = await send('POST', '/api/v1/monitors', { name: 'Bad', url: mcp.url, oauth: body });
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.body).toContain(field);
      expect(response.body).not.toContain(SECRET);
    }
    const both = await send('POST', '/api/v1/monitors', {
      name: 'Both',
      url: mcp.url,
      headers: { Authorization: 'Bearer x-0001' },
      oauth,
    });
    expect(both.statusCode).toBe(400);
    expect(both.json().error.field ?? both.body).toContain('oauth');
  });

  it('never logs them', () => {
    const text = logLines.join('');
    expect(text.length).toBeGreaterThan(0);
    expect(text).not.toContain(SECRET);
  });
});
