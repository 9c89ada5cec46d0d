import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type {
  CreatedMonitor,
  IncidentsPage,
  IncidentUpdateList,
  Monitor,
  StatusPageList,
  StatusPageSubscriberList,
  StatusPageSubscription,
} from '@mcpulse/contract';
import { MONITOR_DISPLAY_STATUSES } from '@mcpulse/core/domain';
import { type FixtureServer, startDnsServer, startV2ModernOnly, type TestDnsServer } from '@mcpulse/testkit';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ARTIFACTS, launchChromium, screenshot } from './support/browser.js';
import { type EmbeddedStack, startEmbeddedStack } from './support/embedded-stack.js';
import { boxOf, horizontalOverflow } from './support/layout-checks.js';
import { monitorSession } from './support/monitor-session.js';
import { atUrl, gone, hasText, visible } from './support/page-waits.js';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/** A message as hostile as an owner's typo could be: the dashboard shows it as text. */
const HOSTILE_MESSAGE = '<img src=x onerror=__pwned=1> DNS is being fixed';

let stack: EmbeddedStack;
/** The DNS the stack looks custom domains' records up in. */
let dns: TestDnsServer;
let search: FixtureServer;
let docs: FixtureServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];
const session = monitorSession(() => page, { waitMs: 60_000, monitorName: 'Docs API' });
const { call, until } = session;
let searchId: string;
let docsId: string;

beforeAll(async () => {
  dns = await startDnsServer();
  [stack, search, docs, browser] = await Promise.all([
    startEmbeddedStack({ MCPULSE_DNS_SERVERS: dns.address }),
    startV2ModernOnly({ name: 'fixture-search' }),
    startV2ModernOnly({ name: 'fixture-docs' }),
    launchChromium(),
  ]);
  context = await browser.newContext({ baseURL: stack.url, viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
});

afterAll(async () => {
  await browser?.close();
  await Promise.allSettled([stack?.stop(), search?.close(), docs?.close(), dns?.close()]);
});

/** Shows `open` at a phone's width: nothing may scroll sideways, and what sticks out is named. */
async function expectFitsPhone(name: string, open: () => Promise<void>): Promise<void> {
  await page.setViewportSize(PHONE);
  try {
    await open();
    const overflow = await horizontalOverflow(page);
    expect(
      overflow.scroll,
      `${name} scrolls sideways by ${overflow.scroll} px; sticking out: ${overflow.culprits.join(', ')}`,
    ).toBeLessThanOrEqual(0);
    await screenshot(page, name);
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
}

const listedPages = async () => (await call<StatusPageList>('GET', '/status-pages')).pages;
const card = (slug: string) => page.locator(`[data-status-page="${slug}"]`);
const groupName = (index: number) => page.getByLabel(`Name of group ${index}`, { exact: true });

describe('status pages in the dashboard', () => {
  it('creates a page with two groups of one monitor each, checked as typed, and lists it', async () => {
    await page.goto('/signup');
    await page.getByLabel('Email').fill('status-pages@example.com');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    await visible(page.getByRole('heading', { name: 'Add your first MCP server' }));
    await session.signedIn();
    searchId = (await call<CreatedMonitor>('POST', '/monitors', { name: 'Search API', url: search.url }))
      .monitor.id;
    docsId = (
      await call<CreatedMonitor>('POST', '/monitors', { name: 'Docs API', url: docs.url, confirmations: 1 })
    ).monitor.id;

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Status pages' }).click();
    await visible(page.getByRole('heading', { name: 'No status pages yet' }));
    await page.getByRole('link', { name: 'New status page' }).click();
    await atUrl(page, /\/status-pages\/new$/);

    // The slug follows the title until typed; a reserved one is refused at its field before any request.
    await page.getByLabel('Title', { exact: true }).fill('Acme MCP status');
    const slug = page.getByLabel('Slug', { exact: true });
    expect(await slug.inputValue()).toBe('acme-mcp-status');
    await slug.fill('status');
    await page.getByRole('button', { name: 'Create status page' }).click();
    await hasText(page.locator('#slug-error'), 'reserved');
    expect(await slug.getAttribute('aria-invalid')).toBe('true');
    expect(await slug.getAttribute('aria-describedby')).toContain('slug-error');
    expect(await listedPages()).toEqual([]);
    await slug.fill('acme');
    await gone(page.locator('#slug-error'));

    await page.getByLabel('Description (optional)').fill('Our public MCP servers.');
    await page.getByLabel(/^Latency/).uncheck();

    await page.getByRole('button', { name: 'Add group' }).click();
    // The new group's name has the focus.
    expect(await groupName(1).evaluate((input) => input === document.activeElement)).toBe(true);
    await groupName(1).fill('APIs');
    await page.getByLabel('Add a monitor to APIs').selectOption({ label: 'Search API' });
    await page.getByRole('button', { name: 'Add to APIs' }).click();
    await page.getByRole('button', { name: 'Add group' }).click();
    await groupName(2).fill('Docs');
    // A monitor shows once on a page: what the first group holds is not offered again.
    const offered = await page.getByLabel('Add a monitor to Docs').locator('option').allTextContents();
    expect(offered).toEqual(['Choose a monitor…', 'Docs API']);
    await page.getByLabel('Add a monitor to Docs').selectOption({ label: 'Docs API' });
    await page.getByRole('button', { name: 'Add to Docs' }).click();
    await page.getByLabel('Display name (optional) for Docs API').fill('Documentation');
    await gone(page.getByLabel('Add a monitor to APIs'));
    await screenshot(page, 'status-page-editor');

    await page.getByRole('button', { name: 'Create status page' }).click();
    await atUrl(page, /\/status-pages$/);
    await hasText(card('acme'), 'Acme MCP status');
    await hasText(card('acme').getByTestId('monitor-count'), '2 monitors');
    await hasText(card('acme').getByTestId('subscriber-count'), '0 subscribers');
    const [saved] = await listedPages();
    expect(saved).toMatchObject({
      slug: 'acme',
      title: 'Acme MCP status',
      description: 'Our public MCP servers.',
      figures: ['history', 'uptime', 'mcp', 'incidents'],
      groups: [
        { name: 'APIs', monitors: [{ monitorId: searchId, displayName: null, monitorName: 'Search API' }] },
        { name: 'Docs', monitors: [{ monitorId: docsId, displayName: 'Documentation' }] },
      ],
    });
    const publicLink = card('acme').getByRole('link', { name: /Open public page/ });
    expect(await publicLink.getAttribute('href')).toBe(saved?.url);
    expect(saved?.url.endsWith('/status/acme')).toBe(true);
  });

  it('shows the server’s refusal of a taken slug at the slug field', async () => {
    await page.getByRole('link', { name: 'New status page' }).click();
    await page.getByLabel('Title', { exact: true }).fill('Another page');
    await page.getByLabel('Slug', { exact: true }).fill('acme');
    await page.getByRole('button', { name: 'Create status page' }).click();
    await visible(page.locator('#slug-error'));
    expect(await page.getByLabel('Slug', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.banner-error').count()).toBe(0);
    expect((await listedPages()).length).toBe(1);
    await page.getByRole('link', { name: 'Cancel' }).click();
    await atUrl(page, /\/status-pages$/);
  });

  it('edits the page: renames a group, moves it, reorders, and says a custom domain awaits the operator', async () => {
    await card('acme').getByRole('link', { name: 'Acme MCP status', exact: true }).click();
    await visible(page.getByRole('heading', { name: 'Edit Acme MCP status' }));
    await groupName(1).fill('Core APIs');
    await page.getByRole('button', { name: 'Move group 2 “Docs” up' }).click();
    expect(await groupName(1).inputValue()).toBe('Docs');
    expect(await groupName(2).inputValue()).toBe('Core APIs');
    // The first group cannot move further up, nor the last further down.
    expect(await page.getByRole('button', { name: 'Move group 1 “Docs” up' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Move group 2 “Core APIs” down' }).isDisabled()).toBe(true);
    await page.getByLabel('Custom domain (optional)').fill('Status.Acme.Example');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await atUrl(page, /\/status-pages$/);

    await hasText(card('acme'), 'MCPULSE_ALLOWED_HOSTS');
    const [saved] = await listedPages();
    expect(saved?.customDomain).toBe('status.acme.example');
    expect(saved?.domainAllowed).toBe(false);
    expect(saved?.groups.map((group) => group.name)).toEqual(['Docs', 'Core APIs']);
    expect(saved?.groups[0]?.monitors).toMatchObject([{ monitorId: docsId, displayName: 'Documentation' }]);
    await screenshot(page, 'status-pages-list');
  });

  it('shows the DNS record that proves the custom domain, and verifies it against DNS', async () => {
    await card('acme').getByRole('link', { name: 'Acme MCP status', exact: true }).click();
    await visible(page.getByRole('heading', { name: 'Edit Acme MCP status' }));
    const [saved] = await listedPages();
    const { record, value } = saved!.domainVerification!;
    expect(record).toBe('_mcpulse-challenge.status.acme.example');
    const section = page.getByRole('region', { name: 'Prove status.acme.example is yours' });
    await hasText(section, value);
    await hasText(section.locator('.badge-warn'), 'Not verified');
    const verify = section.getByRole('button', { name: 'Verify', exact: true });
    await verify.click();
    // The API's refusal, naming what it found where.
    await hasText(section.getByRole('alert'), `no TXT record was found at ${record}`);
    dns.txt.set(record, [value]);
    await verify.click();
    await hasText(section.locator('.badge-good'), 'Verified');
    await gone(section.getByRole('alert'));
    expect((await listedPages())[0]?.domainVerification?.verifiedAt).not.toBeNull();
    expect(dns.queries).toContain(record);
    await screenshot(page, 'status-page-domain-verified');
    // Proved, it still waits for the operator's allow-list, and says only that.
    await page.getByRole('link', { name: 'Cancel' }).click();
    await hasText(card('acme'), 'MCPULSE_ALLOWED_HOSTS');
    expect(await card('acme').textContent()).not.toContain('not verified');
  });

  it('fits a phone: the list and the editor never scroll sideways', async () => {
    await expectFitsPhone('status-pages-list-phone', async () => {
      await page.goto('/status-pages');
      await hasText(page.locator('main'), 'Acme MCP status');
    });
    await expectFitsPhone('status-page-editor-phone', async () => {
      await card('acme').getByRole('link', { name: 'Acme MCP status', exact: true }).click();
      await visible(page.getByRole('heading', { name: 'Edit Acme MCP status' }));
    });
  });

  it('lists a visitor’s webhook subscription as pending in the editor, and removes it after asking', async () => {
    const [saved] = await listedPages();
    const subscribersOf = async () =>
      (await call<StatusPageSubscriberList>('GET', `/status-pages/${saved?.id}/subscribers`)).subscribers;
    // A visitor subscribes on the public API; nothing answers at the URL, so it stays pending.
    const response = await fetch(`${stack.url}/api/v1/public/status-pages/acme/subscribers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'https://hooks.example.com/mcpulse/e2e-hook-credential' }),
    });
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as StatusPageSubscription;

    await page.goto('/status-pages');
    await card('acme').getByRole('link', { name: 'Acme MCP status', exact: true }).click();
    const section = page.getByRole('region', { name: 'Subscribers' });
    const row = section.locator(`tr[data-subscriber="${id}"]`);
    await hasText(row, 'Pending');
    await hasText(section.getByTestId('subscriber-tally'), '1 subscriber: 1 pending');
    expect(await row.locator('td[data-label="URL"]').textContent()).toBe('https://hooks.example.com/••••••');
    expect(await row.locator('td[data-label="Confirmed"]').textContent()).toBe('Not yet');
    // The rest of the URL is the subscriber's: the owner's page never carries it.
    expect(await page.content()).not.toContain('e2e-hook-credential');
    const headers = await section.getByRole('columnheader').allTextContents();
    expect(headers.slice(0, 4)).toEqual(['URL', 'Status', 'Subscribed', 'Confirmed']);
    expect(await section.getByRole('link', { name: /public page/ }).getAttribute('href')).toBe(saved?.url);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'status-page-subscribers', false);
    // Where the table is a table (wider than a phone), it stays inside its card: the narrowest such
    // width, and the one where the columns' minimum widths apply.
    for (const width of [760, 900]) {
      await page.setViewportSize({ width, height: 900 });
      const [table, box] = await Promise.all([boxOf(section.locator('table')), boxOf(section)]);
      expect(table.right, `the table sticks out of its card at ${width} px`).toBeLessThan(box.right);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await expectFitsPhone('status-page-subscribers-phone', async () => {
      await section.scrollIntoViewIfNeeded();
    });

    const removeButton = row.getByRole('button', {
      name: /^Remove https:\/\/hooks\.example\.com, subscribed /,
    });
    // Cancel keeps it.
    await removeButton.click();
    await hasText(page.getByRole('dialog'), 'https://hooks.example.com/••••••');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await gone(page.getByRole('dialog'));
    expect((await subscribersOf()).map((subscriber) => subscriber.id)).toEqual([id]);

    await removeButton.click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove subscriber' }).click();
    await gone(row);
    await hasText(section.getByTestId('no-subscribers'), 'No subscribers yet.');
    expect(await subscribersOf()).toEqual([]);
    // A page not yet saved has no subscribers to show.
    await page.goto('/status-pages/new');
    await visible(page.getByRole('heading', { name: 'New status page' }));
    expect(await page.getByRole('region', { name: 'Subscribers' }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('posts updates to an incident of a monitor on the page, newest first, and deletes one', async () => {
    await docs.close();
    await session.checkNow(docsId);
    const incident = await until('the incident to open', async () => {
      const { items } = await call<IncidentsPage>('GET', `/monitors/${docsId}/incidents`);
      return items.find((item) => item.endedAt === null);
    });

    await page.goto(`/monitors/${docsId}`);
    const section = page.locator('section[aria-labelledby="incidents-title"]');
    await hasText(section.getByTestId('status-pages-hint'), 'Acme MCP status');
    const updates = section.locator('.incident-open').getByTestId('incident-updates');
    await hasText(updates, 'No updates posted yet.');
    await updates.getByLabel('Status').selectOption('identified');
    await updates.getByLabel('Message').fill(HOSTILE_MESSAGE);
    await updates.getByRole('button', { name: 'Post update' }).click();
    await hasText(updates.getByTestId('incident-update'), HOSTILE_MESSAGE);
    expect(await page.locator('img[src="x"]').count()).toBe(0);

    // The next update starts from the last status; an empty message is refused at its field.
    expect(await updates.getByLabel('Status').inputValue()).toBe('identified');
    await updates.getByRole('button', { name: 'Post update' }).click();
    await visible(updates.getByText('Write what you know'));
    await updates.getByLabel('Status').selectOption('monitoring');
    await updates.getByLabel('Message').fill('A fix is out; watching.');
    await updates.getByRole('button', { name: 'Post update' }).click();
    await hasText(updates.getByTestId('incident-update').first(), 'A fix is out; watching.');
    await hasText(updates.getByTestId('incident-update').first(), 'Monitoring');
    await hasText(updates.getByTestId('incident-update').nth(1), 'Identified');
    const stored = (await call<IncidentUpdateList>('GET', `/incidents/${incident.id}/updates`)).updates;
    expect(stored.map((update) => update.status).sort()).toEqual(['identified', 'monitoring']);
    expect(stored.find((update) => update.status === 'identified')?.message).toBe(HOSTILE_MESSAGE);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'incident-updates', false);
    await expectFitsPhone('incident-updates-phone', async () => {
      await updates.scrollIntoViewIfNeeded();
    });

    await updates
      .getByTestId('incident-update')
      .filter({ hasText: 'Identified' })
      .getByRole('button', { name: /^Delete/ })
      .click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete update' }).click();
    await gone(updates.getByTestId('incident-update').filter({ hasText: 'Identified' }));
    const left = (await call<IncidentUpdateList>('GET', `/incidents/${incident.id}/updates`)).updates;
    expect(left.map((update) => update.status)).toEqual(['monitoring']);
  });

  it('links the monitor’s Markdown and HTML badges to its status page', async () => {
    const section = page.locator('section[aria-labelledby="badges-title"]');
    await section.getByLabel(/Public badges/).check();
    const markdown = section.locator('[data-snippet="Markdown"] code');
    await visible(markdown);
    const [listed] = await listedPages();
    expect(await markdown.textContent()).toMatch(
      new RegExp(`^\\[!\\[mcp\\]\\([^)]+\\)\\]\\(${listed?.url}\\)$`),
    );
    expect(await section.locator('[data-snippet="HTML"] code').textContent()).toMatch(
      new RegExp(`^<a href="${listed?.url}"><img src="[^"]+" alt="mcp"></a>$`),
    );
    expect(pageErrors).toEqual([]);
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  });
});

/** What this test reads of the public page's JSON answer (`/api/v1/public/status-pages/<slug>`). */
const publicPage = z.object({
  title: z.string(),
  groups: z.array(
    z.object({
      name: z.string(),
      monitors: z.array(
        z.object({
          name: z.string(),
          status: z.enum(MONITOR_DISPLAY_STATUSES),
          uptime: z.object({ '24h': z.number().nullable() }).optional(),
        }),
      ),
    }),
  ),
});
type PublicPage = z.infer<typeof publicPage>;

async function publicAnswer(): Promise<PublicPage> {
  const response = await fetch(`${stack.url}/api/v1/public/status-pages/acme`);
  expect(response.status).toBe(200);
  return publicPage.parse(await response.json());
}

/** What the HTML page shows of each monitor: its state's class and words, and its 24-hour uptime. */
function shownMonitors(page: Page) {
  return page.locator('li.monitor').evaluateAll((items) =>
    items.map((item) => {
      const state = item.querySelector('.state');
      const uptime = Array.from(item.querySelectorAll('dt')).find(
        (term) => term.textContent === 'Uptime 24 h',
      );
      return {
        name: item.querySelector('h3')?.textContent ?? '',
        stateClass: Array.from(state?.classList ?? []).find((name) => name.startsWith('s-')) ?? '',
        stateWords: state?.textContent?.trim() ?? '',
        uptime24h: uptime?.nextElementSibling?.textContent?.trim() ?? null,
      };
    }),
  );
}

/** A screenshot that shows something: a PNG of the viewport's width, and not a blank one. */
async function expectScreenshot(name: string, width: number): Promise<void> {
  const png = await readFile(path.join(ARTIFACTS, `${name}.png`));
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  expect(png.readUInt32BE(16)).toBe(width);
  expect(png.length, `${name}.png is suspiciously small`).toBeGreaterThan(15_000);
}

// Needs the server-rendered page (`/status/<slug>`, its JSON twin) from the public page's branch.
describe('the public page the dashboard links to', () => {
  it('shows the monitors as the API does, at phone and desktop widths, light and dark', async () => {
    const [listed] = await listedPages();
    const owned = await Promise.all([searchId, docsId].map((id) => call<Monitor>('GET', `/monitors/${id}`)));
    const backgrounds = new Set<string>();
    for (const [label, viewport] of [
      ['phone', PHONE],
      ['desktop', DESKTOP],
    ] as const) {
      const visitor = await browser.newContext({ baseURL: stack.url, viewport });
      const view = await visitor.newPage();
      for (const scheme of ['light', 'dark'] as const) {
        await view.emulateMedia({ colorScheme: scheme });
        // The page is cached for seconds: read the JSON on either side of the HTML, and compare
        // the HTML with a JSON answer that did not change in between.
        let shown: Awaited<ReturnType<typeof shownMonitors>> = [];
        let answer: PublicPage | undefined;
        for (let attempt = 0; attempt < 5 && !answer; attempt++) {
          const before = await publicAnswer();
          const response = await view.goto(`/status/${listed?.slug}`);
          expect(response?.status()).toBe(200);
          shown = await shownMonitors(view);
          const after = await publicAnswer();
          if (JSON.stringify(before) === JSON.stringify(after)) answer = after;
        }
        if (!answer) throw new Error('the public answer kept changing');
        expect(await view.locator('h1').textContent()).toBe('Acme MCP status');
        const monitors = answer.groups.flatMap((group) => group.monitors);
        expect(answer.groups.map((group) => group.name)).toEqual(['Docs', 'Core APIs']);
        expect(monitors.map((monitor) => monitor.name)).toEqual(['Documentation', 'Search API']);
        // The public answer says what the owner's API says of each monitor...
        expect(monitors.map((monitor) => monitor.status)).toEqual([owned[1]?.status, owned[0]?.status]);
        expect(monitors[0]?.status).toBe('down');
        // ...and the page shows what the public answer says: state and uptime figure.
        expect(shown.map(({ name, stateClass }) => ({ name, stateClass }))).toEqual(
          monitors.map((monitor) => ({ name: monitor.name, stateClass: `s-${monitor.status}` })),
        );
        for (const [index, monitor] of monitors.entries()) {
          const ratio = monitor.uptime?.['24h'];
          const text = shown[index]?.uptime24h ?? '';
          expect(shown[index]?.stateWords).not.toBe('');
          if (ratio === null || ratio === undefined) expect(text).toBe('no data');
          else
            expect(Math.abs(Number.parseFloat(text) - ratio * 100), `${monitor.name}: ${text}`).toBeLessThan(
              0.006,
            );
        }
        // The update posted from the monitor page is on the page, as text.
        await hasText(view.locator('main'), 'A fix is out; watching.');
        expect(await view.locator('img[src="x"]').count()).toBe(0);

        if (label === 'phone') {
          const overflow = await horizontalOverflow(view);
          expect(
            await view.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
            `the page scrolls sideways by ${overflow.scroll} px; sticking out: ${overflow.culprits.join(', ')}`,
          ).toBe(true);
        }
        backgrounds.add(
          await view.evaluate(() =>
            [document.documentElement, document.body]
              .map((node) => getComputedStyle(node).backgroundColor)
              .join(),
          ),
        );
        const name = `status-page-public-${label}-${scheme}`;
        await screenshot(view, name);
        await expectScreenshot(name, viewport.width);
      }
      await visitor.close();
    }
    // Dark is not light: the page follows the visitor's colour scheme.
    expect(backgrounds.size).toBe(2);
  });

  it('shows the monitors and their state without JavaScript', async () => {
    const visitor = await browser.newContext({
      baseURL: stack.url,
      viewport: PHONE,
      javaScriptEnabled: false,
    });
    const view = await visitor.newPage();
    await view.goto('/status/acme');
    const answer = await publicAnswer();
    const shown = await shownMonitors(view);
    expect(shown.map(({ name, stateClass }) => ({ name, stateClass }))).toEqual(
      answer.groups
        .flatMap((group) => group.monitors)
        .map((monitor) => ({ name: monitor.name, stateClass: `s-${monitor.status}` })),
    );
    await visible(view.getByText('Documentation', { exact: true }));
    await visible(view.getByText('Search API', { exact: true }));
    await visitor.close();
  });
});

describe('deleting a status page', () => {
  it('asks first, then removes it from the list and from its public address', async () => {
    await page.goto('/status-pages');
    await card('acme').getByRole('link', { name: 'Acme MCP status', exact: true }).click();
    await page.getByRole('button', { name: 'Delete page' }).click();
    const dialog = page.getByRole('dialog');
    await hasText(dialog, '/status/acme');
    // Cancel keeps it.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await gone(page.getByRole('dialog'));
    expect((await listedPages()).length).toBe(1);

    await page.getByRole('button', { name: 'Delete page' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete status page' }).click();
    await atUrl(page, /\/status-pages$/);
    await visible(page.getByRole('heading', { name: 'No status pages yet' }));
    expect(await listedPages()).toEqual([]);
    expect((await fetch(`${stack.url}/status/acme`)).status).toBe(404);
    // The monitors stay.
    expect((await call<Monitor>('GET', `/monitors/${docsId}`)).name).toBe('Docs API');
  });
});
