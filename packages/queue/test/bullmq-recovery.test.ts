import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createBullmqBackend, type Job, type QueueBackend } from '../src/index.js';
import { deleteKeys, env, silentLogger } from './support/test-backends.js';
import { waitFor } from './support/wait.js';

const PACKAGE_ROOT = path.resolve(import.meta.dirname, '..');
const PREFIX = `mcpulse-test:queue:${randomBytes(6).toString('hex')}`;
const LOCK_MS = 2_000;
const probeJob = z.object({ monitorId: z.string() });

describe('BullMQ backend, when a consumer dies or runs long', () => {
  const cleanUps: (() => Promise<void> | void)[] = [];
  const open = (prefix: string): QueueBackend => {
    const backend = createBullmqBackend({
      redisUrl: env.MCPULSE_TEST_REDIS_URL,
      prefix,
      logger: silentLogger,
    });
    cleanUps.push(() => backend.close());
    return backend;
  };

  afterEach(async () => {
    for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
  });
  afterAll(async () => {
    await deleteKeys(`${PREFIX}:*`);
  });

  it('delivers the job of a consumer killed mid-handler to another consumer once its lock expires', async () => {
    const prefix = `${PREFIX}:killed`;
    const backend = open(prefix);
    await backend.producer('probe:eu', probeJob).add({ monitorId: 'm1' }, { jobId: 'm1:eu:1' });

    const child = startStuckConsumer(prefix, 'probe:eu');
    cleanUps.push(() => void child.kill('SIGKILL'));
    await waitForOutput(child, 'started m1:eu:1');
    child.kill('SIGKILL');
    await once(child, 'exit');
    expect(await backend.depth('probe:eu')).toMatchObject({ active: 1, waiting: 0 });

    const received: Job<{ monitorId: string }>[] = [];
    backend.consume('probe:eu', probeJob, async (job) => void received.push(job), {
      concurrency: 1,
      lockMs: LOCK_MS,
    });
    await waitFor(() => received.length >= 1, 4 * LOCK_MS + 5_000);
    expect(received[0]).toMatchObject({ id: 'm1:eu:1', data: { monitorId: 'm1' } });
    await sleep(LOCK_MS);
    expect(received).toHaveLength(1);
  });

  it('keeps the locks of a batch whose handler outlasts them, so nothing is delivered twice', async () => {
    const backend = open(`${PREFIX}:long-batch`);
    await backend
      .producer('results', probeJob)
      .addBulk([{ data: { monitorId: 'a' } }, { data: { monitorId: 'b' } }]);
    const batches: string[][] = [];

    backend.consumeBatch(
      'results',
      probeJob,
      async (jobs) => {
        batches.push(jobs.map((job) => job.data.monitorId));
        await sleep(3 * 800);
      },
      { maxBatch: 2, maxWaitMs: 50, lockMs: 800 },
    );

    await waitFor(async () => batches.length === 1 && (await backend.depth('results')).active === 0, 10_000);
    expect(batches).toEqual([['a', 'b']]);
    expect(await backend.depth('results')).toEqual({ waiting: 0, delayed: 0, active: 0 });
  });

  it('reconnects producers and consumers whose connections were killed', async () => {
    const prefix = `${PREFIX}:reconnect`;
    const backend = open(prefix);
    const producer = backend.producer('probe:eu', probeJob);
    const received: string[] = [];
    backend.consume('probe:eu', probeJob, async (job) => void received.push(job.data.monitorId), {
      concurrency: 2,
    });
    await producer.add({ monitorId: 'before' });
    await waitFor(() => received.length >= 1);

    expect(await killClientsNamed(prefix)).toBeGreaterThanOrEqual(3);
    await waitFor(() =>
      producer.add({ monitorId: 'after' }).then(
        () => true,
        () => false,
      ),
    );
    await waitFor(() => received.length >= 2);
    expect(received).toEqual(['before', 'after']);
    await backend.ping();
  });
});

/** Kills the Redis connections whose names start with `prefix`: a Redis restart, for this backend only. */
async function killClientsNamed(prefix: string): Promise<number> {
  const redis = new Redis(env.MCPULSE_TEST_REDIS_URL);
  try {
    const list = (await redis.call('CLIENT', 'LIST')) as string;
    const ids = list
      .split('\n')
      .map((line) => Object.fromEntries(line.split(' ').map((field) => field.split('='))))
      .filter((client) => typeof client.name === 'string' && client.name.startsWith(prefix))
      .map((client) => String(client.id));
    for (const id of ids) await redis.call('CLIENT', 'KILL', 'ID', id);
    return ids.length;
  } finally {
    redis.disconnect();
  }
}

function startStuckConsumer(prefix: string, queue: string): ChildProcess {
  return spawn(
    process.execPath,
    [
      '--conditions=@mcpulse/source',
      '--import',
      'tsx',
      'test/fixtures/stuck-consumer.ts',
      env.MCPULSE_TEST_REDIS_URL,
      prefix,
      queue,
      String(LOCK_MS),
    ],
    { cwd: PACKAGE_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

async function waitForOutput(child: ChildProcess, line: string): Promise<void> {
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  await waitFor(() => output.includes(line) || child.exitCode !== null, 20_000).catch(() => {});
  if (!output.includes(line)) throw new Error(`stuck consumer did not start its job:\n${output}`);
}
