import type { IncomingHttpHeaders } from 'node:http';
import { startRawServer } from './http-server.js';
import { verifyWebhook } from './verify-webhook.js';

export interface WebhookAnswer {
  status: number;
  body?: string;
  /** How long to hold the request before answering: a slow but successful receiver. */
  delayMs?: number;
}

export interface WebhookReceiverOptions {
  /** Secrets to verify with; more can be pushed to `secrets` once the endpoint (and its secret) exists. */
  secrets?: string[];
  /** What a request gets once `answers` has run out: 204 with no body unless set. */
  answer?: number | WebhookAnswer;
  /**
   * Answer 401 to a request no secret verifies and keep it in `refused`
   * instead of `received`: for a caller that must count only what a
   * customer's receiver would act on.
   */
  refuseUnverified?: boolean;
}

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  /** The request path, as the sender resolved the endpoint's URL. */
  path: string;
  body: string;
  /** The body parsed, when it is a JSON object; null otherwise. */
  event: Record<string, unknown> | null;
  /** The secrets, of those the receiver holds and in their order, that verify the request. */
  verifiedWith: string[];
  /** Epoch ms at which the whole body had arrived. */
  receivedAt: number;
}

export interface WebhookReceiver {
  /** Where to send webhooks: a path on the receiver's loopback origin. */
  url: string;
  secrets: string[];
  /** Answers for the next requests, in order; then every request gets the `answer` option. */
  answers: Array<number | WebhookAnswer>;
  received: ReceivedWebhook[];
  /** Requests refused for their signature (only with `refuseUnverified`). */
  refused: ReceivedWebhook[];
  /** The most requests it held unanswered at once (see `WebhookAnswer.delayMs`). */
  readonly mostInFlight: number;
  /** Resolves with what was received once `count` requests have been. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  /** Resolves with the first request received, before or after the call, that `match` accepts. */
  waitForMatch(match: (webhook: ReceivedWebhook) => boolean, timeoutMs?: number): Promise<ReceivedWebhook>;
  close(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 10_000;

function parseEvent(body: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function answerOf(answer: number | WebhookAnswer): Required<WebhookAnswer> {
  return typeof answer === 'number'
    ? { status: answer, body: '', delayMs: 0 }
    : { body: '', delayMs: 0, ...answer };
}

/** A real HTTP receiver on loopback that checks every request's signature as a customer's would. */
export async function startWebhookReceiver(options: WebhookReceiverOptions = {}): Promise<WebhookReceiver> {
  const secrets = [...(options.secrets ?? [])];
  const answers: WebhookReceiver['answers'] = [];
  const received: ReceivedWebhook[] = [];
  const refused: ReceivedWebhook[] = [];
  const waiters = new Set<{ check(): void; fail(error: Error): void }>();
  let inFlight = 0;
  let mostInFlight = 0;

  const server = await startRawServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const webhook: ReceivedWebhook = {
        headers: req.headers,
        path: req.url ?? '',
        body,
        event: parseEvent(body),
        verifiedWith: secrets.filter((secret) => verifyWebhook(secret, { headers: req.headers, body })),
        receivedAt: Date.now(),
      };
      if (options.refuseUnverified && webhook.verifiedWith.length === 0) {
        refused.push(webhook);
        res.writeHead(401).end();
        return;
      }
      received.push(webhook);
      const { status, body: reply, delayMs } = answerOf(answers.shift() ?? options.answer ?? 204);
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      const answer = () => {
        inFlight--;
        res.writeHead(status, reply === '' ? {} : { 'content-type': 'text/plain' }).end(reply);
      };
      if (delayMs > 0) setTimeout(answer, delayMs);
      else answer();
      for (const waiter of [...waiters]) waiter.check();
    });
  });

  function until<T>(found: () => T | undefined, timeoutMs: number, failure: () => string): Promise<T> {
    return new Promise((resolve, reject) => {
      const waiter = {
        check() {
          const value = found();
          if (value === undefined) return;
          done();
          resolve(value);
        },
        fail(error: Error) {
          done();
          reject(error);
        },
      };
      const timer = setTimeout(() => waiter.fail(new Error(failure())), timeoutMs);
      const done = () => {
        clearTimeout(timer);
        waiters.delete(waiter);
      };
      waiters.add(waiter);
      waiter.check();
    });
  }

  const tally = () =>
    `${received.length} received${refused.length > 0 ? `, ${refused.length} refused for their signature` : ''}`;

  return {
    url: `${server.url}/hooks`,
    secrets,
    answers,
    received,
    refused,
    get mostInFlight() {
      return mostInFlight;
    },
    waitFor: (count, timeoutMs = DEFAULT_TIMEOUT_MS) =>
      until(
        () => (received.length >= count ? received.slice() : undefined),
        timeoutMs,
        () => `expected ${count} webhooks within ${timeoutMs} ms, got ${tally()}`,
      ),
    waitForMatch: (match, timeoutMs = DEFAULT_TIMEOUT_MS) =>
      until(
        () => received.find(match),
        timeoutMs,
        () => `no webhook matched within ${timeoutMs} ms (${tally()})`,
      ),
    async close() {
      for (const waiter of [...waiters]) waiter.fail(new Error('the webhook receiver closed'));
      await server.close();
    },
  };
}
