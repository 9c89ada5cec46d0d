import {
  type ProtectedMcpServer,
  startProtectedMcp,
  startTestOAuthServer,
  type TestOAuthServer,
} from '@mcpulse/testkit';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from './support/browser.js';
import { type EmbeddedStack, startEmbeddedStack } from './support/embedded-stack.js';
import { atUrl, hasText, visible } from './support/page-waits.js';

/** A check every 30 s confirmed by one: the first scheduled checks settle the status. */
const STATE_CHANGE_MS = 100_000;

let stack: EmbeddedStack;
let authServer: TestOAuthServer;
let mcp: ProtectedMcpServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  // A browser that always says yes, dynamic registration, and refresh tokens that rotate.
  authServer = await startTestOAuthServer({
    // The scopes the protected server's metadata names (mcp and admin), which a sign-in asks for;
    // the dashboard registers its own client, dynamically.
    clients: [{ clientId: 'unused', clientSecret: 'unused-secret', scopes: ['mcp', 'admin'] }],
    codeGrant: { registration: true, refreshTokens: 'rotate' },
  });
  [stack, mcp, browser] = await Promise.all([
    startEmbeddedStack(),
    startProtectedMcp({ authServer, name: 'fixture-signed-in' }),
    launchChromium(),
  ]);
  // The embedded mode's public URL is http://localhost:<port>: the sign-in comes back there, and
  // the session cookie the callback needs belongs to that host.
  const baseURL = stack.url.replace('127.0.0.1', 'localhost');
  context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await Promise.allSettled([stack?.stop(), mcp?.close(), authServer?.close()]);
});

describe('Connect with OAuth in the dashboard', () => {
  it('signs in at the authorization server in a new tab, saves the connection and monitors the server with it', async () => {
    await page.goto('/signup');
    await page.getByLabel('Email').fill('connect@example.com');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    await visible(page.getByRole('heading', { name: 'Add your first MCP server' }));

    await page.getByRole('link', { name: 'Add monitor' }).first().click();
    await page.getByLabel('Name').fill('Signed in with OAuth');
    await page.getByLabel('MCP endpoint URL').fill(mcp.url);
    await page.getByRole('radio', { name: /Connect with OAuth/ }).check();
    const signIn = context.waitForEvent('page');
    await page.getByRole('button', { name: 'Connect with OAuth' }).click();
    // The authorization server says yes at once and sends the browser back to mcpulse's callback.
    const tab = await signIn;
    await tab.waitForURL(/\/oauth\/done/, { timeout: 30_000 });
    await hasText(tab.getByRole('status'), 'Connected with', 15_000);
    await tab.close();
    const connected = page.getByTestId('oauth-connected');
    await hasText(connected, 'Connected (OAuth)', 30_000);
    await hasText(connected, authServer.issuer);
    expect(authServer.authorizations).toHaveLength(1);
    expect(authServer.authorizations[0]?.redirectUri).toMatch(
      /^http:\/\/localhost:\d+\/api\/v1\/oauth\/callback$/,
    );

    await page.getByText('Advanced').click();
    await page.getByLabel('Check every (seconds)').fill('30');
    await page.getByLabel('Confirmations').fill('1');
    await page.getByRole('button', { name: 'Add monitor' }).click();
    await atUrl(page, /\/monitors\/[0-9a-f-]{36}$/);
    const region = page.locator('[data-region="local"]');
    await visible(region.locator('[data-status="up"]'), STATE_CHANGE_MS);
    await hasText(page.locator('body'), 'Connected (OAuth)');
    // The checks got their access tokens with the refresh token the sign-in left.
    expect(authServer.refreshes.length).toBeGreaterThan(0);
    await screenshot(page, 'oauth-connected-monitor');
  });
});
