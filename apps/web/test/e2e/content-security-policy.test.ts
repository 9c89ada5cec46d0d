import { type FixtureServer, startV2DualEra } from '@mcpulse/testkit';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser.js';
import { type EmbeddedStack, startEmbeddedStack } from './support/embedded-stack.js';
import { atUrl, hasText, visible } from './support/page-waits.js';

/** A check every 30 s: the first results, and so the charts, show within about a minute. */
const FIRST_RESULTS_MS = 100_000;

declare global {
  interface Window {
    cspViolations?: string[];
  }
}

let stack: EmbeddedStack;
let fixture: FixtureServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Every CSP complaint the browser made, from the page's event and from the console. */
const consoleViolations: string[] = [];

async function reportedViolations(target: Page): Promise<string[]> {
  const fromEvents = await target.evaluate(() => window.cspViolations ?? []);
  return [...fromEvents, ...consoleViolations];
}

beforeAll(async () => {
  [stack, fixture, browser] = await Promise.all([
    startEmbeddedStack(),
    startV2DualEra({ name: 'fixture-csp', version: '1.0.0' }),
    launchChromium(),
  ]);
  context = await browser.newContext({ baseURL: stack.url, viewport: { width: 1280, height: 900 } });
  // Installed through the DevTools protocol, so the page's own policy does not apply to it.
  await context.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.cspViolations?.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
    });
  });
  context.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) consoleViolations.push(message.text());
  });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await Promise.allSettled([stack?.stop(), fixture?.close()]);
});

describe('the dashboard under its Content-Security-Policy', () => {
  it('is served with a policy that allows no inline script and no framing', async () => {
    const response = await page.goto('/');
    const policy = response?.headers()['content-security-policy'] ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
  });

  it('signs up, tests a connection, adds a monitor and draws its charts without a violation', async () => {
    await atUrl(page, /\/login$/);
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Email').fill('csp@example.com');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    await visible(page.getByRole('heading', { name: 'Monitors' }));

    await page.getByRole('link', { name: 'Add monitor' }).first().click();
    await page.getByLabel('Name').fill('CSP MCP');
    await page.getByLabel('MCP endpoint URL').fill(fixture.url);
    await page.getByRole('button', { name: 'Test connection' }).click();
    // The phase bars of the result are sized through style properties.
    await hasText(page.getByTestId('probe-result'), 'Up', 20_000);
    await page.getByText('Advanced').click();
    await page.getByLabel('Check every (seconds)').fill('30');
    await page.getByLabel('Confirmations').fill('1');
    await page.getByRole('button', { name: 'Add monitor' }).click();
    await atUrl(page, /\/monitors\/[0-9a-f-]{36}$/);
    // uPlot builds its legend, cursor and axes with inline styles.
    await visible(page.locator('.uplot canvas'), FIRST_RESULTS_MS);
    await page.locator('.uplot .u-over').first().hover();

    expect(await reportedViolations(page)).toEqual([]);
  });

  it('serves the OpenAPI UI at /docs under its own policy, also without a violation', async () => {
    const response = await page.goto('/docs');
    const policy = response?.headers()['content-security-policy'] ?? '';
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    await visible(page.locator('.opblock').first(), 30_000);
    await page.locator('.opblock-summary').first().click();
    await visible(page.locator('.opblock-body').first());

    expect(await reportedViolations(page)).toEqual([]);
  });

  it('does report a violation when inline script is attempted (the listener is live)', async () => {
    await page.goto('/');
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.body.append(script);
    });
    await page.waitForFunction(() => (window.cspViolations ?? []).length > 0);
    expect(await page.evaluate(() => (window as { inlineRan?: boolean }).inlineRan)).toBeUndefined();
    expect((await reportedViolations(page)).join('\n')).toContain('script-src');
  });
});
