import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@mcpulse/db/testing';
import { parsePrometheus } from '@mcpulse/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnWorker, type WorkerProcess, waitFor } from './support/worker-process.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const workers: WorkerProcess[] = [];
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);
afterAll(async () => {
  for (const worker of workers) {
    if (worker.child.exitCode === null) worker.child.kill('SIGTERM');
    await worker.exited;
  }
  await database?.drop();
});

/** What each role's `/metrics` must carry besides the process's own figures (docs/metrics.md). */
const ROLES: Array<{ args: string[]; database: boolean; families: string[] }> = [
  {
    args: ['scheduler'],
    database: true,
    families: [
      'mcpulse_scheduler_leader',
      'mcpulse_scheduler_monitors',
      'mcpulse_scheduler_checks_enqueued_total',
      'mcpulse_db_pool_connections',
      'mcpulse_db_pool_max_connections',
      'mcpulse_db_pool_waiting_queries',
    ],
  },
  {
    args: ['ingest'],
    database: true,
    families: [
      'mcpulse_ingest_results_total',
      'mcpulse_ingest_batches_total',
      'mcpulse_ingest_batch_duration_seconds',
      'mcpulse_db_pool_connections',
    ],
  },
  {
    args: ['webhooks'],
    database: true,
    families: [
      'mcpulse_webhook_attempts_total',
      'mcpulse_webhook_deliveries_pending',
      'mcpulse_webhook_oldest_due_seconds',
      'mcpulse_db_pool_connections',
    ],
  },
  {
    args: ['probe', '--region', 'metrics-test'],
    database: false,
    families: ['mcpulse_checks_total', 'mcpulse_check_duration_seconds', 'mcpulse_check_start_delay_seconds'],
  },
];

describe('every worker role on its health port', () => {
  it.each(ROLES)(
    '$args.0 serves its own operational metrics beside the process’s',
    async (role) => {
      const port = 20_000 + Math.floor(Math.random() * 20_000);
      const worker = spawnWorker(role.args, {
        REDIS_URL,
        MCPULSE_QUEUE_PREFIX: `mcpulse-rm-${randomBytes(4).toString('hex')}`,
        MCPULSE_SECRET_KEY: randomBytes(32).toString('hex'),
        MCPULSE_HEALTH_PORT: String(port),
        ...(role.database ? { DATABASE_URL: database.url } : {}),
      });
      workers.push(worker);
      await waitFor(
        () =>
          fetch(`http://127.0.0.1:${port}/readyz`).then(
            (response) => response.status,
            () => 0,
          ),
        (status) => status === 200,
        30_000,
        `${role.args[0]} ready`,
      );
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      const families = parsePrometheus(text);
      const names = families.map((family) => family.name);
      for (const name of [...role.families, 'mcpulse_process_nodejs_eventloop_lag_seconds'])
        expect(names, `${role.args[0]}: ${name}`).toContain(name);
      // Every series names the role that serves it.
      const roles = new Set(
        families.flatMap((family) => family.metrics.map((metric) => metric.labels?.role)),
      );
      roles.delete(undefined);
      expect([...roles]).toEqual([role.args[0]]);
      worker.child.kill('SIGTERM');
      expect(await worker.exited, worker.output()).toBe(0);
    },
    60_000,
  );
});
