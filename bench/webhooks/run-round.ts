import { type Db, queryRows } from '@mcpulse/db';
import type { ResultJob } from '@mcpulse/engine';
import type { Producer } from '@mcpulse/queue';
import { sql } from 'drizzle-orm';
import { percentile } from '../probe/hanging/percentile.js';
import type { Receivers } from './receivers.js';
import { confirmingResults } from './results.js';

/** When an ingest batch that produced events committed, and when its fan-out had queued them. */
export interface Commit {
  committedAt: number;
  fannedOutAt: number;
  deliveries: number;
}

export interface RoundFigures {
  status: 'up' | 'down';
  endpoints: number;
  /** Commit to every delivery stored and queued. */
  fanOutMs: number;
  /** Commit to each endpoint's first attempt arriving at its receiver. */
  firstAttemptMs: { min: number; p50: number; p99: number; max: number };
  /** Commit to every attempt logged as succeeded. */
  allLoggedMs: number;
  /** CPU of the bench process (ingest + sender) per delivery. */
  cpuMsPerDelivery: number;
}

export interface RoundContext {
  db: Db;
  results: Producer<ResultJob>;
  receivers: Receivers;
  commits: Commit[];
  monitorId: string;
  endpoints: number;
}

const now = () => performance.timeOrigin + performance.now();

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function succeeded(db: Db): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from webhook_deliveries where status = 'succeeded'`,
  );
  return row?.n ?? 0;
}

/** One confirmed change of the monitor, fanned out to every endpoint, measured from its commit. */
export async function runRound(
  context: RoundContext,
  status: 'up' | 'down',
  firstSlot: number,
): Promise<RoundFigures> {
  const { db, receivers, commits, endpoints } = context;
  await receivers.reset();
  const before = await succeeded(db);
  const commitsBefore = commits.length;
  const cpu = process.cpuUsage();
  await context.results.addBulk(
    confirmingResults(context.monitorId, status, firstSlot).map((data) => ({ data })),
  );
  const commit = (await until(async () => commits[commitsBefore], Boolean, 'the confirming commit'))!;
  const arrivals = await until(
    () => receivers.arrivals(),
    (list) => list.length >= endpoints,
    'every first attempt',
  );
  const loggedAt = await until(
    async () => ((await succeeded(db)) - before >= endpoints ? now() : null),
    (at) => at !== null,
    'every attempt logged',
  );
  const used = process.cpuUsage(cpu);
  const latencies = arrivals.map(([, at]) => at - commit.committedAt).sort((a, b) => a - b);
  return {
    status,
    endpoints: new Set(arrivals.map(([path]) => path)).size,
    fanOutMs: commit.fannedOutAt - commit.committedAt,
    firstAttemptMs: {
      min: latencies[0] ?? Number.NaN,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: latencies[latencies.length - 1] ?? Number.NaN,
    },
    allLoggedMs: (loggedAt ?? Number.NaN) - commit.committedAt,
    cpuMsPerDelivery: (used.user + used.system) / 1000 / endpoints,
  };
}
