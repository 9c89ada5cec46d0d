import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { createLogger } from '@mcpulse/config';
import {
  fanOutEvents,
  JOB_POLICIES,
  RESULTS_QUEUE,
  type ResultJob,
  resultJobSchema,
  startIngester,
  startWebhookSender,
} from '@mcpulse/engine';
import { createBullmqBackend, createMemoryBackend, type QueueBackend } from '@mcpulse/queue';
import { createWorld } from './bench-world.js';
import { parseWebhookBenchArgs } from './cli-args.js';
import { startReceivers } from './receivers.js';
import { reportText, verdict } from './report.js';
import { confirmingResults } from './results.js';
import type { Commit, RoundContext, RoundFigures } from './run-round.js';
import { runRound } from './run-round.js';

/**
 * `npm run bench:webhooks`: one monitor with N webhook endpoints; each round a
 * confirmed change is ingested through the results queue, and the bench times
 * every endpoint's first attempt from the commit of the confirming result. It
 * prints figures and never fails on a missed target.
 */
const args = parseWebhookBenchArgs(process.argv.slice(2));
const log = (line: string) => {
  if (!args.json) console.log(line);
};
const logger = createLogger({ name: 'bench-webhooks', level: 'warn' });
const machine = {
  node: process.version,
  cpus: os.availableParallelism(),
  loadAverageAtStart: os.loadavg()[0] ?? 0,
  loadAverageAtEnd: 0,
};
log(
  `mcpulse webhook bench: Node ${machine.node}, ${machine.cpus} cores, load average ${machine.loadAverageAtStart.toFixed(2)}`,
);

const secretKey = randomBytes(32);
const receivers = await startReceivers(args.receivers);
const world = await createWorld(receivers.urls(args.endpoints), secretKey, 20);
const queues: QueueBackend =
  args.queue === 'bullmq'
    ? createBullmqBackend({
        redisUrl: args.redisUrl,
        prefix: `mcpulse-bench-webhooks-${randomBytes(4).toString('hex')}`,
        logger,
      })
    : createMemoryBackend({ logger });
const db = world.handle.db;
const commits: Commit[] = [];
const ingester = startIngester({
  recheckDelayMs: null,
  db,
  queues,
  logger,
  maxWaitMs: 20,
  // The worker's onEvents, timed: the batch has committed when this is called.
  onEvents: async (events) => {
    const committedAt = performance.timeOrigin + performance.now();
    const deliveries = await fanOutEvents(db, queues, events);
    commits.push({ committedAt, fannedOutAt: performance.timeOrigin + performance.now(), deliveries });
  },
});
const sender = startWebhookSender({
  db,
  queues,
  secretKey,
  allowPrivateTargets: true,
  concurrency: args.concurrency,
  logger,
});
const context: RoundContext = {
  db,
  results: queues.producer<ResultJob>(RESULTS_QUEUE, resultJobSchema, JOB_POLICIES.results),
  receivers,
  commits,
  monitorId: world.monitorId,
  endpoints: args.endpoints,
};

const rounds: RoundFigures[] = [];
const warmups: RoundFigures[] = [];
try {
  // A monitor that starts healthy alerts nobody: this only moves it from pending to up.
  const total = args.warmup + args.rounds;
  const start = Date.now() - (total + 1) * 10 * 60_000;
  await context.results.addBulk(confirmingResults(world.monitorId, 'up', start).map((data) => ({ data })));
  await new Promise((resolve) => setTimeout(resolve, 500));
  for (let i = 0; i < total; i++) {
    const status = i % 2 === 0 ? 'down' : 'up';
    const warm = i < args.warmup;
    log(warm ? `warm-up round ${i + 1} (${status})...` : `round ${i + 1 - args.warmup} (${status})...`);
    const figures = await runRound(context, status, start + (i + 1) * 10 * 60_000);
    (warm ? warmups : rounds).push(figures);
  }
} finally {
  await sender.stop();
  await ingester.stop();
  await queues.close();
  await world.close();
  await receivers.stop();
}
machine.loadAverageAtEnd = os.loadavg()[0] ?? 0;

if (args.json) {
  console.log(
    JSON.stringify(
      { machine, args: { ...args, redisUrl: undefined }, warmups, rounds, verdict: verdict(rounds) },
      null,
      2,
    ),
  );
} else {
  console.log(`\n${reportText(args, warmups, rounds)}`);
  console.log(
    `\nload average (1 min) at start ${machine.loadAverageAtStart.toFixed(2)}, at end ${machine.loadAverageAtEnd.toFixed(2)}`,
  );
}
