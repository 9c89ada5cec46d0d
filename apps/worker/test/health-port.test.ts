import { randomBytes, randomUUID } from 'node:crypto';
import { createLogger } from '@mcpulse/config';
import { type ProbeJob, probeJobSchema, probeQueueName } from '@mcpulse/engine';
import { createBullmqBackend } from '@mcpulse/queue';
import { parsePrometheus, sampleValue } from '@mcpulse/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnWorker, type WorkerProcess, waitFor } from './support/worker-process.js';

const logger = createLogger({ name: 'health-port-test', level: 'silent' });
const REDIS_URL = 'redis://127.0.0.1:6379';
const cleanups: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function track(worker: WorkerProcess): WorkerProcess {
  cleanups.push(async () => {
    if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
    await worker.exited;
  });
  return worker;
}

function env(prefix: string, healthPort: number): Record<string, string> {
  return {
    REDIS_URL,
    MCPULSE_QUEUE_PREFIX: prefix,
    MCPULSE_SECRET_KEY: randomBytes(32).toString('hex'),
    MCPULSE_ALLOW_PRIVATE_TARGETS: 'true',
    MCPULSE_HEALTH_PORT: String(healthPort),
  };
}

async function readyz(port: number): Promise<number> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/readyz`)).status;
  } catch {
    return 0;
  }
}

describe('the health port', () => {
  it('a second worker on a taken health port exits 1 with one line naming MCPULSE_HEALTH_PORT, having claimed no job', async () => {
    const healthPort = 20_000 + Math.floor(Math.random() * 20_000);
    const first = track(
      spawnWorker(
        ['probe', '--region', 'first'],
        env(`mcpulse-hp-${randomBytes(4).toString('hex')}`, healthPort),
      ),
    );
    await waitFor(
      () => readyz(healthPort),
      (status) => status === 200,
      20_000,
      'the first worker ready',
    );

    // The same port gives Prometheus the process's metrics, labelled with its role.
    const scraped = await fetch(`http://127.0.0.1:${healthPort}/metrics`);
    expect(scraped.status).toBe(200);
    const families = parsePrometheus(await scraped.text());
    expect(
      sampleValue(families, 'mcpulse_process_nodejs_eventloop_lag_seconds', { role: 'probe' }),
    ).toBeGreaterThanOrEqual(0);

    // The second worker's region has checks waiting: it must not take any of them.
    const region = 'second';
    const prefix = `mcpulse-hp-${randomBytes(4).toString('hex')}`;
    const queues = createBullmqBackend({ redisUrl: REDIS_URL, prefix, logger });
    cleanups.push(() => queues.close());
    const slot = Date.now() - 60_000;
    await queues.producer(probeQueueName(region), probeJobSchema).addBulk(
      [randomUUID(), randomUUID(), randomUUID()].map((monitorId) => ({
        data: {
          monitorId,
          region,
          slot: new Date(slot).toISOString(),
          url: 'http://127.0.0.1:9/mcp',
          transport: 'auto',
          timeoutMs: 5_000,
          degradedThresholdMs: 1_000,
          headersSealed: null,
          canary: null,
          oauthSealed: null,
          oauthConnectionSealed: null,
          knownSchemaHash: null,
        } satisfies ProbeJob,
        options: { jobId: `${monitorId}:${region}:${slot}` },
      })),
    );

    const second = track(spawnWorker(['probe', '--region', region], env(prefix, healthPort)));
    expect(await second.exited, second.output()).toBe(1);
    const lines = second.output().trim().split('\n');
    expect(lines, second.output()).toEqual([
      `MCPULSE_HEALTH_PORT: port ${healthPort} is already in use (another worker on this machine?); give each worker process its own MCPULSE_HEALTH_PORT`,
    ]);
    expect(await queues.depth(probeQueueName(region))).toEqual({ waiting: 3, delayed: 0, active: 0 });
    // The first worker is untouched.
    expect(await readyz(healthPort)).toBe(200);
    expect(first.child.exitCode).toBeNull();
  }, 60_000);
});
