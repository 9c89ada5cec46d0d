import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { CodeGrantOptions } from './oauth-code-grant.js';
import { startTestOAuthServer, type TestOAuthServer } from './oauth-server.js';

const servers: TestOAuthServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

const VERIFIER = 'a-verifier-of-enough-length-for-pkce-0123456789';
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');
const REDIRECT = 'http://127.0.0.1:4567/callback';

async function server(codeGrant: CodeGrantOptions = { registration: true }) {
  const started = await startTestOAuthServer({
    clients: [{ clientId: 'app', scopes: ['mcp'] }],
    codeGrant,
  });
  servers.push(started);
  return started;
}

async function authorize(as: TestOAuthServer, params: Record<string, string>) {
  const url = new URL(`${as.issuer}/authorize`);
  const all = {
    response_type: 'code',
    client_id: 'app',
    redirect_uri: REDIRECT,
    code_challenge: CHALLENGE,
    code_challenge_method: 'S256',
    state: 's1',
    ...params,
  };
  for (const [name, value] of Object.entries(all)) url.searchParams.set(name, value);
  const response = await fetch(url, { redirect: 'manual' });
  const location = response.headers.get('location');
  return { status: response.status, redirect: location ? new URL(location) : null };
}

function token(as: TestOAuthServer, code: string, verifier = VERIFIER) {
  return fetch(as.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: REDIRECT,
      client_id: 'app',
    }),
  });
}

describe('the test authorization server: authorization code with PKCE', () => {
  it('redirects with a code and the state, and exchanges the code once, for the right verifier only', async () => {
    const as = await server();
    const { status, redirect } = await authorize(as, {});
    expect(status).toBe(302);
    expect(redirect?.searchParams.get('state')).toBe('s1');
    const code = redirect?.searchParams.get('code') ?? '';
    expect((await token(as, code, `${VERIFIER}x`)).status).toBe(400);
    const { redirect: again } = await authorize(as, {});
    const second = again?.searchParams.get('code') ?? '';
    const granted = await token(as, second);
    expect(granted.status).toBe(200);
    expect(await granted.json()).toMatchObject({ token_type: 'Bearer', scope: 'mcp' });
    expect((await token(as, second)).status).toBe(400);
  });

  it('never redirects to an unknown client or redirect URI; refuses a request without S256', async () => {
    const as = await server();
    expect(await authorize(as, { client_id: 'stranger' })).toEqual({ status: 400, redirect: null });
    expect(await authorize(as, { redirect_uri: 'https://evil.example/cb' })).toEqual({
      status: 400,
      redirect: null,
    });
    const plain = await authorize(as, { code_challenge_method: 'plain' });
    expect(plain.redirect?.searchParams.get('error')).toBe('invalid_request');
  });

  it('registers clients dynamically, public or with a secret', async () => {
    const as = await server();
    const register = (body: object) =>
      fetch(`${as.issuer}/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const open = await register({ redirect_uris: [REDIRECT], token_endpoint_auth_method: 'none' });
    expect(open.status).toBe(201);
    expect(await open.json()).not.toHaveProperty('client_secret');
    const confidential = (await (await register({ redirect_uris: [REDIRECT] })).json()) as Record<
      string,
      unknown
    >;
    expect(confidential).toMatchObject({ token_endpoint_auth_method: 'client_secret_basic' });
    expect(typeof confidential.client_secret).toBe('string');
    expect((await register({ redirect_uris: [] })).status).toBe(400);
  });
});

function refresh(as: TestOAuthServer, refreshToken: string) {
  return fetch(as.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: 'app' }),
  });
}

async function signedIn(as: TestOAuthServer): Promise<string> {
  const { redirect } = await authorize(as, {});
  const granted = (await (await token(as, redirect?.searchParams.get('code') ?? '')).json()) as {
    refresh_token?: string;
  };
  return granted.refresh_token ?? '';
}

describe('the test authorization server: refresh tokens', () => {
  it('issues none unless asked to', async () => {
    const as = await server();
    expect(await signedIn(as)).toBe('');
  });

  it('rotates: a refresh answers a new refresh token and spends the old one', async () => {
    const as = await server({ refreshTokens: 'rotate' });
    const first = await signedIn(as);
    expect(first).toMatch(/^rt-/);
    const answer = await refresh(as, first);
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { access_token: string; refresh_token: string };
    expect(body.refresh_token).toMatch(/^rt-/);
    expect(body.refresh_token).not.toBe(first);
    const spent = await refresh(as, first);
    expect(spent.status).toBe(400);
    expect(await spent.json()).toMatchObject({ error: 'invalid_grant' });
    expect((await refresh(as, body.refresh_token)).status).toBe(200);
    expect(as.refreshes.map((record) => record.accepted)).toEqual([true, false, true]);
  });

  it('keeps the refresh token when not rotating, until the person revokes the consent', async () => {
    const as = await server({ refreshTokens: 'keep' });
    const kept = await signedIn(as);
    const answer = await refresh(as, kept);
    expect(await answer.json()).not.toHaveProperty('refresh_token');
    expect((await refresh(as, kept)).status).toBe(200);
    as.revokeConsent();
    const revoked = await refresh(as, kept);
    expect(revoked.status).toBe(400);
    expect(await revoked.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it("bounds a metadata document client's redirects by the document it reads", async () => {
    const clientId = 'https://client.example/metadata.json';
    const as = await server({
      clientIdMetadataDocuments: true,
      clientMetadata: async (id) =>
        id === clientId ? { client_id: clientId, redirect_uris: ['https://client.example/cb'] } : null,
    });
    const allowed = await authorize(as, { client_id: clientId, redirect_uri: 'https://client.example/cb' });
    expect(allowed.redirect?.searchParams.get('code')).toBeTruthy();
    expect(await authorize(as, { client_id: clientId })).toEqual({ status: 400, redirect: null });
    const unknown = 'https://other.example/metadata.json';
    expect(await authorize(as, { client_id: unknown, redirect_uri: 'https://client.example/cb' })).toEqual({
      status: 400,
      redirect: null,
    });
  });
});
