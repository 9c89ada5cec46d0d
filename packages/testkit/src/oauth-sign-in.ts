import { createHash, randomBytes } from 'node:crypto';
import type { TestOAuthServer } from './oauth-server.js';

export interface TestSignIn {
  clientId: string;
  /** For a confidential client (sent with client_secret_post). */
  clientSecret?: string;
  /** The resource indicator (RFC 8707): the MCP server's URL. */
  resource: string;
  scope?: string;
}

/**
 * A person's sign-in with the authorization-code grant and PKCE at a test authorization server
 * (`codeGrant.refreshTokens`), done without a browser: the refresh token it issues, as a monitor's
 * OAuth connection would keep it.
 */
export async function signInForRefreshToken(server: TestOAuthServer, signIn: TestSignIn): Promise<string> {
  const verifier = randomBytes(32).toString('base64url');
  const redirectUri = 'http://127.0.0.1:9/callback';
  const url = new URL(`${server.issuer}/authorize`);
  const params = {
    response_type: 'code',
    client_id: signIn.clientId,
    redirect_uri: redirectUri,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    state: randomBytes(8).toString('hex'),
    resource: signIn.resource,
    ...(signIn.scope ? { scope: signIn.scope } : {}),
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  const redirect = await fetch(url, { redirect: 'manual' });
  const code = new URL(redirect.headers.get('location') ?? '', url).searchParams.get('code');
  if (!code) throw new Error(`the authorization endpoint answered ${redirect.status} without a code`);
  const answer = await fetch(server.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: redirectUri,
      resource: signIn.resource,
      client_id: signIn.clientId,
      ...(signIn.clientSecret ? { client_secret: signIn.clientSecret } : {}),
    }),
  });
  const body = (await answer.json()) as { refresh_token?: unknown };
  if (typeof body.refresh_token !== 'string')
    throw new Error(`the token endpoint answered ${answer.status} without a refresh token`);
  return body.refresh_token;
}
