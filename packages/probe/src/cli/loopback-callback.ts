import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { escapeHtml } from '@mcpulse/core';

/** What the authorization server sent back through the browser. */
export type CallbackResult =
  | { code: string }
  | { error: string; description: string | null }
  | { timedOut: true };

export interface LoopbackCallback {
  /** `http://127.0.0.1:<port>/callback`, the same for every authorization of one sign-in. */
  redirectUri: string;
  /**
   * A fresh `state` for the next authorization request, and the wait for its redirect: it
   * settles with the first redirect that carries that state, or when `timeoutMs` has passed.
   */
  expect(timeoutMs: number): { state: string; result: Promise<CallbackResult> };
  close(): Promise<void>;
}

const PAGE = (title: string, text: string) =>
  `<!doctype html><meta charset="utf-8"><title>mcpulse: ${title}</title><p>${text}</p>`;

interface Pending {
  state: string;
  settle(result: CallbackResult): void;
}

/**
 * The redirect target of an authorization-code flow run from a terminal (RFC 8252 §7.3): an
 * HTTP server on the IPv4 loopback address and a port the system picks. A redirect without the
 * state of the authorization under way (RFC 6749 §10.12) is refused and the wait goes on, so a
 * forged redirect can neither complete nor end a sign-in.
 */
export async function startLoopbackCallback(): Promise<LoopbackCallback> {
  let pending: Pending | null = null;
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const answer = (status: number, title: string, text: string) => {
      response.writeHead(status, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
      });
      response.end(PAGE(title, text));
    };
    if (request.method !== 'GET' || url.pathname !== '/callback') {
      answer(404, 'not found', 'Nothing here.');
      return;
    }
    const waiting = pending;
    if (waiting === null || url.searchParams.get('state') !== waiting.state) {
      answer(400, 'refused', 'This redirect does not belong to a sign-in mcpulse is waiting for: refused.');
      return;
    }
    const code = url.searchParams.get('code');
    const error = url.searchParams.get('error');
    if (error !== null) {
      // The authorization server's text goes into our page: nothing of it may be markup.
      answer(400, 'not authorized', `Authorization failed: ${escapeHtml(error)}. You can close this tab.`);
      waiting.settle({ error, description: url.searchParams.get('error_description') });
    } else if (code) {
      answer(200, 'authorized', 'mcpulse is authorized. You can close this tab and return to the terminal.');
      waiting.settle({ code });
    } else {
      answer(400, 'refused', 'The redirect carries neither a code nor an error.');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let timer: NodeJS.Timeout | undefined;
  return {
    redirectUri: `http://127.0.0.1:${port}/callback`,
    expect(timeoutMs) {
      pending?.settle({ timedOut: true });
      const state = randomBytes(24).toString('base64url');
      const result = new Promise<CallbackResult>((resolve) => {
        const current: Pending = {
          state,
          settle: (outcome) => {
            clearTimeout(timer);
            if (pending === current) pending = null;
            resolve(outcome);
          },
        };
        pending = current;
        timer = setTimeout(() => current.settle({ timedOut: true }), timeoutMs);
      });
      return { state, result };
    },
    close: () => {
      pending?.settle({ timedOut: true });
      return new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
