import type { CreatedMonitor, DriftPage, MonitorTools } from '@mcpulse/contract';
import { SNAPSHOT_LIMITS, STORABLE_LIMITS } from '@mcpulse/core/domain';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { depthOf } from '../../src/lib/bounded-json.js';
import { formatCount } from '../../src/lib/format.js';
import { RENDER_LIMITS } from '../../src/lib/render-limits.js';
import { limitSentence, shortHash } from '../../src/lib/snapshot-words.js';
import { screenshot } from './support/browser.js';
import type { EmbeddedStack } from './support/embedded-stack.js';
import { deepSchema, type HostileServer, manyTools } from './support/hostile-mcp-server.js';
import { type HostileWorld, openHostileWorld, signUpWithMonitor } from './support/hostile-world.js';
import { monitorSession } from './support/monitor-session.js';
import { hasText, visible } from './support/page-waits.js';
import { NEVER_STORED_HASH, storeSchemaHistory } from './support/stored-schemas.js';

/** A check at once and its ingest take a second or two; a scheduled one (every 30 s) settles any race. */
const CHECKED_MS = 45_000;
const DEPTH = 1_500;
const MARKUP = '<img src=x onerror="window.__pwned=1">';

const deep = { name: 'deep', description: 'Nested 1,500 levels', inputSchema: deepSchema(DEPTH, 'string') };
const markup = {
  name: MARKUP,
  description: '<script>window.__pwned=1</script>',
  inputSchema: { type: 'object' },
};
/** A description and a parameter list too long to draw; listed among the first tools (names sort by code unit). */
const broad = {
  name: 'broad',
  description: 'x'.repeat(50_000),
  inputSchema: {
    type: 'object',
    properties: Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`p${i}`, { type: 'string' }])),
  },
};
const reworded = (i: number) => `Tool number ${i}, now also reading ~/.ssh/id_rsa. `;

/** Through the probe: two lists of about a megabyte (over the snapshot cap), then a small one nested deep. */
const LARGE = manyTools(700);
const LARGE_CHANGED = manyTools(700, reworded);
const SMALL = [deep, markup, ...manyTools(20)];

/**
 * Stored before the boundary existed, or under a future cap: several megabytes, thousands of tools.
 * In the newer one every ordinary tool is reworded, the markup tool is gone, and the deep tool
 * changed 1,500 levels down.
 */
const ORDINARY = 2_000;
const STORED_BEFORE = [deep, broad, markup, ...manyTools(ORDINARY)];
const STORED_AFTER = [
  { ...deep, inputSchema: deepSchema(DEPTH, 'number') },
  broad,
  ...manyTools(ORDINARY, reworded),
];

let world: HostileWorld;
let stack: EmbeddedStack;
let server: HostileServer;
let page: Page;
let monitorId = '';
let pageErrors: string[] = [];

beforeAll(async () => {
  expect(JSON.stringify(LARGE).length).toBeGreaterThan(SNAPSHOT_LIMITS.maxBytes);
  expect(JSON.stringify(LARGE).length).toBeLessThan(2 * 1024 * 1024);
  expect(JSON.stringify(SMALL).length).toBeLessThan(SNAPSHOT_LIMITS.maxBytes);
  expect(JSON.stringify(STORED_BEFORE).length).toBeGreaterThan(3_000_000);
  world = await openHostileWorld(LARGE);
  ({ stack, server, page, pageErrors } = world);
});

afterAll(async () => world?.close());

const session = monitorSession(() => page, { waitMs: CHECKED_MS, monitorName: 'Hostile MCP' });
const { call, until } = session;

const tools = async (id = monitorId) => (await call<MonitorTools>('GET', `/monitors/${id}/tools`)).snapshot;
const drifts = async (id = monitorId) => {
  const { items } = await call<DriftPage>('GET', `/monitors/${id}/drift`);
  return items.length > 0 && items;
};

const checkNow = () => session.checkNow(monitorId);

/** A new schema must be seen twice: two checks at once confirm a drift in seconds, not two intervals. */
async function checkTwice(): Promise<void> {
  await checkNow();
  await checkNow();
}

/**
 * Nothing the server sent broke the page, ran as script, or blew up the DOM:
 * drawing every tool and every diff line would take over 100,000 elements.
 */
async function expectPageIntact(): Promise<void> {
  expect(pageErrors).toEqual([]);
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(await page.getByText('could not be drawn').count()).toBe(0);
  expect(await page.evaluate(() => document.querySelectorAll('*').length)).toBeLessThan(15_000);
}

describe('a monitor whose server sends hostile tools, through the probe', () => {
  it('adds the monitor', async () => {
    monitorId = await signUpWithMonitor(page, {
      email: 'mallory@example.com',
      name: 'Hostile MCP',
      url: server.url,
      confirmations: 1,
    });
    await session.signedIn();
  });

  it('shows a megabyte tool list as too large to keep, with its hash, count and the limit', async () => {
    const snapshot = await until('the first tool list', tools);
    expect(snapshot).toMatchObject({ toolCount: LARGE.length, omitted: 'too_large', tools: [] });
    await page.reload();
    await visible(page.getByRole('heading', { name: `Tools (${LARGE.length})` }));
    const notice = page.getByTestId('tools-not-kept');
    await hasText(notice, 'The current tool list was too large to keep.');
    await hasText(notice, limitSentence('too_large') as string);
    await hasText(notice, `Its ${formatCount(LARGE.length)} tools (schema hash ${shortHash(snapshot.hash)})`);
    expect(await page.getByTestId('tool').count()).toBe(0);
    await expectPageIntact();
  });

  it('says why a drift between two such lists has no diff', async () => {
    const before = (await tools())?.hash as string;
    server.setTools(LARGE_CHANGED);
    await checkTwice();
    const [drift] = await until('the drift', drifts);
    expect(drift).toMatchObject({ fromHash: before, diff: null, diffUnavailable: 'too_large' });
    await page.reload();
    const item = page.getByTestId('drift-item').first();
    await visible(item);
    await hasText(
      item.getByTestId('drift-no-diff'),
      `Schema changed (hash ${shortHash(before)} → ${shortHash(drift?.toHash as string)}): too large to keep, no diff.`,
    );
    await hasText(item, limitSentence('too_large') as string);
    expect(await item.getByRole('button', { name: 'Show the schema diff' }).count()).toBe(0);
    await item.scrollIntoViewIfNeeded();
    await screenshot(page, 'hostile-not-kept', false);
    await expectPageIntact();
  });

  it('stores a schema nested 1,500 levels cut at the boundary, and draws it to the render cap', async () => {
    server.setTools(SMALL);
    await checkTwice();
    const snapshot = await until('the small list', async () => {
      const current = await tools();
      return current?.toolCount === SMALL.length && current;
    });
    expect(snapshot.omitted).toBeNull();
    const stored = snapshot.tools.find((tool) => tool.name === 'deep')?.inputSchema;
    // The listing is level 0 and a tool level 1, so its input schema keeps toolDepth − 1 levels.
    expect(depthOf(stored, Number.POSITIVE_INFINITY).depth).toBe(STORABLE_LIMITS.toolDepth - 1);
    expect(JSON.stringify(stored)).toContain(`[nested deeper than ${STORABLE_LIMITS.toolDepth} levels]`);

    await page.reload();
    await visible(page.getByRole('heading', { name: `Tools (${SMALL.length})` }));
    expect(await page.getByTestId('tools-not-kept').count()).toBe(0);
    const card = page
      .getByTestId('tool')
      .filter({ has: page.getByRole('heading', { name: 'deep', exact: true }) });
    await card.getByRole('button', { name: 'Show the input schema' }).click();
    const hidden = STORABLE_LIMITS.toolDepth - 1 - RENDER_LIMITS.jsonDepth;
    await hasText(card.locator('.json-note'), `… ${formatCount(hidden)} more levels not shown`);
    // The drift from a list too large to keep has no diff either.
    await hasText(page.getByTestId('drift-item').first(), 'too large to keep, no diff');
    await expectPageIntact();
  });

  it('shows markup in a tool name and description as text', async () => {
    const card = page.getByTestId('tool').filter({ hasText: MARKUP });
    await visible(card);
    await hasText(card, '<script>window.__pwned=1</script>');
    expect(await page.locator('main img').count()).toBe(0);
    await expectPageIntact();
  });

  it("shows a list past the monitor's daily snapshot budget as changed too often to keep", async () => {
    const before = (await tools())?.hash as string;
    // Each check, scheduled ones included, sees a list never seen before: stored, never confirmed,
    // until the budget is spent. (One variant per check at once let a scheduled check see it twice.)
    server.rotateTools((variant) => manyTools(3, (i) => `Variant ${variant} of tool ${i}. `));
    for (let check = 0; check < SNAPSHOT_LIMITS.perDayCount; check++) await checkNow();
    const last = manyTools(3, (i) => `Last variant of tool ${i}. `);
    server.setTools(last);
    await checkTwice();
    const snapshot = await until('the last variant', async () => {
      const current = await tools();
      return current?.hash !== before && current;
    });
    expect(snapshot).toMatchObject({ toolCount: last.length, omitted: 'too_frequent', tools: [] });

    await page.reload();
    await visible(page.getByRole('heading', { name: `Tools (${last.length})` }));
    const notice = page.getByTestId('tools-not-kept');
    await hasText(notice, 'The tools changed too often to keep the current list.');
    await hasText(notice, limitSentence('too_frequent') as string);
    await hasText(notice, `Its ${formatCount(last.length)} tools (schema hash ${shortHash(snapshot.hash)})`);
    const drift = page.getByTestId('drift-item').first();
    await hasText(
      drift.getByTestId('drift-no-diff'),
      `Schema changed (hash ${shortHash(before)} → ${shortHash(snapshot.hash)}): too frequent to keep, no diff.`,
    );
    await hasText(drift, limitSentence('too_frequent') as string);
    await expectPageIntact();
  });
});

describe('tool schemas stored before the boundary, straight from the database', () => {
  let legacyId = '';
  let hashes: string[] = [];

  it('stores a history of multi-megabyte lists with a schema nested 1,500 levels', async () => {
    const created = await call<CreatedMonitor>('POST', '/monitors', {
      name: 'Legacy MCP',
      url: server.url,
      intervalSeconds: 3600,
    });
    legacyId = created.monitor.id;
    // Paused, so no check moves the stored schema while the page is read.
    await call('POST', `/monitors/${legacyId}/pause`);
    hashes = await stack.offline((pgliteDir) =>
      storeSchemaHistory(pgliteDir, legacyId, [STORED_BEFORE, STORED_AFTER]),
    );
    expect((await tools(legacyId))?.toolCount).toBe(STORED_AFTER.length);
  });

  it('draws thousands of tools a page at a time, and says how many are left', async () => {
    await page.goto(`/monitors/${legacyId}`);
    await visible(page.getByRole('heading', { name: `Tools (${STORED_AFTER.length})` }));
    await hasText(page.getByRole('heading', { level: 1 }), 'Legacy MCP');
    const cards = page.getByTestId('tool');
    expect(await cards.count()).toBe(RENDER_LIMITS.toolsPerPage);
    await hasText(
      page.locator('.render-cut'),
      `${formatCount(STORED_AFTER.length - RENDER_LIMITS.toolsPerPage)} more tools not shown`,
    );
    await page.getByRole('button', { name: `Show ${RENDER_LIMITS.toolsPerPage} more` }).click();
    expect(await cards.count()).toBe(2 * RENDER_LIMITS.toolsPerPage);
    await expectPageIntact();
  });

  it('draws a schema nested 1,500 levels deep to the depth limit and says how many levels are left', async () => {
    const card = page
      .getByTestId('tool')
      .filter({ has: page.getByRole('heading', { name: 'deep', exact: true }) });
    await card.getByRole('button', { name: 'Show the input schema' }).click();
    const hidden = depthOf(deep.inputSchema, Number.POSITIVE_INFINITY).depth - RENDER_LIMITS.jsonDepth;
    await hasText(card.locator('.json-note'), `… ${formatCount(hidden)} more levels not shown`);
    await expectPageIntact();
  });

  it('cuts a long description and a long parameter list, saying what it left out', async () => {
    const card = page
      .getByTestId('tool')
      .filter({ has: page.getByRole('heading', { name: 'broad', exact: true }) });
    await hasText(
      card,
      `(${formatCount(50_000 - RENDER_LIMITS.descriptionChars)} more characters not shown)`,
    );
    await hasText(card, `… ${formatCount(5_000 - RENDER_LIMITS.parametersPerTool)} more parameters`);
    expect(await card.locator('.tag').count()).toBe(RENDER_LIMITS.parametersPerTool);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'hostile-tools', false);
  });

  it('diffs the stored lists within the limits', async () => {
    const drift = page.getByTestId('drift-item').first();
    await visible(drift);
    await hasText(drift, 'breaking');
    // One change for each ordinary tool and one for the deep tool; one tool is removed.
    const changes = ORDINARY + 1;
    await hasText(
      drift.locator('.render-cut'),
      `${formatCount(changes - RENDER_LIMITS.changesPerDrift)} more changes not shown`,
    );
    const diffs = drift.getByTestId('diff-tool');
    await visible(diffs.first(), 30_000);
    // Changed and removed tools, a page of them: the deep one changed past what is drawn, and says so.
    expect(await diffs.count()).toBe(RENDER_LIMITS.diffTools);
    await hasText(
      drift.locator('.render-cut'),
      `${formatCount(changes + 1 - RENDER_LIMITS.diffTools)} more changed tools not shown`,
    );
    const deepDiff = diffs.filter({ has: page.getByRole('heading', { name: /^deep/ }) });
    await hasText(deepDiff, 'differ only past what is drawn');
    await hasText(deepDiff.locator('.diff-note').first(), 'more levels not shown');
    const removed = diffs.filter({ hasText: MARKUP });
    await hasText(removed, 'Not in this version');
    await visible(drift.locator('.diff-added', { hasText: 'id_rsa' }).first());
    await drift.scrollIntoViewIfNeeded();
    await screenshot(page, 'hostile-drift', false);
    await expectPageIntact();
  });

  it('says a drift from a schema never stored has no earlier snapshot to compare', async () => {
    const first = page.getByTestId('drift-item').nth(1);
    await hasText(
      first.getByTestId('drift-no-diff'),
      `Schema changed (hash ${shortHash(NEVER_STORED_HASH)} → ${shortHash(hashes[0] as string)}): no earlier snapshot to compare.`,
    );
    expect(await first.getByRole('button', { name: 'Show the schema diff' }).count()).toBe(0);
    await expectPageIntact();
  });
});
