import type { ResultsPage } from '@mcpulse/contract';
import type { Page } from 'playwright-core';

/** The API as the signed-in user of a page, with the waits a test of one monitor needs. */
export interface MonitorSession {
  /** Reads the session's CSRF token: call once signed in, before any write. */
  signedIn(): Promise<void>;
  /** One API call through the page's session: for set-up and for what the page should show. */
  call<T>(method: 'GET' | 'POST' | 'PATCH', path: string, data?: unknown): Promise<T>;
  /** Polls `probe` until it gives a value, for at most the session's wait. */
  until<T>(what: string, probe: () => Promise<T | null | undefined | false>): Promise<T>;
  /** Saving a monitor checks it at once, as a user's edit does; resolves once that check is stored. */
  checkNow(monitorId: string): Promise<void>;
}

export function monitorSession(
  page: () => Page,
  options: { waitMs: number; monitorName: string },
): MonitorSession {
  let csrfToken = '';
  const call = async <T>(method: 'GET' | 'POST' | 'PATCH', path: string, data?: unknown): Promise<T> => {
    const response = await page().request.fetch(`/api/v1${path}`, {
      method,
      headers: method === 'GET' ? {} : { 'x-csrf-token': csrfToken },
      ...(data === undefined ? {} : { data }),
    });
    if (!response.ok()) throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const until = async <T>(what: string, probe: () => Promise<T | null | undefined | false>): Promise<T> => {
    const deadline = Date.now() + options.waitMs;
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`waited ${options.waitMs} ms for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  return {
    async signedIn() {
      csrfToken = (await call<{ csrfToken: string }>('GET', '/account')).csrfToken;
    },
    call,
    until,
    async checkNow(monitorId) {
      const newest = async () =>
        (await call<ResultsPage>('GET', `/monitors/${monitorId}/results?limit=1`)).items[0]?.slot ?? '';
      const before = await newest();
      await call('PATCH', `/monitors/${monitorId}`, { name: options.monitorName });
      await until('the check to be stored', async () => (await newest()) > before);
    },
  };
}
