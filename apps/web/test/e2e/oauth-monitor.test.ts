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

const SECRET = 'dashboard-client-s3cret-5150';
/** A check every 30 s confirmed by one: the first scheduled checks settle the status. */
const STATE_CHANGE_MS = 100_000;

let stack: EmbeddedStack;
let authServer: TestOAuthServer;
let mcp: ProtectedMcpServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  authServer = await startTestOAuthServer({
    clients: [{ clientId: 'dashboard', clientSecret: SECRET, scopes: ['mcp'] }],
  });
  [stack, mcp, browser] = await Promise.all([
    startEmbeddedStack(),
    startProtectedMcp({ authServer, name: 'fixture-protected' }),
    launchChromium(),
  ]);
  context = await browser.newContext({ baseURL: stack.url, viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await Promise.allSettled([stack?.stop(), mcp?.close(), authServer?.close()]);
});

async function addMonitor(name: string, fill: () => Promise<void>): Promise<void> {
  await page.getByRole('link', { name: 'Add monitor' }).first().click();
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('MCP endpoint URL').fill(mcp.url);
  await fill();
  await page.getByText('Advanced').click();
  await page.getByLabel('Check every (seconds)').fill('30');
  await page.getByLabel('Confirmations').fill('1');
  await page.getByRole('button', { name: 'Add monitor' }).click();
  await atUrl(page, /\/monitors\/[0-9a-f-]{36}$/);
}

describe('OAuth-protected servers in the dashboard', () => {
  it('signs up', async () => {
    await page.goto('/signup');
    await page.getByLabel('Email').fill('oauth@example.com');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    await visible(page.getByRole('heading', { name: 'Add your first MCP server' }));
  });

  it('tests and monitors a protected server with OAuth client credentials', async () => {
    await addMonitor('Protected with OAuth', async () => {
      await page.getByRole('radio', { name: 'OAuth client credentials' }).check();
      await page.getByLabel('Client ID').fill('dashboard');
      await page.getByLabel('Client secret').fill(SECRET);
      await page.getByRole('button', { name: 'Test connection' }).click();
      const result = page.getByTestId('probe-result');
      await hasText(result, 'Up', 60_000);
      await hasText(result.getByTestId('auth-summary'), 'OAuth client credentials');
      await hasText(result.getByTestId('auth-summary'), authServer.issuer);
      expect(await result.locator('.facts', { hasText: 'Tools' }).textContent()).toMatch(/Tools\s*3/);
      await screenshot(page, 'oauth-test-connection');
    });
    const region = page.locator('[data-region="local"]');
    await visible(region.locator('[data-status="up"]'), STATE_CHANGE_MS);
    await hasText(region.getByTestId('auth-summary'), 'OAuth client credentials');
    await hasText(page.locator('.page-sub'), 'OAuth client dashboard');
    expect(await page.content()).not.toContain(SECRET);

    await page.goto(`${new URL(page.url()).pathname}/edit`);
    await visible(page.getByRole('radio', { name: 'OAuth client credentials', checked: true }));
    expect(await page.getByLabel('Client ID').inputValue()).toBe('dashboard');
    expect(await page.getByLabel('Client secret').inputValue()).not.toContain(SECRET);
  });

  it('shows a protected server without credentials as up in auth discovery mode', async () => {
    await page.getByRole('link', { name: 'Monitors', exact: true }).first().click();
    await addMonitor('Protected, discovery only', async () => {});
    const region = page.locator('[data-region="local"]');
    await visible(region.locator('[data-status="up"]'), STATE_CHANGE_MS);
    await hasText(region.getByTestId('auth-summary'), 'Auth discovery');
    await hasText(region.getByTestId('auth-summary'), authServer.issuer);
    await screenshot(page, 'oauth-auth-discovery');
  });
});
