import type { CreatedMonitor } from '@mcpulse/contract';
import { type FixtureServer, startV2ModernOnly } from '@mcpulse/testkit';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from './support/browser.js';
import { type EmbeddedStack, startEmbeddedStack } from './support/embedded-stack.js';
import { monitorSession } from './support/monitor-session.js';
import { hasText, visible } from './support/page-waits.js';

let stack: EmbeddedStack;
let fixture: FixtureServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const { call, signedIn } = monitorSession(() => page, { waitMs: 60_000, monitorName: 'Badged' });

beforeAll(async () => {
  [stack, fixture, browser] = await Promise.all([
    startEmbeddedStack(),
    startV2ModernOnly({ name: 'fixture-badges' }),
    launchChromium(),
  ]);
  context = await browser.newContext({ baseURL: stack.url, viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.url });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await Promise.allSettled([stack?.stop(), fixture?.close()]);
});

/** A badge as anyone fetches it: no cookie, no session. */
async function fetchAnonymously(url: string): Promise<{ status: number; type: string | null; body: string }> {
  const response = await fetch(url);
  return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
}

describe('badges on the monitor page', () => {
  it('makes the badges public, previews one, and offers snippets that work when pasted', async () => {
    await page.goto('/signup');
    await page.getByLabel('Email').fill('badges@example.com');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    await visible(page.getByRole('heading', { name: 'Monitors' }));
    await signedIn();
    const created = await call<CreatedMonitor>('POST', '/monitors', { name: 'Badged', url: fixture.url });
    const id = created.monitor.id;

    await page.goto(`/monitors/${id}`);
    const section = page.locator('section[aria-labelledby="badges-title"]');
    await hasText(section, 'Badges are private');
    const statusUrl = `${stack.url}/api/v1/public/monitors/${id}/badges/status.svg`;
    expect((await fetchAnonymously(statusUrl)).status).toBe(404);

    await section.getByLabel(/Public badges/).check();
    const markdown = section.locator('[data-snippet="Markdown"] code');
    await visible(markdown);
    expect(await markdown.textContent()).toBe(`![mcp](${statusUrl})`);

    await section.getByLabel('Badge', { exact: true }).selectOption('uptime-30d');
    await section.getByLabel('Style', { exact: true }).selectOption('for-the-badge');
    const imageUrl = `${stack.url}/api/v1/public/monitors/${id}/badges/uptime-30d.svg?style=for-the-badge`;
    await hasText(markdown, `![uptime 30d](${imageUrl})`);
    const html = section.locator('[data-snippet="HTML"] code');
    expect(await html.textContent()).toBe(`<img src="${imageUrl}" alt="uptime 30d">`);
    const shields = section.locator('[data-snippet="shields.io endpoint (Markdown)"] code');
    const jsonUrl = `${stack.url}/api/v1/public/monitors/${id}/badges/uptime-30d.json?style=for-the-badge`;
    expect(await shields.textContent()).toBe(
      `![uptime 30d](https://img.shields.io/endpoint?url=${encodeURIComponent(jsonUrl)})`,
    );

    // The preview is the badge itself, drawn by the browser from the API.
    const preview = page.getByTestId('badge-preview');
    await expect
      .poll(() => preview.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth), {
        timeout: 20_000,
      })
      .toBeGreaterThan(0);
    await screenshot(page, 'badges-section');

    // Copy puts exactly the snippet on the clipboard.
    await section.getByRole('button', { name: 'Copy HTML' }).click();
    await hasText(section.locator('[data-snippet="HTML"]'), 'Copied ✓');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await html.textContent());

    // What the snippets point at answers anyone, with no session.
    const image = await fetchAnonymously(imageUrl);
    expect(image.status).toBe(200);
    expect(image.type).toBe('image/svg+xml; charset=utf-8');
    expect(image.body).toMatch(/^<svg [^>]*height="28" role="img" aria-label="UPTIME 30D: [^"]+">/);
    const document = await fetchAnonymously(jsonUrl);
    expect(JSON.parse(document.body)).toMatchObject({
      schemaVersion: 1,
      label: 'uptime 30d',
      style: 'for-the-badge',
    });

    // Private again: the same addresses answer 404, and the snippets are gone.
    await section.getByLabel(/Public badges/).uncheck();
    await hasText(section, 'Badges are private');
    expect((await fetchAnonymously(imageUrl)).status).toBe(404);
    expect((await fetchAnonymously(jsonUrl)).status).toBe(404);
  });
});
