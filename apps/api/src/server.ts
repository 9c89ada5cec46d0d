import { ConfigError, createLogger, type Logger } from '@mcpulse/config';
import { type DatabaseHandle, migrate, openDatabase } from '@mcpulse/db';
import { runProbe } from '@mcpulse/probe';
import { createBullmqBackend, createRedisClient, type QueueBackend } from '@mcpulse/queue';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { buildApp } from './app.js';
import type { AppState } from './app-options.js';
import { type ApiEnv, loadApiEnv } from './config.js';
import { sealStoredChatUrls } from './domain/webhooks/webhook-url.js';
import { listeningHost } from './plugins/allowed-hosts.js';
import { findWebRoot } from './web-root.js';

/** How often connections that went idle after close() are reaped while draining. */
const IDLE_SWEEP_MS = 100;
/** Time past the drain deadline for closing the app and the pool before the process leaves regardless. */
const CLOSE_GRACE_MS = 5_000;

function loadEnvOrExit(): ApiEnv {
  try {
    return loadApiEnv();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

/**
 * Stops accepting connections and lets requests in flight finish. Node reaps
 * only the connections idle at the moment of close(), so keep-alive
 * connections that finish their request later are swept until none is left;
 * whatever is still busy at the deadline is cut.
 */
async function drain(app: FastifyInstance, timeoutMs: number, logger: Logger): Promise<void> {
  const sweep = setInterval(() => app.server.closeIdleConnections(), IDLE_SWEEP_MS);
  const deadline = setTimeout(() => {
    logger.warn({ timeoutMs }, 'drain timeout reached; closing the connections still open');
    app.server.closeAllConnections();
  }, timeoutMs);
  try {
    await app.close();
  } finally {
    clearInterval(sweep);
    clearTimeout(deadline);
  }
}

const env = loadEnvOrExit();
const logger = createLogger({ name: 'mcpulse-api', level: env.LOG_LEVEL });
const state: AppState = { shuttingDown: false };
let database: DatabaseHandle | undefined;
let queues: QueueBackend | undefined;
let rateLimitRedis: Redis | undefined;
let app: FastifyInstance | undefined;
let exitCode = 0;

function shutDown(reason: string, code: 0 | 1): void {
  exitCode = Math.max(exitCode, code);
  if (state.shuttingDown) return;
  state.shuttingDown = true;
  logger.info({ reason, drainTimeoutMs: env.MCPULSE_DRAIN_TIMEOUT_MS }, 'shutting down');
  setTimeout(() => {
    logger.error('shutdown did not finish in time; exiting');
    process.exit(1);
  }, env.MCPULSE_DRAIN_TIMEOUT_MS + CLOSE_GRACE_MS).unref();
  void (async () => {
    try {
      if (app) await drain(app, env.MCPULSE_DRAIN_TIMEOUT_MS, logger);
      await queues?.close();
      rateLimitRedis?.disconnect();
      await database?.close();
      logger.info('stopped');
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      exitCode = 1;
    }
    process.exit(exitCode);
  })();
}

// A process that hit an unexpected error may hold broken state: it stops rather than carries on.
process.on('uncaughtException', (error) => {
  logger.fatal({ err: error }, 'uncaught exception');
  shutDown('uncaught exception', 1);
});
process.on('unhandledRejection', (reason) => {
  logger.fatal({ err: reason }, 'unhandled rejection');
  shutDown('unhandled rejection', 1);
});
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => shutDown(signal, 0));

async function start(): Promise<void> {
  database = await openDatabase({
    kind: 'postgres',
    url: env.DATABASE_URL,
    onError: (error) => logger.error({ err: error }, 'idle database connection failed'),
  });
  await migrate(database);
  const sealed = await sealStoredChatUrls(database.db, env.MCPULSE_SECRET_KEY);
  if (sealed > 0)
    logger.info({ endpoints: sealed }, 'sealed the URLs of chat webhook endpoints stored in the clear');
  const db = database;
  const queue = createBullmqBackend({ redisUrl: env.REDIS_URL, prefix: env.MCPULSE_QUEUE_PREFIX, logger });
  queues = queue;
  const limiterRedis = createRedisClient(
    env.REDIS_URL,
    'producer',
    `${env.MCPULSE_QUEUE_PREFIX}:api-rate-limit`,
    (error) =>
      logger.error({ err: error }, 'rate-limit redis connection error; requests are not limited meanwhile'),
  );
  rateLimitRedis = limiterRedis;
  app = await buildApp(
    {
      db: db.db,
      secretKey: env.MCPULSE_SECRET_KEY,
      regions: env.MCPULSE_REGIONS,
      allowPrivateTargets: env.MCPULSE_ALLOW_PRIVATE_TARGETS,
      allowedTargetCidrs: env.MCPULSE_ALLOWED_TARGET_CIDRS,
      allowedHosts: [...env.MCPULSE_ALLOWED_HOSTS, ...listeningHost(env.HOST)],
      rateLimit: {
        perKey: env.MCPULSE_RATE_LIMIT_PER_KEY,
        perIp: env.MCPULSE_RATE_LIMIT_PER_IP,
        signInPerIp: env.MCPULSE_RATE_LIMIT_SIGN_IN_PER_IP,
        logInFailuresPerAddress: env.MCPULSE_LOGIN_FAILURES_PER_ADDRESS,
        redis: { client: limiterRedis, keyPrefix: `${env.MCPULSE_QUEUE_PREFIX}:rate-limit:` },
      },
      bodyLimitBytes: env.MCPULSE_BODY_LIMIT_BYTES,
      cookieSecure: env.MCPULSE_COOKIE_SECURE,
      trustProxy: env.MCPULSE_TRUST_PROXY,
      logger,
      checkReadiness: async () => {
        await db.ping();
        await queue.ping();
      },
      queues: queue,
      probe: runProbe,
      webRoot: await findWebRoot(logger),
      ...(env.MCPULSE_ADMIN_TOKEN ? { adminToken: env.MCPULSE_ADMIN_TOKEN } : {}),
    },
    state,
  );
  if (state.shuttingDown) return;
  await app.listen({ host: env.HOST, port: env.PORT });
}

start().catch((error: unknown) => {
  // A failure caused by closing during start-up is part of the shutdown, not a second error.
  if (state.shuttingDown) return;
  logger.fatal({ err: error }, 'start-up failed');
  shutDown('start-up failed', 1);
});
