import { ConfigError, createLogger } from '@mcpulse/config';
import { migrate, openDatabase } from '@mcpulse/db';
import {
  createProcessMetrics,
  deploymentQueueNames,
  installShutdown,
  poolMetrics,
  queueMetrics,
} from '@mcpulse/engine';
import { runProbe } from '@mcpulse/probe';
import { createBullmqBackend, createRedisClient } from '@mcpulse/queue';
import { buildApp } from './app.js';
import type { AppState } from './app-options.js';
import { type ApiEnv, loadApiEnv, requestLimits } from './config.js';
import { sealStoredChatUrls } from './domain/webhooks/webhook-url.js';
import { CLOSE_GRACE_MS, drainHttp } from './http-drain.js';
import { listeningHost } from './plugins/allowed-hosts.js';
import { findWebRoot } from './web-root.js';

function loadEnvOrExit(): ApiEnv {
  try {
    return loadApiEnv();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

const env = loadEnvOrExit();
const logger = createLogger({ name: 'mcpulse-api', level: env.LOG_LEVEL });
const state: AppState = { shuttingDown: false };
const shutdown = installShutdown({
  logger,
  deadlineMs: env.MCPULSE_DRAIN_TIMEOUT_MS + CLOSE_GRACE_MS,
  onBegin: () => {
    state.shuttingDown = true;
  },
});

async function start(): Promise<void> {
  const database = await openDatabase({
    kind: 'postgres',
    url: env.DATABASE_URL,
    onError: (error) => logger.error({ err: error }, 'idle database connection failed'),
  });
  shutdown.add('database', () => database.close());
  await migrate(database);
  const sealed = await sealStoredChatUrls(database.db, env.MCPULSE_SECRET_KEY);
  if (sealed > 0)
    logger.info({ endpoints: sealed }, 'sealed the URLs of chat webhook endpoints stored in the clear');
  const queues = createBullmqBackend({ redisUrl: env.REDIS_URL, prefix: env.MCPULSE_QUEUE_PREFIX, logger });
  shutdown.add('queues', () => queues.close());
  const limiterRedis = createRedisClient(
    env.REDIS_URL,
    'producer',
    `${env.MCPULSE_QUEUE_PREFIX}:api-rate-limit`,
    (error) =>
      logger.error({ err: error }, 'rate-limit redis connection error; requests are not limited meanwhile'),
  );
  shutdown.add('rate-limit redis', () => limiterRedis.disconnect());
  const limits = requestLimits(env);
  // The API measures every queue of the deployment: it is the process that knows all its regions.
  const metrics = createProcessMetrics('api');
  poolMetrics(metrics, () => database.pool());
  queueMetrics(metrics, queues, () => deploymentQueueNames(env.MCPULSE_REGIONS));
  const app = await buildApp(
    {
      db: database.db,
      secretKey: env.MCPULSE_SECRET_KEY,
      regions: env.MCPULSE_REGIONS,
      allowPrivateTargets: env.MCPULSE_ALLOW_PRIVATE_TARGETS,
      allowedTargetCidrs: env.MCPULSE_ALLOWED_TARGET_CIDRS,
      allowedHosts: [...env.MCPULSE_ALLOWED_HOSTS, ...listeningHost(env.HOST)],
      dnsServers: env.MCPULSE_DNS_SERVERS,
      rateLimit: {
        ...limits.rateLimit,
        redis: { client: limiterRedis, keyPrefix: `${env.MCPULSE_QUEUE_PREFIX}:rate-limit:` },
      },
      bodyLimitBytes: limits.bodyLimitBytes,
      cookieSecure: env.MCPULSE_COOKIE_SECURE,
      trustProxy: env.MCPULSE_TRUST_PROXY,
      logger,
      checkReadiness: async () => {
        await database.ping();
        await queues.ping();
      },
      queues,
      metrics,
      probe: runProbe,
      webRoot: await findWebRoot(logger),
      ...(env.MCPULSE_ADMIN_TOKEN ? { adminToken: env.MCPULSE_ADMIN_TOKEN } : {}),
      ...(env.MCPULSE_PUBLIC_URL ? { publicUrl: env.MCPULSE_PUBLIC_URL } : {}),
    },
    state,
  );
  shutdown.add('http server', () => drainHttp(app, env.MCPULSE_DRAIN_TIMEOUT_MS, logger));
  if (shutdown.stopping) return;
  await app.listen({ host: env.HOST, port: env.PORT });
}

start().catch((error: unknown) => {
  // A failure caused by closing during start-up is part of the shutdown, not a second error.
  if (shutdown.stopping) return;
  logger.fatal({ err: error }, 'start-up failed');
  void shutdown.stop('start-up failed', 1);
});
