#!/usr/bin/env node
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, createLogger, directorySettings, type Logger } from '@mcpulse/config';
import { deliveryBacklog, migrate, openDatabase } from '@mcpulse/db';
import {
  checkMetrics,
  createProcessMetrics,
  deploymentQueueNames,
  ingestMetrics,
  installShutdown,
  memoryScheduleMark,
  queueMetrics,
  type Shutdown,
  schedulerMetrics,
  soleLeadership,
  startIngestWithFanOut,
  startRegionProber,
  startScheduling,
  startWebhookSender,
  webhookBacklogMetrics,
  webhookMetrics,
} from '@mcpulse/engine';
import { runProbe } from '@mcpulse/probe';
import { createMemoryBackend } from '@mcpulse/queue';
import { buildApp } from './app.js';
import type { AppOptions, AppState } from './app-options.js';
import { requestLimits } from './config.js';
import { sealStoredChatUrls } from './domain/webhooks/webhook-url.js';
import { type DemoLogin, prepareDemoAccount } from './embedded/demo.js';
import { type DemoMcpServer, startDemoMcpServer } from './embedded/demo-mcp-server.js';
import { type EmbeddedEnv, loadEmbeddedEnv } from './embedded/embedded-config.js';
import { loadOrCreateSecretKey } from './embedded/secret-key-file.js';
import { CLOSE_GRACE_MS, drainHttp } from './http-drain.js';
import { listeningHost } from './plugins/allowed-hosts.js';
import { findWebRoot } from './web-root.js';

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

function banner(
  url: string,
  dataDir: string,
  demo: { server: DemoMcpServer; login: DemoLogin } | null,
): string {
  const lines = [
    '',
    `  mcpulse is running at ${url}`,
    `  data: ${dataDir}`,
    '',
    ...(demo
      ? [
          `  Demo: log in as ${demo.login.email} / ${demo.login.password} — the demo MCP server (${demo.server.url}) is already monitored.`,
          `  The demo login is also saved in ${demo.login.file}`,
        ]
      : [
          "  Next: open the URL, sign up, and add your MCP server's URL (localhost servers are allowed here).",
        ]),
    `  API docs: ${url}/docs   ·   CLI: npx mcpulse probe <url>`,
    '',
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * The whole product in one process, with nothing to install: PGlite in
 * ./data, the in-process queue, and the same engine the distributed roles run
 * (webhook sender, ingest with fan-out, one local probe region, the scheduler
 * with storage upkeep), then the API and the dashboard. What opens last closes
 * first, so checks in flight finish and are ingested before the queue and the
 * database close.
 */
async function start(env: EmbeddedEnv, demo: boolean, logger: Logger, shutdown: Shutdown, state: AppState) {
  const dataDir = path.resolve(env.MCPULSE_DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  const secretKey = env.MCPULSE_SECRET_KEY ?? (await loadOrCreateSecretKey(dataDir));
  const database = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
  shutdown.add('database', () => database.close());
  await migrate(database);
  await sealStoredChatUrls(database.db, secretKey);
  const queues = createMemoryBackend({ logger });
  shutdown.add('queues', () => queues.close());
  let demoServer: DemoMcpServer | null = null;
  if (demo) {
    const server = await startDemoMcpServer();
    demoServer = server;
    shutdown.add('demo MCP server', () => server.close());
  }

  // The one process plays every role: its metrics are every role's (docs/metrics.md).
  const metrics = createProcessMetrics('embedded');
  const webhooks = startWebhookSender({
    db: database.db,
    queues,
    secretKey,
    subscriberConcurrency: env.MCPULSE_SUBSCRIBER_WEBHOOK_CONCURRENCY,
    allowPrivateTargets: env.MCPULSE_ALLOW_PRIVATE_TARGETS,
    allowedTargetCidrs: env.MCPULSE_ALLOWED_TARGET_CIDRS,
    publicUrl: env.MCPULSE_PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    logger,
    metrics: webhookMetrics(metrics),
  });
  webhookBacklogMetrics(metrics, (now) => deliveryBacklog(database.db, now));
  shutdown.add('webhook sender', () => webhooks.stop());
  startIngestWithFanOut(
    {
      db: database.db,
      queues,
      logger,
      maxWaitMs: 100,
      recheckDelayMs: env.MCPULSE_RECHECK_DELAY_SECONDS,
      metrics: ingestMetrics(metrics),
    },
    shutdown,
  );
  startRegionProber(
    {
      region: env.MCPULSE_REGION,
      secretKey,
      concurrency: env.MCPULSE_PROBE_CONCURRENCY,
      allowPrivateTargets: env.MCPULSE_ALLOW_PRIVATE_TARGETS,
      allowedTargetCidrs: env.MCPULSE_ALLOWED_TARGET_CIDRS,
      metrics: checkMetrics(metrics),
      // Only with a registry configured are there directory monitors to take (docs/directory.md).
      directory: {
        concurrency: env.MCPULSE_DIRECTORY_PROBE_CONCURRENCY,
        hostSpacingMs: env.MCPULSE_DIRECTORY_HOST_SPACING_MS,
        publicUrl: env.MCPULSE_PUBLIC_URL ?? `http://localhost:${env.PORT}`,
      },
    },
    queues,
    logger,
    shutdown,
  );
  const scheduler = startScheduling(
    {
      db: database.db,
      queues,
      leadership: soleLeadership(),
      mark: memoryScheduleMark(),
      retention: {
        resultsDays: env.MCPULSE_RESULTS_RETENTION_DAYS,
        directoryResultsDays: env.MCPULSE_DIRECTORY_RESULTS_RETENTION_DAYS,
        deliveriesDays: env.MCPULSE_DELIVERY_RETENTION_DAYS,
      },
      directory: directorySettings(env, {
        regions: [env.MCPULSE_REGION],
        allowedTargetCidrs: env.MCPULSE_ALLOWED_TARGET_CIDRS,
      }),
      logger,
    },
    shutdown,
  );
  schedulerMetrics(metrics, () => scheduler.stats());
  queueMetrics(metrics, queues, () => deploymentQueueNames([env.MCPULSE_REGION]));

  const options: AppOptions = {
    db: database.db,
    secretKey,
    regions: [env.MCPULSE_REGION],
    allowPrivateTargets: env.MCPULSE_ALLOW_PRIVATE_TARGETS,
    allowedTargetCidrs: env.MCPULSE_ALLOWED_TARGET_CIDRS,
    allowedHosts: [...env.MCPULSE_ALLOWED_HOSTS, ...listeningHost(env.HOST)],
    dnsServers: env.MCPULSE_DNS_SERVERS,
    ...requestLimits(env),
    cookieSecure: false,
    logger,
    requestLogLevel: 'debug',
    checkReadiness: async () => {
      await database.ping();
      await queues.ping();
    },
    probe: runProbe,
    onMonitorChanged: () => scheduler.refresh(),
    queues,
    metrics,
    webRoot: await findWebRoot(logger),
    ...(env.MCPULSE_ADMIN_TOKEN ? { adminToken: env.MCPULSE_ADMIN_TOKEN } : {}),
    publicUrl: env.MCPULSE_PUBLIC_URL ?? `http://localhost:${env.PORT}`,
  };
  const app = await buildApp(options, state);
  shutdown.add('http server', () => drainHttp(app, env.MCPULSE_DRAIN_TIMEOUT_MS, logger));
  if (shutdown.stopping) return;
  await app.listen({ port: env.PORT, host: env.HOST });
  const login = demoServer ? await prepareDemoAccount(options, dataDir, demoServer.url, new Date()) : null;

  const url = `http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${env.PORT}`;
  process.stdout.write(banner(url, dataDir, demoServer && login ? { server: demoServer, login } : null));
}

const { env, demo } = loadConfig();
const logger = createLogger({ name: 'mcpulse', level: env.LOG_LEVEL });
const state: AppState = { shuttingDown: false };
const shutdown = installShutdown({
  logger,
  deadlineMs: env.MCPULSE_DRAIN_TIMEOUT_MS + CLOSE_GRACE_MS,
  onBegin: () => {
    state.shuttingDown = true;
  },
});
start(env, demo, logger, shutdown, state).catch((error: unknown) => {
  // A failure caused by closing during start-up is part of the shutdown, not a second error.
  if (shutdown.stopping) return;
  logger.fatal({ err: error }, 'start-up failed');
  void shutdown.stop('start-up failed', 1);
});
