import { DIRECTORY_ORGANIZATION_ID } from '@mcpulse/core/domain';
import {
  directoryEntries,
  incidents,
  insertResults,
  monitorState,
  openDatabase,
  refreshDirectorySummaries,
  schemaSnapshots,
} from '@mcpulse/db';
import { seedDirectoryServer } from '@mcpulse/db/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from './support/browser.js';
import { type EmbeddedStack, startEmbeddedStack } from './support/embedded-stack.js';
import { atUrl, hasText, visible } from './support/page-waits.js';

const HOSTILE = '<img src=x onerror="window.__pwned=1">';
const MINUTE = 60_000;
/** A region no worker serves: the seeded monitors keep the state the test gives them. */
const NOWHERE = ['directory-e2e'];
const SERVERS = 60;

let stack: EmbeddedStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;

/** What the registry sync would have written, with one server's history, while the stack is stopped. */
async function seedDirectory(pgliteDir: string): Promise<void> {
  const database = await openDatabase({ kind: 'pglite', dataDir: pgliteDir });
  try {
    const db = database.db;
    const now = new Date();
    const weather = await seedDirectoryServer(db, {
      name: 'io.example/weather',
      title: `Weather ${HOSTILE}`,
      description: `Forecasts ${HOSTILE}`,
      url: 'https://weather.example/mcp',
      regions: NOWHERE,
    });
    await db
      .update(directoryEntries)
      .set({ websiteUrl: 'javascript:alert(1)', repositoryUrl: 'https://github.com/example/weather' });
    const monitorId = weather.monitorId as string;
    const first = new Date(now.getTime() - 120 * MINUTE);
    await insertResults(
      db,
      Array.from({ length: 118 }, (_, i) => ({
        monitorId,
        region: NOWHERE[0] as string,
        slot: new Date(first.getTime() + i * MINUTE),
        checkedAt: new Date(first.getTime() + i * MINUTE + 1_000),
        status: 'up' as const,
        errorCode: null,
        errorMessage: null,
        errorPhase: null,
        httpStatus: 200,
        rpcCode: null,
        httpAlive: true,
        transport: 'streamable-http' as const,
        era: 'modern' as const,
        protocolVersion: '2026-07-28',
        serverInfo: { name: 'weather', version: '1.0.0' },
        capabilities: { tools: {} },
        toolCount: 1,
        schemaHash: 'h-weather',
        dnsMs: 1,
        connectMs: 1,
        tlsMs: null,
        negotiationMs: null,
        handshakeMs: 20,
        toolsListMs: 10,
        toolCallMs: null,
        otherMs: 5,
        totalMs: 36,
        auth: null,
      })),
    );
    await db.insert(monitorState).values({
      monitorId,
      status: 'up',
      since: first,
      lastCheckedAt: new Date(now.getTime() - 2 * MINUTE),
      firstCheckedAt: first,
      schemaHash: 'h-weather',
      protocolTracking: {
        confirmed: { era: 'modern', protocolVersion: '2026-07-28', transport: 'streamable-http' },
        candidate: null,
        seen: 0,
        candidateSince: null,
      },
    });
    await db.insert(schemaSnapshots).values({
      monitorId,
      hash: 'h-weather',
      tools: [
        {
          name: 'forecast',
          description: `Forecast ${HOSTILE}`,
          inputSchema: { type: 'object', properties: { city: { type: 'string', description: 'City name' } } },
        },
      ],
      toolCount: 1,
      sizeBytes: 200,
    });
    await db.insert(incidents).values({
      organizationId: DIRECTORY_ORGANIZATION_ID,
      monitorId,
      kind: 'down',
      startedAt: new Date(first.getTime() + 30 * MINUTE),
      endedAt: new Date(first.getTime() + 40 * MINUTE),
      errorCode: 'timeout',
      regions: NOWHERE,
    });
    for (let i = 0; i < SERVERS; i++) {
      await seedDirectoryServer(db, {
        name: `io.bulk/server-${String(i).padStart(3, '0')}`,
        title: `Bulk ${i}`,
        url: `https://bulk-${i}.example/mcp`,
        authRequirement: i % 4 === 0 ? 'secret_header' : 'none',
        regions: NOWHERE,
      });
    }
    await refreshDirectorySummaries(db, now);
  } finally {
    await database.close();
  }
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([startEmbeddedStack(), launchChromium()]);
  await stack.offline(seedDirectory);
  context = await browser.newContext({ baseURL: stack.url, viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  // Two starts of the embedded stack (before and after seeding) on a loaded machine.
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const rows = () => page.locator('tbody tr');

describe('the public directory, in a browser', () => {
  it('lists the directory without signing in, and searches, filters, sorts and pages it', async () => {
    await page.goto('/directory');
    await visible(page.getByRole('heading', { name: 'MCP directory' }));
    await hasText(page.locator('.page-sub'), `${SERVERS + 1} endpoints`);
    expect(await rows().count()).toBe(50);
    await page.getByRole('button', { name: 'Next' }).click();
    await atUrl(page, /page=2/);
    await hasText(page.locator('.pager'), 'Page 2 of 2');

    await page.getByRole('searchbox', { name: 'Search the directory' }).fill('weather');
    await atUrl(page, /q=weather/);
    await hasText(page.locator('.page-sub'), /^1 endpoint ·/);
    await visible(page.locator('tr[data-endpoint="https://weather.example/mcp"]'));
    expect(await rows().count()).toBe(1);
    await page.getByRole('searchbox', { name: 'Search the directory' }).fill('');
    await atUrl(page, /\/directory$/);

    await page.getByLabel('Auth').selectOption('secret_header');
    await atUrl(page, /auth=secret_header/);
    await hasText(page.locator('.page-sub'), `${SERVERS / 4} endpoints`);
    await page.getByLabel('Auth').selectOption('');

    await page.getByRole('button', { name: /Tools/ }).click();
    await page.getByRole('button', { name: /Tools/ }).click();
    await atUrl(page, /sort=tools&order=desc/);
    await hasText(rows().first(), 'Weather');
    await screenshot(page, 'directory-list');
  });

  it("shows a server's page with bars, latency, tools and incidents, its hostile text as text", async () => {
    await page.goto('/directory?q=weather');
    await page.locator('tr[data-endpoint="https://weather.example/mcp"] a').click();
    await atUrl(page, /\/directory\/io\.example\/weather$/);
    await hasText(page.getByTestId('directory-title'), `Weather ${HOSTILE}`);
    await hasText(page.getByTestId('directory-description'), `Forecasts ${HOSTILE}`);
    await visible(page.locator('.uptime-bars'));
    expect(await page.locator('.uptime-bar').count()).toBe(90);
    await hasText(page.getByTestId('directory-latency'), /p95 \d/);
    await hasText(page.getByTestId('tool'), `Forecast ${HOSTILE}`);
    await page.getByRole('button', { name: 'Show the input schema' }).click();
    await hasText(page.locator('.json-view'), 'City name');
    await hasText(page.getByTestId('directory-incidents'), 'timeout');
    // Nothing the registry or the server sent became markup or a script link.
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.getByRole('link', { name: 'Website' }).count()).toBe(0);
    await visible(page.getByRole('link', { name: 'Repository' }));
    await visible(page.getByRole('link', { name: 'Log in to watch' }));
    await screenshot(page, 'directory-server');
  });

  it('answers a name no registry lists with an error on the page', async () => {
    await page.goto('/directory/io.example/nothing');
    await visible(page.getByText('Could not load this server.'));
  });

  it('lets a signed-in user watch a server in one click, in their own organisation', async () => {
    await page.goto('/signup');
    await page.getByLabel('Email').fill('watcher@example.com');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    await visible(page.getByRole('heading', { name: 'Monitors' }));
    await page.getByRole('link', { name: 'Directory' }).click();
    await atUrl(page, /\/directory$/);
    await page.goto('/directory/io.example/weather');
    await page.getByRole('button', { name: 'Watch this server' }).click();
    await atUrl(page, /\/monitors\/[0-9a-f-]{36}$/);
    await hasText(page.locator('.plan-chip'), '1/5 monitors');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Monitors' }).click();
    await visible(page.locator('tr[data-monitor="io.example/weather"]'));
  });
});
