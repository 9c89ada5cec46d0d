import { createServer, type Server } from 'node:http';
import { signWebhook } from '@mcpulse/core';

export interface ReceivedEvent {
  type: string;
  monitorId: string | null;
  receivedAt: number;
}

export interface SignedReceiver {
  url: string;
  /** Set once the endpoint exists: only bodies it signed count. */
  setSecret(secret: string): void;
  /** The first verified event of `type` for `monitorId` received at or after `sinceMs`. */
  waitFor(monitorId: string, type: string, sinceMs: number, timeoutMs: number): Promise<ReceivedEvent>;
  /** Answers that failed verification: any is a bench failure. */
  rejected(): number;
  close(): Promise<void>;
}

/**
 * A webhook receiver that counts an event only when its Standard Webhooks
 * signature verifies: detection is measured to the alert a person's receiver
 * would act on, not to a row in the database.
 */
export async function startSignedReceiver(): Promise<SignedReceiver> {
  let secret: string | null = null;
  let rejected = 0;
  const events: ReceivedEvent[] = [];
  const waiters = new Set<() => void>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const id = String(request.headers['webhook-id'] ?? '');
      const timestamp = Number(request.headers['webhook-timestamp']);
      const signatures = String(request.headers['webhook-signature'] ?? '').split(' ');
      if (secret === null || !signatures.includes(signWebhook(secret, id, timestamp, body))) {
        rejected += 1;
        response.writeHead(401).end();
        return;
      }
      const event = JSON.parse(body) as { type: string; data: { monitor?: { id: string } | null } };
      events.push({ type: event.type, monitorId: event.data.monitor?.id ?? null, receivedAt: Date.now() });
      response.writeHead(204).end();
      for (const wake of waiters) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    setSecret(value) {
      secret = value;
    },
    async waitFor(monitorId, type, sinceMs, timeoutMs) {
      const find = () =>
        events.find((e) => e.monitorId === monitorId && e.type === type && e.receivedAt >= sinceMs);
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = find();
        if (found) return found;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no signed ${type} for ${monitorId} within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(wake, left);
          waiters.add(wake);
        });
      }
    },
    rejected: () => rejected,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
