import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startProtectedMcp, startTestOAuthServer } from '@mcpulse/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';

const SECRET = 'cli-s3cret-never-printed-7731';
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

const dir = mkdtempSync(path.join(tmpdir(), 'mcpulse-cli-oauth-'));
function file(name: string, content: string): string {
  const target = path.join(dir, name);
  writeFileSync(target, content, { mode: 0o600 });
  return target;
}

const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const KEY_PEM = ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const keyFile = file('client.pem', KEY_PEM);
const ED25519_PEM = generateKeyPairSync('ed25519')
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

async function setup() {
  const authServer = await startTestOAuthServer({
    clients: [
      { clientId: 'monitor', clientSecret: SECRET, scopes: ['mcp', 'admin'] },
      {
        clientId: 'robot',
        publicKeyPem: ec.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        scopes: ['mcp'],
      },
    ],
  });
  cleanups.push(authServer.close);
  const mcp = await startProtectedMcp({ authServer });
  cleanups.push(mcp.close);
  return { authServer, mcp };
}

/** Nothing the person passed as a secret appears in anything the CLI printed. */
function expectNoSecrets(run: { stdout: string; stderr: string }) {
  for (const secret of [SECRET, 'BEGIN PRIVATE KEY', KEY_PEM.split('\n')[1] ?? KEY_PEM]) {
    expect(run.stdout).not.toContain(secret);
    expect(run.stderr).not.toContain(secret);
  }
}

describe('mcpulse probe with OAuth client credentials', () => {
  it.each([
    ['client_secret_basic', ['--client-secret', SECRET]],
    ['client_secret_post', ['--client-secret', SECRET, '--token-auth-method', 'client_secret_post']],
    ['client_secret_basic', ['--client-secret-file', file('secret.txt', `${SECRET}\n`)]],
  ])('gets a token with %s and checks the server with it', async (method, flags) => {
    const { authServer, mcp } = await setup();
    const run = await cli('probe', mcp.url, '--client-id', 'monitor', ...flags, '--json');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ status: 'up', auth: { mode: 'credentials', failedStep: null } });
    expect(authServer.grants).toEqual([
      { clientId: 'monitor', scopes: ['mcp', 'admin'], authMethod: method },
    ]);
    expectNoSecrets(run);
  });

  it('signs a client assertion with --private-key-file (private_key_jwt) and asks for --scope', async () => {
    const { authServer, mcp } = await setup();
    const run = await cli(
      'probe',
      mcp.url,
      '--client-id',
      'robot',
      '--private-key-file',
      keyFile,
      '--scope',
      'mcp',
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^✔ UP/);
    expect(authServer.grants).toEqual([
      { clientId: 'robot', scopes: ['mcp'], authMethod: 'private_key_jwt' },
    ]);
    expectNoSecrets(run);
  });

  it('exits 1 with token_error and without the secret when the client is refused', async () => {
    const { mcp } = await setup();
    const wrong = `${SECRET}-wrong`;
    const run = await cli('probe', mcp.url, '--client-id', 'monitor', '--client-secret', wrong, '--json');
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.error).toMatchObject({ code: 'token_error', phase: 'auth' });
    expect(result.auth.reason).toContain('invalid_client');
    expect(run.stdout).not.toContain(wrong);
  });

  it('takes the same credentials in snapshot and wait', async () => {
    const { mcp } = await setup();
    const snapshot = await cli('snapshot', mcp.url, '--client-id', 'monitor', '--client-secret', SECRET);
    expect(snapshot.code).toBe(0);
    expect(JSON.parse(snapshot.stdout).tools).toHaveLength(3);
    const wait = await cli('wait', mcp.url, '--client-id', 'monitor', '--client-secret', SECRET, '--json');
    expect(wait.code).toBe(0);
    expectNoSecrets(snapshot);
    expectNoSecrets(wait);
  });
});

describe('OAuth flags that do not go together', () => {
  const url = 'http://127.0.0.1:9/mcp';
  it.each([
    [['--client-secret', SECRET], 'needs --client-id'],
    [['--client-id', 'c'], 'need --client-secret (or --client-secret-file) or --private-key-file'],
    [['--scope', 'a'], '--scope needs --client-id (or --oauth)'],
    [['--client-id', 'c', '--client-secret', SECRET, '--token-auth-method', 'magic'], 'must be one of'],
    [['--client-id', 'c', '--client-secret', SECRET, '--private-key-file', keyFile], 'exclude each other'],
    [['--client-id', 'c', '--token-auth-method', 'private_key_jwt'], 'needs --private-key-file'],
    [
      ['--client-id', 'c', '--private-key-file', keyFile, '--token-auth-method', 'client_secret_post'],
      'goes with',
    ],
    [['--client-id', 'c', '--private-key-file', file('not-a-key.pem', SECRET)], 'is not a PEM private key'],
    [['--client-id', 'c', '--private-key-file', file('ed25519.pem', ED25519_PEM)], 'must be RSA or EC P-256'],
    [['--client-id', 'c', '--client-secret-file', path.join(dir, 'missing')], 'cannot read'],
    [
      ['--client-id', 'c', '--client-secret', SECRET, '-H', `Authorization: Bearer ${SECRET}`],
      'exclude each other',
    ],
    [['--client-id', 'c', '--client-secret', SECRET, '--scope', 'a "b"'], 'space-separated scope tokens'],
    [['--open'], '--open goes with --oauth'],
    [['--client-metadata-url', 'https://example.com/client.json'], 'goes with --oauth'],
    [['--oauth', '--client-metadata-url', 'http://example.com/client.json'], 'must be an https URL'],
    [['--oauth', '--oauth-timeout', 'soon'], '--oauth-timeout expects a duration'],
  ])('%j is a usage error naming the problem, never the secret', async (flags, message) => {
    const run = await cli('probe', url, ...flags);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expectNoSecrets(run);
  });

  it('keeps --oauth to the probe command', async () => {
    const run = await cli('wait', url, '--oauth');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unknown option '--oauth'");
  });
});
