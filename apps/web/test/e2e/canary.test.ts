import { CANARY_TOOLS, type FixtureServer, startV2DualEra } from '@mcpulse/testkit';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from './support/browser.js';
import { type EmbeddedStack, startEmbeddedStack } from './support/embedded-stack.js';
import { atUrl, hasText, visible } from './support/page-waits.js';

let stack: EmbeddedStack;
let fixture: FixtureServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [stack, fixture, browser] = await Promise.all([
    startEmbeddedStack(),
    startV2DualEra({ name: 'fixture-canary', tools: CANARY_TOOLS }),
    launchChromium(),
  ]);
  const context = await browser.newContext({ baseURL: stack.url, viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await Promise.allSettled([stack?.stop(), fixture?.close()]);
});

describe('the tool-call canary in the dashboard', () => {
  it('chooses a tool from the live list, fills its arguments, tests the call and saves it', async () => {
    await page.goto('/signup');
    await page.getByLabel('Email').fill('grace@example.com');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    await visible(page.getByRole('heading', { name: 'Monitors' }));
    await page.getByRole('link', { name: 'Add monitor' }).first().click();
    await page.getByLabel('Name').fill('Canary');
    await page.getByLabel('MCP endpoint URL').fill(fixture.url);

    await page.getByLabel('Call a tool on every check').check();
    await page.getByRole('button', { name: 'Load tools from the server' }).click();
    await hasText(page.locator('.canary-tools'), 'Listed by the server just now (5)', 20_000);

    // A tool that may change something needs the owner's word before it may be called.
    await page.getByLabel('Tool', { exact: true }).selectOption('write_note');
    await page.getByLabel('text (required)').fill('hello');
    expect(JSON.parse(await page.getByLabel('Arguments (JSON)').inputValue())).toEqual({ text: 'hello' });
    await page.getByRole('button', { name: 'Test this call' }).click();
    await hasText(page.locator('.canary-side-effects .field-error'), 'readOnlyHint', 20_000);
    await page.getByLabel('I confirm this call has no side effects').check();

    await page.getByLabel('Tool', { exact: true }).selectOption('status');
    await page.locator('#canary-arg-region').fill('eu');
    expect(JSON.parse(await page.getByLabel('Arguments (JSON)').inputValue())).toEqual({ region: 'eu' });
    await page.getByLabel('A JSON path equals a value').check();
    await page.getByLabel('JSON path', { exact: true }).fill('$.region');
    await page.getByLabel('Equals (JSON)').fill('"eu"');
    await page.getByRole('button', { name: 'Test this call' }).click();
    const result = page.getByTestId('probe-result');
    await hasText(result, 'Up', 60_000);
    await hasText(result, 'Tool call');
    await screenshot(page, 'canary-test-call');

    await page.getByRole('button', { name: 'Add monitor' }).click();
    await atUrl(page, /\/monitors\/[0-9a-f-]{36}$/);
    const summary = page.getByTestId('canary-summary');
    await hasText(summary, 'status');
    await hasText(summary, '$.region');
    await visible(page.locator('[data-region="local"]').getByText(/tool call/), 60_000);
    await screenshot(page, 'canary-monitor');
  });
});
