import { startProtectedMcp, startTestOAuthServer } from '@mcpulse/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function cli(...argv: string[]) {
  const out: string[] = [];
  const code = await main(argv, { out: (text) => out.push(text), err: (text) => out.push(text) });
  return { code, stdout: out.join('\n') };
}

async function protectedServer(metadataAt: 'path' | 'none') {
  const authServer = await startTestOAuthServer({ clients: [] });
  cleanups.push(authServer.close);
  const mcp = await startProtectedMcp({ authServer, metadataAt });
  cleanups.push(mcp.close);
  return { authServer, mcp };
}

describe('mcpulse probe of an OAuth-protected server', () => {
  it('shows the auth discovery mode and what discovery found', async () => {
    const { authServer, mcp } = await protectedServer('path');
    const { code, stdout } = await cli('probe', mcp.url);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^✔ UP/);
    expect(stdout).toContain('auth       auth discovery');
    expect(stdout).toContain(`authorization server ${authServer.issuer}`);
    expect(stdout).toContain('scopes mcp admin');
  });

  it('exits 1 with the failed step when discovery is broken', async () => {
    const { mcp } = await protectedServer('none');
    const { code, stdout } = await cli('probe', mcp.url);
    expect(code).toBe(1);
    expect(stdout).toContain('auth_discovery_failed during auth (HTTP 401)');
    expect(stdout).toContain('failed at protected resource metadata');
  });
});
