import { generateKeyPairSync } from 'node:crypto';
import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import {
  ClientCredentialsProvider,
  PrivateKeyJwtProvider,
} from '@modelcontextprotocol/sdk/client/auth-extensions.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestOAuthServer, type TestOAuthServer } from './oauth-server.js';
import { type ProtectedMcpServer, startProtectedMcp } from './protected-mcp-server.js';

const SECRET = 'testkit-client-secret-1';
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });

let authServer: TestOAuthServer | undefined;
let mcp: ProtectedMcpServer | undefined;
afterEach(async () => {
  await mcp?.close();
  await authServer?.close();
});

async function start(metadataAt: 'path' | 'root' | 'challenge' = 'path') {
  authServer = await startTestOAuthServer({
    clients: [
      { clientId: 'sdk', clientSecret: SECRET, scopes: ['mcp'] },
      {
        clientId: 'sdk-jwt',
        publicKeyPem: rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        scopes: ['mcp'],
      },
    ],
  });
  mcp = await startProtectedMcp({ authServer, metadataAt });
  return { authServer, mcp };
}

/** The official SDK client, with its own OAuth client-credentials support, lists the tools. */
async function listWith(url: string, authProvider: OAuthClientProvider): Promise<string[]> {
  const client = new Client({ name: 'testkit-test', version: '0.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { authProvider }));
  try {
    return (await client.listTools()).tools.map((tool) => tool.name);
  } finally {
    await client.close();
  }
}

describe('startProtectedMcp with startTestOAuthServer', () => {
  it('answers 401 with a Bearer challenge, and serves its protected resource metadata', async () => {
    const { authServer, mcp } = await start('challenge');
    const refused = await fetch(mcp.url, { method: 'POST', body: '{}' });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain(
      `resource_metadata="${mcp.resourceMetadataUrl}"`,
    );
    const metadata = await (await fetch(mcp.resourceMetadataUrl)).json();
    expect(metadata).toMatchObject({ resource: mcp.url, authorization_servers: [authServer.issuer] });
  });

  it.each(['path', 'root', 'challenge'] as const)(
    'lets the SDK client in with client_secret_basic (metadata at %s)',
    async (metadataAt) => {
      const { authServer, mcp } = await start(metadataAt);
      const provider = new ClientCredentialsProvider({
        clientId: 'sdk',
        clientSecret: SECRET,
        expectedIssuer: authServer.issuer,
      });
      expect(await listWith(mcp.url, provider)).toEqual(['echo', 'add', 'get_weather']);
      expect(authServer.grants).toEqual([
        { clientId: 'sdk', scopes: ['mcp'], authMethod: 'client_secret_basic' },
      ]);
    },
  );

  it('lets the SDK client in with private_key_jwt', async () => {
    const { authServer, mcp } = await start();
    const provider = new PrivateKeyJwtProvider({
      clientId: 'sdk-jwt',
      privateKey: rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      algorithm: 'RS256',
      expectedIssuer: authServer.issuer,
    });
    expect(await listWith(mcp.url, provider)).toHaveLength(3);
    expect(authServer.grants[0]).toMatchObject({ clientId: 'sdk-jwt', authMethod: 'private_key_jwt' });
  });

  it('refuses a wrong secret with invalid_client, and revoked tokens with 401', async () => {
    const { authServer } = await start();
    const tokenRequest = (secret: string) =>
      fetch(authServer.tokenEndpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: 'sdk',
          client_secret: secret,
        }),
      });
    const wrong = await tokenRequest('nope');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_client' });
    const issued = await tokenRequest(SECRET);
    const { access_token: token } = (await issued.json()) as { access_token: string };
    await expect(authServer.verifier.verifyAccessToken(token)).resolves.toMatchObject({ clientId: 'sdk' });
    authServer.revokeAll();
    await expect(authServer.verifier.verifyAccessToken(token)).rejects.toThrow('revoked');
  });
});
