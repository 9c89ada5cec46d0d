import { randomBytes } from 'node:crypto';
import { createLogger } from '@mcpulse/config';
import { monitorState, probeResults } from '@mcpulse/db';
import { createTestDatabase, type TestDatabase } from '@mcpulse/db/testing';
import { createBullmqBackend, createMemoryBackend, type QueueBackend } from '@mcpulse/queue';
import { inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BatchRefused,
  ingestBatch,
  JOB_POLICIES,
  RESULTS_QUEUE,
  type ResultJob,
  resultJobSchema,
  startIngester,
} from '../src/index.js';
import { createMonitor, createOrganization, resultJob, waitUntil } from './support/webhook-fixtures.js';

const logger = createLogger({ name: 'poison-test', level: process.env.DEBUG_LOG ? 'debug' : 'silent' });

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);
afterAll(async () => database?.drop());

/** A monitor of a tenant of its own. */
async function tenant(name: string): Promise<string> {
  const db = database.handle.db;
  return createMonitor(db, await createOrganization(db), name);
}

/** What a worker older than the storable boundary sends for a server that puts NUL and lone surrogates everywhere. */
function fromOldWorker(monitorId: string, minute: number): ResultJob {
  const job = resultJob(monitorId, 'eu-west', minute, 'up');
  return {
    ...job,
    result: {
      ...job.result,
      serverInfo: { name: 'evil\u0000', version: '\uD800', nested: { 'k\u0000': ['\uDC00'] } },
      capabilities: { tools: {}, 'x\uD800': { y: '\u0000' } },
      protocolVersion: `2026-07-28${'\u0000'.repeat(3)}`,
    },
    tools: [{ name: 't\u0000', description: 'd\uD800', inputSchema: { type: 'object' } }],
  };
}

async function storedOf(monitorIds: string[]) {
  return database.handle.db.select().from(probeResults).where(inArray(probeResults.monitorId, monitorIds));
}

describe('ingestBatch with results the database refuses', () => {
  it('stores the results of a worker older than the storable boundary, made storable', async () => {
    const [poisoned, other] = [await tenant('poisoned'), await tenant('other')];
    const outcome = await ingestBatch(
      database.handle.db,
      [
        resultJob(other, 'eu-west', 0, 'up'),
        fromOldWorker(poisoned, 0),
        resultJob(other, 'eu-west', 1, 'up'),
      ],
      new Date(),
    );
    expect(outcome).toMatchObject({ stored: 3, rejected: [], parked: [] });
    const [row] = await storedOf([poisoned]);
    expect(row?.serverInfo).toEqual({
      name: 'evil\uFFFD',
      version: '\uFFFD',
      nested: { 'k\uFFFD': ['\uFFFD'] },
    });
    expect(row?.protocolVersion).toBe('2026-07-28\uFFFD\uFFFD\uFFFD');
  });

  it('isolates refused results and stores every other tenant’s in the same pass', async () => {
    const db = database.handle.db;
    const tenants = await Promise.all(['a', 'b', 'c', 'refused', 'parked'].map(tenant));
    const [a, b, c, refusedId, parkedId] = tenants as [string, string, string, string, string];
    // Stands for whatever the database refuses that the boundary did not foresee: a rule on a value
    // only the server controls, which the failure stored in the result's place does not carry.
    await db.execute(
      sql`alter table probe_results add constraint refuses_poison check (server_info->>'name' is distinct from 'poison')`,
    );
    try {
      const poison = resultJob(refusedId, 'eu-west', 0, 'up');
      poison.result.serverInfo = { name: 'poison', version: '1' };
      // A worker-controlled value no failure can replace: it is parked.
      const unstorable = { ...resultJob(parkedId, 'eu-west', 0, 'down'), region: 'eu\u0000west' };
      const good = [a, b, c].flatMap((id) =>
        [0, 1, 2].map((minute) => resultJob(id, 'us-east', minute, 'down')),
      );
      const batch = [...good.slice(0, 4), poison, ...good.slice(4, 7), unstorable, ...good.slice(7)];

      const outcome = await ingestBatch(db, batch, new Date());

      expect(outcome.stored).toBe(good.length + 1);
      expect(await storedOf([a, b, c])).toHaveLength(good.length);
      expect(outcome.events.map((event) => event.monitorId).sort()).toEqual([a, b, c].sort());
      const [failure] = await storedOf([refusedId]);
      expect(failure).toMatchObject({
        status: 'down',
        errorCode: 'invalid_response',
        serverInfo: null,
        schemaHash: null,
      });
      expect(failure?.errorMessage).toMatch(
        /^result could not be stored: .*refuses_poison.*\(SQLSTATE 23514\)$/,
      );
      expect(outcome.rejected).toEqual([
        {
          monitorId: refusedId,
          region: 'eu-west',
          slot: poison.slot,
          reason: expect.stringContaining('23514'),
        },
      ]);
      expect(outcome.parked).toEqual([
        {
          monitorId: parkedId,
          region: 'eu\u0000west',
          slot: unstorable.slot,
          reason: expect.stringContaining('22P05'),
        },
      ]);
      expect(await storedOf([parkedId])).toEqual([]);
    } finally {
      await db.execute(sql`alter table probe_results drop constraint refuses_poison`);
    }
  });

  it('retries a batch whose every result is refused rather than blaming all of them', async () => {
    const id = await tenant('all refused');
    const refused = [0, 1].map((minute) => ({
      ...resultJob(id, 'eu-west', minute, 'up'),
      region: 'x\u0000',
    }));
    await expect(ingestBatch(database.handle.db, refused, new Date())).rejects.toBeInstanceOf(BatchRefused);
  });
});

const backends: Array<[string, () => QueueBackend]> = [
  ['in-process queue', () => createMemoryBackend({ logger })],
  [
    'BullMQ on Redis',
    () =>
      createBullmqBackend({
        redisUrl: 'redis://127.0.0.1:6379',
        prefix: `mcpulse-test-${randomBytes(4).toString('hex')}`,
        logger,
      }),
  ],
];

describe.each(backends)('the ingester on the %s', (_name, makeBackend) => {
  it('stores other tenants’ results in the same batch as a poisoned one, and retries nothing', async () => {
    const db = database.handle.db;
    const others = await Promise.all(['one', 'two', 'three'].map(tenant));
    const poisoned = await tenant('poisoned');
    const parked = await tenant('parked');
    const queues = makeBackend();
    const ingester = startIngester({ db, queues, logger, maxWaitMs: 50, recheckDelayMs: null });
    try {
      const jobs = [
        ...others.flatMap((id) => [0, 1].map((minute) => resultJob(id, 'eu-west', minute, 'up'))),
        fromOldWorker(poisoned, 0),
        { ...resultJob(parked, 'eu-west', 0, 'up'), region: 'eu\u0000west' },
      ];
      const producer = queues.producer<ResultJob>(RESULTS_QUEUE, resultJobSchema, JOB_POLICIES.results);
      await producer.addBulk(jobs.map((data) => ({ data })));

      const stored = await waitUntil(
        () => storedOf([...others, poisoned]),
        (rows) => rows.length === others.length * 2 + 1,
        5_000,
      );
      expect(stored.find((row) => row.monitorId === poisoned)?.serverInfo).toMatchObject({
        name: 'evil\uFFFD',
      });
      const states = await db.select().from(monitorState).where(inArray(monitorState.monitorId, others));
      expect(states.map((state) => state.status)).toEqual(['up', 'up', 'up']);
      await waitUntil(
        () => queues.depth(RESULTS_QUEUE),
        (depth) => depth.waiting + depth.active + depth.delayed === 0,
        5_000,
      );
      // One batch, never redelivered: the poisoned result cost the others no retry (and no backoff).
      expect(ingester.stats()).toMatchObject({ batches: 1, failed: 0, parked: 1 });
      expect(await storedOf([parked])).toEqual([]);
    } finally {
      await ingester.stop();
      await queues.close();
    }
  }, 30_000);
});
