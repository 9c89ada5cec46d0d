import { readFile } from 'node:fs/promises';
import type { DirectoryAudit } from '@mcpulse/contract';
import { directoryAuditDays, openDatabase } from '@mcpulse/db';
import { type SeededCheck, seedDirectoryEndpoint } from '@mcpulse/db/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from './support/browser.js';
import { type EmbeddedStack, startEmbeddedStack } from './support/embedded-stack.js';
import { atUrl, hasText, visible } from './support/page-waits.js';

/** Registry text a spreadsheet would run, and markup a page would draw. */
const HOSTILE_NAME = '=HYPERLINK("http://evil.example","<img src=x onerror=__pwned=1>")';
/** The leader's upkeep first runs 20 s after start; a busy machine may take longer. */
const UPKEEP_MS = 90_000;

let stack: EmbeddedStack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const today = new Date().toISOString().slice(0, 10);

/** Today, whatever the time: the row the upkeep writes must be today's. */
const recently = () => new Date(Math.max(Date.now() - 60_000, Date.parse(`${today}T00:00:01Z`)));
const dead = (errorCode: string): SeededCheck => ({
  slot: recently(),
  status: 'down',
  errorCode,
  httpStatus: 200,
  httpAlive: true,
});

async function seed(pgliteDir: string): Promise<void> {
  const database = await openDatabase({ kind: 'pglite', dataDir: pgliteDir });
  try {
    const { db } = database;
    const endpoints: [string, SeededCheck | null, string[]][] = [
      ['https://up-1.example.com/mcp', { slot: recently(), status: 'up' }, ['io.example/up-1']],
      ['https://up-2.example.com/mcp', { slot: recently(), status: 'degraded' }, [HOSTILE_NAME]],
      ['https://dead-1.example.com/mcp', dead('invalid_response'), ['io.example/dead-1']],
      ['https://dead-2.example.com/mcp', dead('invalid_response'), []],
      ['https://dead-3.example.com/mcp', dead('not_mcp'), []],
      ['https://dns.example.com/mcp', { slot: recently(), status: 'down', errorCode: 'dns_failure' }, []],
      ['https://slow.example.com/mcp', { slot: recently(), status: 'down', errorCode: 'timeout' }, []],
      ['https://awaiting.example.com/mcp', null, []],
    ];
    for (const [url, check, servers] of endpoints) {
      await seedDirectoryEndpoint(db, { url, servers, checks: check ? [check] : [] });
    }
    await seedDirectoryEndpoint(db, { url: 'http://192.168.1.10/mcp', skipReason: 'blocked_address' });
    const dayBefore = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    await db.insert(directoryAuditDays).values([
      { day: dayBefore(3), bucket: 'mcp_up', errorCode: '', endpoints: 6 },
      { day: dayBefore(3), bucket: 'http_alive_mcp_dead', errorCode: 'invalid_response', endpoints: 4 },
      { day: dayBefore(2), bucket: 'mcp_up', errorCode: '', endpoints: 5 },
      { day: dayBefore(2), bucket: 'http_alive_mcp_dead', errorCode: 'invalid_response', endpoints: 5 },
    ]);
  } finally {
    await database.close();
  }
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([startEmbeddedStack(), launchChromium()]);
  await stack.offline(seed);
  const context = await browser.newContext({
    baseURL: stack.url,
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('dialog', (dialog) => {
    pageErrors.push(`a dialog opened: ${dialog.message()}`);
    void dialog.dismiss();
  });
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function audit(days = 90): Promise<DirectoryAudit> {
  const response = await fetch(`${stack.url}/api/v1/directory/audit?days=${days}`);
  expect(response.status).toBe(200);
  return (await response.json()) as DirectoryAudit;
}

describe('the public directory audit', () => {
  it('shows anyone, signed out, the headline share, the buckets and the daily chart', async () => {
    await page.goto('/directory/audit');
    await visible(page.getByRole('heading', { name: 'MCP directory audit' }));
    expect(page.url()).toBe(`${stack.url}/directory/audit`);
    expect(await page.title()).toBe('MCP directory audit · mcpulse');

    // 7 checked: 3 answer HTTP while MCP fails.
    const headline = page.getByTestId('audit-headline');
    await hasText(headline, '42.9 %');
    await hasText(headline, 'of the 7 checked endpoints (3)');
    await hasText(page.getByTestId('audit-headline-codes'), 'invalid_response 2 (28.6 %)');
    await hasText(page.getByTestId('audit-headline-codes'), 'not_mcp 1 (14.3 %)');

    const row = (bucket: string) => page.locator(`[data-testid="audit-buckets"] tr[data-bucket="${bucket}"]`);
    await hasText(row('mcp_up'), '28.6 %');
    expect(await row('mcp_up').locator('td').first().textContent()).toBe('2');
    expect(await row('dns').locator('td').first().textContent()).toBe('1');
    expect(await row('timeout').locator('td').first().textContent()).toBe('1');
    expect(await row('tls').locator('td').nth(1).textContent()).toBe('0.0 %');
    const counts = page.getByTestId('audit-counts');
    await hasText(counts, 'Awaiting a first check1');
    await hasText(counts, '1 private or local address');

    // The daily series: a chart drawn on a canvas, and the same figures as a table.
    await visible(page.locator('.chart canvas'));
    await page.getByText('The series as a table').click();
    const days = page.locator('[data-testid="audit-days"] tbody tr');
    expect(await days.count()).toBeGreaterThanOrEqual(2);
    await hasText(days.last(), '60.0 %');
    await screenshot(page, 'directory-audit');
    expect(pageErrors).toEqual([]);
  });

  it('exports every listed URL as CSV, with registry text unable to run as a formula', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Endpoints CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('mcpulse-directory-endpoints.csv');
    const text = await readFile((await download.path()) as string, 'utf8');
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]?.startsWith('url,host,servers,')).toBe(true);
    expect(lines).toHaveLength(1 + 9);
    const hostile = lines.find((line) => line.startsWith('https://up-2.example.com/mcp,'));
    expect(hostile).toContain(`"'=HYPERLINK(""http://evil.example"",""<img src=x onerror=__pwned=1>"")"`);
    expect(lines.find((line) => line.startsWith('https://dead-3.example.com/mcp,'))).toContain(
      ',http_alive_mcp_dead,"HTTP alive, MCP dead",down,not_mcp,200,true,',
    );
    expect(lines.find((line) => line.startsWith('http://192.168.1.10/mcp,'))).toContain(
      ',false,blocked_address,',
    );

    const [series] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Daily series CSV' }).click(),
    ]);
    const seriesText = await readFile((await series.path()) as string, 'utf8');
    expect(seriesText.startsWith('day,bucket,bucket_label,error_code,endpoints,share,checked\r\n')).toBe(
      true,
    );
    expect(seriesText).toContain(',http_alive_mcp_dead,"HTTP alive, MCP dead",invalid_response,5,0.5,10\r\n');
  });

  it('explains the probe and how to opt out at the address its User-Agent names', async () => {
    await page.getByRole('link', { name: 'What the probe sends, and how to opt out' }).click();
    await atUrl(page, /\/directory\/about$/);
    const about = page.getByTestId('directory-about');
    await hasText(about, 'mcpulse-directory-probe/');
    await hasText(about, 'MCPULSE_DIRECTORY_OPT_OUT_HOSTS');
    expect(await page.title()).toBe('About the directory probe · mcpulse');
    // A fresh load (the link a server's operator follows from a log) works as well, signed out.
    await page.goto('/directory/about');
    await visible(page.getByRole('heading', { name: 'About the mcpulse directory probe' }));
    expect(page.url()).toBe(`${stack.url}/directory/about`);
    expect(pageErrors).toEqual([]);
  });

  it("fills today's row of the daily series from the latest checks on the leader's upkeep", async () => {
    const deadline = Date.now() + UPKEEP_MS;
    let day: DirectoryAudit['days'][number] | undefined;
    while (Date.now() < deadline) {
      day = (await audit(2)).days.find((entry) => entry.day === today);
      if (day) break;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    expect(day, `no row for ${today}:\n${stack.output()}`).toBeDefined();
    expect(day?.checked).toBe(7);
    const dead = day?.buckets.find((bucket) => bucket.bucket === 'http_alive_mcp_dead');
    expect(dead?.endpoints).toBe(3);
    expect((await audit()).now.headline.share).toBeCloseTo(3 / 7, 10);
  });
});
