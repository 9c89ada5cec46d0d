import type { Locator, Page } from 'playwright-core';

/**
 * Waiting assertions over playwright-core (which, unlike @playwright/test,
 * has no `expect`): each waits for the page to reach the state, and fails
 * with what it waited for when the time is up.
 */
const DEFAULT_MS = 10_000;

async function waitOr(what: string, wait: Promise<unknown>): Promise<void> {
  try {
    await wait;
  } catch (error) {
    throw new Error(`waited for ${what}: ${(error as Error).message.split('\n')[0]}`);
  }
}

export function visible(locator: Locator, timeout = DEFAULT_MS): Promise<void> {
  return waitOr(`${locator} to be visible`, locator.first().waitFor({ state: 'visible', timeout }));
}

export function gone(locator: Locator, timeout = DEFAULT_MS): Promise<void> {
  return waitOr(`${locator} to be gone`, locator.first().waitFor({ state: 'detached', timeout }));
}

export function hasText(locator: Locator, text: string | RegExp, timeout = DEFAULT_MS): Promise<void> {
  return waitOr(
    `${locator} to contain ${String(text)}`,
    locator.filter({ hasText: text }).first().waitFor({ state: 'visible', timeout }),
  );
}

export function atUrl(page: Page, url: RegExp, timeout = DEFAULT_MS): Promise<void> {
  return waitOr(`the URL to match ${url}`, page.waitForURL(url, { timeout }));
}
