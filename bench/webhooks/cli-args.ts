import { parseArgs } from 'node:util';
import { loadEnv, url } from '@mcpulse/config';
import { z } from 'zod';
import { positiveOptions, usageError } from '../cli-options.js';

export interface WebhookBenchArgs {
  json: boolean;
  endpoints: number;
  /** Confirmed changes measured one after another (down, up, down, …). */
  rounds: number;
  /** Rounds run first and shown apart: a fresh process compiles and warms its caches on them. */
  warmup: number;
  queue: 'bullmq' | 'memory';
  /** Attempts in flight in the sender, as MCPULSE_WEBHOOK_CONCURRENCY. */
  concurrency: number;
  /** Receiver servers (ports) in the receiver process; the endpoints are spread over them. */
  receivers: number;
  redisUrl: string;
}

const env = loadEnv(
  z.object({
    REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
    /** `npm run bench:webhooks --json` hands the flag to npm, which passes it on as this. */
    npm_config_json: z.string().optional(),
  }),
);

const USAGE = `usage: npm run bench:webhooks [-- -- [--json] [--endpoints N] [--rounds N] [--warmup N] [--queue bullmq|memory]
       [--concurrency N] [--receivers N]]`;

const positive = positiveOptions(USAGE);

export function parseWebhookBenchArgs(argv: string[]): WebhookBenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      endpoints: { type: 'string' },
      rounds: { type: 'string' },
      warmup: { type: 'string' },
      queue: { type: 'string' },
      concurrency: { type: 'string' },
      receivers: { type: 'string' },
    },
  });
  const queue = values.queue ?? 'bullmq';
  if (queue !== 'bullmq' && queue !== 'memory') {
    usageError(`--queue must be bullmq or memory`, USAGE);
  }
  return {
    json: values.json === true || env.npm_config_json === 'true',
    endpoints: positive('endpoints', values.endpoints, 1_000),
    rounds: positive('rounds', values.rounds, 5),
    warmup: positive('warmup', values.warmup, 2),
    queue,
    concurrency: positive('concurrency', values.concurrency, 100),
    receivers: positive('receivers', values.receivers, 4),
    redisUrl: env.REDIS_URL,
  };
}
