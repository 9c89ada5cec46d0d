import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manyTools } from './support/hostile-mcp-server.js';
import { type HostileWorld, openHostileWorld, signUpWithMonitor } from './support/hostile-world.js';
import { gone, hasText, visible } from './support/page-waits.js';

/** A title as hostile as any: the page must show it as text. */
const HOSTILE_TITLE = '<img src=x onerror=__pwned=1> upgrade';

let world: HostileWorld;
let page: Page;
let pageErrors: string[] = [];

beforeAll(async () => {
  world = await openHostileWorld(manyTools(2));
  ({ page, pageErrors } = world);
});

afterAll(async () => world?.close());

describe('maintenance windows on the monitor page', () => {
  it('starts a window now, shows it in progress as inert text, and ends it early', async () => {
    await signUpWithMonitor(page, {
      email: 'maintenance@example.com',
      name: 'Maint MCP',
      url: world.server.url,
    });
    const section = page.locator('section', { has: page.getByRole('heading', { name: 'Maintenance' }) });
    await visible(section.getByText('No maintenance scheduled.'));
    await section.getByLabel('Title', { exact: true }).fill(HOSTILE_TITLE);
    await section.getByLabel('Time zone', { exact: true }).fill('UTC');
    await section.getByLabel('Duration (minutes)').fill('30');
    await section.getByRole('button', { name: 'Schedule maintenance' }).click();
    const item = section.getByTestId('maintenance-window');
    await visible(item);
    await hasText(item, HOSTILE_TITLE);
    await hasText(item, 'in progress');
    await hasText(item, 'this monitor');
    expect(await page.locator('img[src="x"]').count()).toBe(0);

    await item.getByRole('button', { name: 'End now' }).click();
    await gone(item);
    await visible(section.getByText('No maintenance scheduled.'));
  });

  it('names the refused field, then schedules a weekly window in Berlin with its next occurrences', async () => {
    const section = page.locator('section', { has: page.getByRole('heading', { name: 'Maintenance' }) });
    await section.getByLabel('Title', { exact: true }).fill('Sunday upgrade');
    await section.getByLabel('Start now').uncheck();
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await section.getByLabel('Starts at (in the time zone below)').fill(`${tomorrow}T02:30`);
    await section.getByLabel('Repeats (RFC 5545 RRULE, optional)').fill('FREQ=MINUTELY');
    await section.getByLabel('Time zone', { exact: true }).fill('Europe/Berlin');
    await section.getByLabel('Duration (minutes)').fill('60');
    await section.getByRole('button', { name: 'Schedule maintenance' }).click();
    await visible(section.getByText('FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY'));
    expect(await section.getByTestId('maintenance-window').count()).toBe(0);

    await section.getByLabel('Repeats (RFC 5545 RRULE, optional)').fill('FREQ=WEEKLY');
    await section.getByRole('button', { name: 'Schedule maintenance' }).click();
    const item = section.getByTestId('maintenance-window');
    await visible(item);
    await hasText(item, 'repeats FREQ=WEEKLY');
    await hasText(item, 'Europe/Berlin');
    expect(await item.locator('ul li').count()).toBe(5);
    expect(await item.getByRole('button', { name: 'End now' }).count()).toBe(0);

    await item.getByRole('button', { name: 'Cancel window' }).click();
    await gone(item);
    expect(pageErrors).toEqual([]);
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  });
});
