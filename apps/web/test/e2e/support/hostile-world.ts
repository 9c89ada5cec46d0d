import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { type EmbeddedStack, startEmbeddedStack } from './embedded-stack.js';
import { type HostileServer, startHostileServer } from './hostile-mcp-server.js';
import { atUrl, visible } from './page-waits.js';

/** The embedded stack, a hostile MCP server and a browser page that records what went wrong in it. */
export interface HostileWorld {
  stack: EmbeddedStack;
  server: HostileServer;
  browser: Browser;
  page: Page;
  /** Script errors, and any dialog a server's words managed to open. */
  pageErrors: string[];
  close(): Promise<void>;
}

export async function openHostileWorld(tools: unknown[]): Promise<HostileWorld> {
  const [stack, server, browser] = await Promise.all([
    startEmbeddedStack(),
    startHostileServer(tools),
    launchChromium(),
  ]);
  const context = await browser.newContext({ baseURL: stack.url, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('dialog', (dialog) => {
    pageErrors.push(`a dialog opened: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return {
    stack,
    server,
    browser,
    page,
    pageErrors,
    async close() {
      await browser.close();
      await Promise.allSettled([stack.stop(), server.close()]);
    },
  };
}

/** Signs a new user up and adds a monitor of `url` checked every 30 s, as a user would; returns its id. */
export async function signUpWithMonitor(
  page: Page,
  monitor: { email: string; name: string; url: string; confirmations?: number },
): Promise<string> {
  await page.goto('/signup');
  await page.getByLabel('Email').fill(monitor.email);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Create account' }).click();
  await visible(page.getByRole('heading', { name: 'Add your first MCP server' }));
  await page.getByRole('link', { name: 'Add monitor' }).first().click();
  await page.getByLabel('Name').fill(monitor.name);
  await page.getByLabel('MCP endpoint URL').fill(monitor.url);
  await page.getByText('Advanced').click();
  await page.getByLabel('Check every (seconds)').fill('30');
  if (monitor.confirmations !== undefined)
    await page.getByLabel('Confirmations').fill(String(monitor.confirmations));
  await page.getByRole('button', { name: 'Add monitor' }).click();
  await atUrl(page, /\/monitors\/[0-9a-f-]{36}$/, 30_000);
  return page.url().split('/').at(-1) as string;
}
