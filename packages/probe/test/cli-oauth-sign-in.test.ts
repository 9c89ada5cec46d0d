import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type CodeGrantOptions,
  type ProtectedMcpOptions,
  startProtectedMcp,
  startRawServer,
  startTestOAuthServer,
  type TestOAuthClient,
  type TestOAuthServerOptions,
} from '@mcpulse/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';

const SECRET = 'app-s3cret-for-sign-in-5519';
const CLIENT_METADATA_URL = 'https://client.example/mcpulse.json';
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup(
  codeGrant: CodeGrantOptions = { registration: true },
  clients: TestOAuthClient[] = [],
  server: Omit<ProtectedMcpOptions, 'authServer'> = {},
  as: Partial<TestOAuthServerOptions> = {},
) {
  const authServer = await startTestOAuthServer({
    clients: [{ clientId: 'scopes', scopes: ['mcp', 'admin'], redirectUris: [] }, ...clients],
    codeGrant,
    ...as,
  });
  cleanups.push(authServer.close);
  const mcp = await startProtectedMcp({ authServer, ...server });
  cleanups.push(mcp.close);
  return { authServer, mcp };
}

/** The person's browser: opens the URL and follows every redirect, to mcpulse's callback. */
async function browse(url: string): Promise<number> {
  let target = url;
  for (let hop = 0; hop < 5; hop++) {
    const response = await fetch(target, { redirect: 'manual' });
    await response.arrayBuffer();
    const location = response.headers.get('location');
    if (!location) return response.status;
    target = new URL(location, target).href;
  }
  throw new Error('too many redirects');
}

/** Runs the CLI; `browser` is handed each authorization URL it prints, as a person would copy it. */
async function cli(argv: string[], browser: ((url: string) => Promise<unknown>) | null = browse) {
  const out: string[] = [];
  const err: string[] = [];
  const opened: string[] = [];
  const code = await main(argv, {
    out: (text) => out.push(text),
    err: (text) => {
      err.push(text);
      const url = /^ {2}(https?:\/\/\S+)$/m.exec(text)?.[1];
      if (url && browser) {
        opened.push(url);
        void browser(url);
      }
    },
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n'), opened };
}

describe('mcpulse probe --oauth', () => {
  it('registers dynamically, sends the person to sign in with PKCE, and checks with the token', async () => {
    const { authServer, mcp } = await setup();
    const run = await cli(['probe', mcp.url, '--oauth', '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({
      status: 'up',
      toolCount: 3,
      auth: { mode: 'sign_in', required: true },
    });
    expect(run.stderr).toContain(
      `${mcp.url} needs authorization by ${authServer.issuer} (client: dynamic registration`,
    );
    const [authorization] = authServer.authorizations;
    expect(authServer.authorizations).toHaveLength(1);
    expect(authorization).toMatchObject({
      // No scope in the challenge: every scope of the protected resource metadata.
      scope: 'mcp admin',
      resource: mcp.url,
      codeChallengeMethod: 'S256',
    });
    expect(authorization?.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(authServer.grants).toEqual([
      { clientId: authorization?.clientId, scopes: ['mcp', 'admin'], authMethod: 'none' },
    ]);
  });

  it('uses a pre-registered client first, with its secret, and never prints the secret', async () => {
    const { authServer, mcp } = await setup({ registration: true, clientIdMetadataDocuments: true }, [
      { clientId: 'app', clientSecret: SECRET, scopes: ['mcp', 'admin'] },
    ]);
    const app = ['probe', mcp.url, '--oauth', '--client-id', 'app', '--client-secret', SECRET];
    const run = await cli([...app, '--client-metadata-url', CLIENT_METADATA_URL]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('client: pre-registered');
    expect(authServer.grants).toEqual([
      { clientId: 'app', scopes: ['mcp', 'admin'], authMethod: 'client_secret_basic' },
    ]);
    for (const text of [run.stdout, run.stderr]) expect(text).not.toContain(SECRET);
    const json = await cli([...app, '--json']);
    expect(json.code).toBe(0);
    expect(json.stdout).not.toContain(SECRET);
  });

  it('keeps the secret out of everything when the token endpoint echoes it back', async () => {
    // A token endpoint that quotes the client's credentials in its error, decoded.
    const echo = await startRawServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const basic = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64');
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ error: 'invalid_client', error_description: `${basic} ${Buffer.concat(chunks)}` }),
        );
      });
    });
    cleanups.push(echo.close);
    const { mcp } = await setup(
      { registration: true },
      [{ clientId: 'app', clientSecret: SECRET, scopes: ['mcp', 'admin'] }],
      {},
      { advertisedTokenEndpoint: `${echo.url}/token` },
    );
    const flags = ['probe', mcp.url, '--oauth', '--client-id', 'app', '--client-secret', SECRET];
    for (const output of [[], ['--json']]) {
      const run = await cli([...flags, ...output]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('sign-in failed: token endpoint');
      // The secret was echoed, and scrubbed where it stood.
      expect(run.stderr).toContain('invalid_client: app:[redacted]');
      expect(run.stdout).toContain('token_error');
      for (const text of [run.stdout, run.stderr]) expect(text).not.toContain(SECRET);
    }
  });

  it('takes a client metadata document URL as client_id where the server supports them', async () => {
    const { authServer, mcp } = await setup({ registration: true, clientIdMetadataDocuments: true });
    const run = await cli(['probe', mcp.url, '--oauth', '--client-metadata-url', CLIENT_METADATA_URL]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('client: client metadata document');
    expect(authServer.authorizations.map((entry) => entry.clientId)).toEqual([CLIENT_METADATA_URL]);
  });

  it('asks for the scope the challenge names and steps up on a 403 insufficient_scope', async () => {
    const { authServer, mcp } = await setup();
    let signIns = 0;
    const run = await cli(['probe', mcp.url, '--oauth', '--scope', 'mcp'], async (url) => {
      await browse(url);
      signIns += 1;
      // From now on the server wants more than the first sign-in asked for.
      if (signIns === 1) mcp.requireScopes(['admin']);
    });
    expect(run.code).toBe(0);
    expect(authServer.authorizations.map((entry) => entry.scope)).toEqual(['mcp', 'mcp admin']);
    expect(run.opened).toHaveLength(2);
  });

  it('exits 1 with token_error when the person says no', async () => {
    const { mcp } = await setup({ registration: true, refuseWith: 'access_denied' });
    const run = await cli(['probe', mcp.url, '--oauth', '--json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('sign-in failed: the authorization server refused: access_denied');
    expect(JSON.parse(run.stdout).error).toMatchObject({
      code: 'token_error',
      phase: 'auth',
      message: 'sign-in failed: the authorization server refused: access_denied',
    });
  });

  it('gives up when no redirect comes back within --oauth-timeout', async () => {
    const { authServer, mcp } = await setup();
    const run = await cli(['probe', mcp.url, '--oauth', '--oauth-timeout', '300ms'], null);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('sign-in failed: no redirect came back within 300ms');
    expect(run.opened).toHaveLength(0);
    expect(authServer.grants).toHaveLength(0);
  });

  it('names a server that cannot register a client, and what to pass instead', async () => {
    const { mcp } = await setup({});
    const run = await cli(['probe', mcp.url, '--oauth']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'offers no dynamic client registration and takes no client metadata documents',
    );
    expect(run.stderr).toContain('pass a pre-registered --client-id');
  });

  it.runIf(process.platform === 'linux')(
    'opens the URL with the desktop opener when asked (--open)',
    async () => {
      const { authServer, mcp } = await setup();
      const bin = mkdtempSync(path.join(tmpdir(), 'mcpulse-opener-'));
      const opener = path.join(bin, 'xdg-open');
      // A stand-in for the desktop's xdg-open: a browser that follows the redirects.
      writeFileSync(
        opener,
        `#!${process.execPath}\nlet t = process.argv[2];\nfor (let i = 0; i < 5 && t; i++) { const r = await fetch(t, { redirect: 'manual' }); const l = r.headers.get('location'); t = l && new URL(l, t).href; }\n`,
      );
      chmodSync(opener, 0o755);
      const path0 = process.env.PATH;
      process.env.PATH = `${bin}${path.delimiter}${path0}`;
      try {
        const run = await cli(['probe', mcp.url, '--oauth', '--open', '--oauth-timeout', '20s'], null);
        expect(run.code).toBe(0);
        expect(authServer.grants).toHaveLength(1);
      } finally {
        process.env.PATH = path0;
      }
    },
  );
});
