import type { IncomingHttpHeaders } from 'node:http';
import { type RawServer, startRawServer } from '@mcpulse/testkit';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  /** The request path, as the sender resolved the endpoint's URL. */
  path: string;
  body: string;
  /** The secrets (of those the receiver holds) whose signature `Webhook.verify` accepted. */
  verifiedWith: string[];
  receivedAt: number;
}

export interface Receiver {
  url: string;
  /** Secrets the receiver verifies with; add to it once the endpoint exists. */
  secrets: string[];
  received: ReceivedWebhook[];
  /** Answers, in order; once they run out every request gets 200. */
  answers: Array<number | { status: number; body: string }>;
  /** Resolves once `count` requests have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

/** A real HTTP receiver on loopback that verifies every request as a customer would, with `standardwebhooks`. */
export async function startReceiver(secrets: string[] = []): Promise<Receiver> {
  const received: ReceivedWebhook[] = [];
  const answers: Receiver['answers'] = [];
  const server: RawServer = await startRawServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([name, value]) => [name, String(value)]),
      );
      const verifiedWith = secrets.filter((secret) => {
        try {
          new Webhook(secret).verify(body, headers);
          return true;
        } catch {
          return false;
        }
      });
      received.push({
        headers: req.headers,
        path: req.url ?? '',
        body,
        verifiedWith,
        receivedAt: Date.now(),
      });
      const answer = answers.shift() ?? 200;
      const { status, body: reply } = typeof answer === 'number' ? { status: answer, body: 'ok' } : answer;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(reply);
    });
  });
  return {
    url: `${server.url}/hooks`,
    secrets,
    received,
    answers,
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} webhooks, got ${received.length}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return received;
    },
    close: server.close,
  };
}
