import type { IncomingHttpHeaders } from 'node:http';
import { signWebhook } from '@mcpulse/core';
import { type RawServer, startRawServer } from '@mcpulse/testkit';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Receiver {
  url: string;
  received: ReceivedWebhook[];
  waitFor(count: number): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

/** A real HTTP receiver on loopback that answers 204 and keeps what it got. */
export async function startReceiver(): Promise<Receiver> {
  const received: ReceivedWebhook[] = [];
  const server: RawServer = await startRawServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  return {
    url: `${server.url}/hooks`,
    received,
    async waitFor(count) {
      const deadline = Date.now() + 10_000;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} webhooks, got ${received.length}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return received;
    },
    close: server.close,
  };
}

/** The Standard Webhooks check a receiver makes: one of the `v1,` signatures is the secret's. */
export function signedWith(webhook: ReceivedWebhook, secret: string): boolean {
  const id = String(webhook.headers['webhook-id']);
  const timestamp = Number(webhook.headers['webhook-timestamp']);
  const expected = signWebhook(secret, id, timestamp, webhook.body);
  return String(webhook.headers['webhook-signature']).split(' ').includes(expected);
}
