import { randomBytes, randomUUID } from 'node:crypto';
import { createLogger } from '@mcpulse/config';
import {
  directoryProbeQueueName,
  type ProbeJob,
  probeJobSchema,
  RESULTS_QUEUE,
  type ResultJob,
  resultJobSchema,
} from '@mcpulse/engine';
import { createBullmqBackend } from '@mcpulse/queue';
import {
  parsePrometheus,
  type RecordingMcpServer,
  sampleValue,
  startRecordingMcpServer,
} from '@mcpulse/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnWorker, type WorkerProcess, waitFor } from './support/worker-process.js';

const logger = createLogger({ name: 'directory-workers-test', level: 'silent' });
const REDIS_URL = process.env.MCPULSE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const REGION = 'dir-region';
const SPACING_MS = 300;

let server: RecordingMcpServer;
beforeAll(async () => {
  server = await startRecordingMcpServer({ delayMs: 200 });
});
afterAll(() => server?.close());

function directoryCheck(url: string, slotMs: number): { data: ProbeJob; options: { jobId: string } } {
  const monitorId = randomUUID();
  return {
    data: {
      monitorId,
      region: REGION,
      slot: new Date(slotMs).toISOString(),
      url,
      transport: 'auto',
      timeoutMs: 10_000,
      degradedThresholdMs: 5_000,
      headersSealed: null,
      canary: null,
      oauthSealed: null,
      oauthConnectionSealed: null,
      knownSchemaHash: null,
      intervalSeconds: 300,
      directory: true,
    },
    options: { jobId: `${monitorId}:${REGION}:${slotMs}` },
  };
}

describe('directory checks in probe worker processes', () => {
  it('two workers of a region check one host once at a time, with the rest between, and say so in health and metrics', async () => {
    const prefix = `mcpulse-dw-${randomBytes(4).toString('hex')}`;
    const queues = createBullmqBackend({ redisUrl: REDIS_URL, prefix, logger });
    const workers: Array<{ process: WorkerProcess; port: number }> = [];
    try {
      for (let i = 0; i < 2; i++) {
        const port = 20_000 + Math.floor(Math.random() * 20_000);
        const env = {
          REDIS_URL,
          MCPULSE_QUEUE_PREFIX: prefix,
          MCPULSE_SECRET_KEY: randomBytes(32).toString('hex'),
          // The users of this deployment may reach private targets; the directory only through the CIDR.
          MCPULSE_ALLOW_PRIVATE_TARGETS: 'true',
          MCPULSE_ALLOWED_TARGET_CIDRS: '127.0.0.0/8',
          MCPULSE_DIRECTORY_PROBE_CONCURRENCY: '4',
          MCPULSE_DIRECTORY_HOST_SPACING_MS: String(SPACING_MS),
          MCPULSE_PUBLIC_URL: 'https://status.example.org/mcpulse',
          MCPULSE_HEALTH_PORT: String(port),
        };
        workers.push({ process: spawnWorker(['probe', '--region', REGION], env), port });
      }
      for (const worker of workers)
        await waitFor(
          () =>
            fetch(`http://127.0.0.1:${worker.port}/readyz`).then(
              (r) => r.status,
              () => 0,
            ),
          (status) => status === 200,
          30_000,
          'a worker ready',
        );
      const results: ResultJob[] = [];
      const consumer = queues.consume(
        RESULTS_QUEUE,
        resultJobSchema,
        async (job) => void results.push(job.data),
        {
          concurrency: 5,
        },
      );
      const now = Date.now();
      await queues
        .producer(directoryProbeQueueName(REGION), probeJobSchema)
        .addBulk(Array.from({ length: 6 }, (_, i) => directoryCheck(`${server.url}?endpoint=${i}`, now)));
      await waitFor(
        () => results.length,
        (count) => count >= 6,
        40_000,
        'six results',
      );
      await consumer.close();

      expect(results.map((job) => job.result?.status)).toEqual(Array(6).fill('up'));
      const record = server.record();
      expect(record.checks).toBe(6);
      expect(record.maxConcurrent).toBe(1);
      expect(record.leastGapMs).toBeGreaterThanOrEqual(SPACING_MS);
      expect(new Set(record.userAgents)).toEqual(
        new Set(['mcpulse-directory-probe/0.1.0 (+https://status.example.org/mcpulse/directory/about)']),
      );

      let checked = 0;
      let deferred = 0;
      for (const worker of workers) {
        const health = (await (await fetch(`http://127.0.0.1:${worker.port}/healthz`)).json()) as {
          directory: { inFlight: number; skipped: number; deferred: number };
        };
        expect(health.directory).toMatchObject({ inFlight: 0, skipped: 0 });
        const families = parsePrometheus(
          await (await fetch(`http://127.0.0.1:${worker.port}/metrics`)).text(),
        );
        checked +=
          sampleValue(families, 'mcpulse_directory_checks_total', { region: REGION, status: 'up' }) ?? 0;
        deferred += sampleValue(families, 'mcpulse_directory_host_deferrals_total', { region: REGION }) ?? 0;
        expect(health.directory.deferred).toBe(
          sampleValue(families, 'mcpulse_directory_host_deferrals_total', { region: REGION }) ?? 0,
        );
      }
      expect(checked).toBe(6);
      expect(deferred).toBeGreaterThan(0);
    } finally {
      for (const worker of workers) worker.process.child.kill('SIGTERM');
      await Promise.all(workers.map((worker) => worker.process.exited));
      await queues.close();
    }
  }, 90_000);
});
