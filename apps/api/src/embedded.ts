#!/usr/bin/env node
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, createLogger } from '@mcpulse/config';
import { migrate, openDatabase, upkeepStorage } from '@mcpulse/db';
import {
  fanOutEvents,
  memoryScheduleMark,
  soleLeadership,
  startIngester,
  startProber,
  startScheduler,
  startWebhookSender,
} from '@mcpulse/engine';
import { runProbe } from '@mcpulse/probe';
import { createMemoryBackend } from '@mcpulse/queue';
import { buildApp } from './app.js';
import type { AppState } from './app-options.js';
import { sealStoredChatUrls } from './domain/webhooks/webhook-url.js';
import { type Demo, startDemo } from './embedded/demo.js';
import { type EmbeddedEnv, loadEmbeddedEnv } from './embedded/embedded-config.js';
import { loadOrCreateSecretKey } from './embedded/secret-key-file.js';
import { listeningHost } from './plugins/allowed-hosts.js';
import { findWebRoot } from './web-root.js';

const HOUR_MS = 3_600_000;

function loadConfig(): { env: EmbeddedEnv; demo: boolean } {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { demo: { type: 'boolean' } },
    strict: true,
  });
  try {
    return { env: loadEmbeddedEnv(), demo: values.demo ?? false };
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * The whole product in one process, with nothing to install: PGlite in
 * ./data, the in-process queue, the API, the scheduler, one local probe
 * region, ingest and the dashboard.
 */
async function main(): Promise<void> {
  const { env, demo } = loadConfig();
  const logger = createLogger({ name: 'mcpulse', level: env.LOG_LEVEL });
  const dataDir = path.resolve(env.MCPULSE_DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  const secretKey = env.MCPULSE_SECRET_KEY ?? (await loadOrCreateSecretKey(dataDir));
  const database = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
  await migrate(database);
  await sealStoredChatUrls(database.db, secretKey);
  const queues = createMemoryBackend({ logger });
  const scheduler = startScheduler({
    db: database.db,
    queues,
    leadership: soleLeadership(),
    mark: memoryScheduleMark(),
    logger,
  });
  const prober = startProber({
    region: env.MCPULSE_REGION,
    queues,
    secretKey,
    concurrency: env.MCPULSE_PROBE_CONCURRENCY,
    allowPrivateTargets: env.MCPULSE_ALLOW_PRIVATE_TARGETS,
    probe: runProbe,
    logger,
  });
  const ingester = startIngester({
    db: database.db,
    queues,
    logger,
    maxWaitMs: 100,
    recheckDelayMs: env.MCPULSE_RECHECK_DELAY_SECONDS,
    onEvents: async (events) => {
      await fanOutEvents(database.db, queues, events);
    },
  });
  const webhooks = startWebhookSender({
    db: database.db,
    queues,
    secretKey,
    allowPrivateTargets: env.MCPULSE_ALLOW_PRIVATE_TARGETS,
    logger,
  });
  // The coming days' partitions, and retention: what the scheduler's leader does in a distributed deployment.
  const upkeep = setInterval(
    () =>
      void upkeepStorage(database.db, new Date(), {
        resultsDays: env.MCPULSE_RESULTS_RETENTION_DAYS,
        deliveriesDays: env.MCPULSE_DELIVERY_RETENTION_DAYS,
      }).catch((error) => logger.error({ err: error }, 'upkeep failed')),
    HOUR_MS,
  );

  const state: AppState = { shuttingDown: false };
  const options = {
    db: database.db,
    secretKey,
    regions: [env.MCPULSE_REGION],
    allowPrivateTargets: env.MCPULSE_ALLOW_PRIVATE_TARGETS,
    allowedHosts: [...env.MCPULSE_ALLOWED_HOSTS, ...listeningHost(env.HOST)],
    rateLimit: { perKey: 600, perIp: 600 },
    bodyLimitBytes: 1_048_576,
    cookieSecure: false,
    logger,
    checkReadiness: async () => {
      await database.ping();
      await queues.ping();
    },
    probe: runProbe,
    onMonitorChanged: () => scheduler.refresh(),
    queues,
    webRoot: await findWebRoot(logger),
    ...(env.MCPULSE_ADMIN_TOKEN ? { adminToken: env.MCPULSE_ADMIN_TOKEN } : {}),
  };
  const app = await buildApp(options, state);
  await app.listen({ port: env.PORT, host: env.HOST });
  let demoServer: Demo | null = null;
  if (demo) demoServer = await startDemo(options, dataDir, new Date());

  const url = `http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${env.PORT}`;
  const lines = [
    '',
    `  mcpulse is running at ${url}`,
    `  data: ${dataDir}`,
    '',
    demoServer
      ? `  Demo: log in as ${demoServer.email} / ${demoServer.password} — the demo MCP server (${demoServer.server.url}) is already monitored.`
      : "  Next: open the URL, sign up, and add your MCP server's URL (localhost servers are allowed here).",
    `  API docs: ${url}/docs   ·   CLI: npx mcpulse probe <url>`,
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    state.shuttingDown = true;
    logger.info('shutting down');
    clearInterval(upkeep);
    await scheduler.stop();
    await app.close();
    await prober.stop();
    await ingester.stop();
    await webhooks.stop();
    await queues.close();
    await demoServer?.server.close();
    await database.close();
    process.exit(code);
  };
  process.once('SIGTERM', () => void shutdown(0));
  process.once('SIGINT', () => void shutdown(0));
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception');
    void shutdown(1);
  });
  process.on('unhandledRejection', (error) => {
    logger.fatal({ err: error }, 'unhandled rejection');
    void shutdown(1);
  });
}

await main();
