#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ConfigError, createLogger, type Logger } from '@mcpulse/config';
import { loadIngestEnv, loadProbeEnv, loadSchedulerEnv, loadWebhooksEnv } from './config.js';
import { startHealthServer } from './health-server.js';
import { type RunningRole, runIngest, runProbeWorker, runScheduler, runWebhooks } from './roles.js';

const USAGE = 'usage: mcpulse-worker scheduler | ingest | webhooks | probe --region <name>';

async function start(
  argv: string[],
): Promise<{ role: RunningRole; logger: Logger; drainMs: number; healthPort: number }> {
  const { positionals, values } = parseArgs({
    args: argv,
    options: { region: { type: 'string' } },
    allowPositionals: true,
  });
  const [command] = positionals;
  if (command === 'scheduler') {
    const env = loadSchedulerEnv();
    const logger = createLogger({ name: 'scheduler', level: env.LOG_LEVEL });
    return {
      role: await runScheduler(env, logger),
      logger,
      drainMs: env.MCPULSE_DRAIN_TIMEOUT_MS,
      healthPort: env.MCPULSE_HEALTH_PORT,
    };
  }
  if (command === 'ingest') {
    const env = loadIngestEnv();
    const logger = createLogger({ name: 'ingest', level: env.LOG_LEVEL });
    return {
      role: await runIngest(env, logger),
      logger,
      drainMs: env.MCPULSE_DRAIN_TIMEOUT_MS,
      healthPort: env.MCPULSE_HEALTH_PORT,
    };
  }
  if (command === 'webhooks') {
    const env = loadWebhooksEnv();
    const logger = createLogger({ name: 'webhooks', level: env.LOG_LEVEL });
    return {
      role: await runWebhooks(env, logger),
      logger,
      drainMs: env.MCPULSE_DRAIN_TIMEOUT_MS,
      healthPort: env.MCPULSE_HEALTH_PORT,
    };
  }
  if (command === 'probe') {
    const region = values.region;
    if (!region || !/^[a-z0-9][a-z0-9-]{0,62}$/.test(region))
      throw new UsageError(`--region <name> is required (lower-case letters, digits, dashes)\n${USAGE}`);
    const env = loadProbeEnv();
    const logger = createLogger({ name: `probe-${region}`, level: env.LOG_LEVEL });
    return {
      role: await runProbeWorker(env, region, logger),
      logger,
      drainMs: env.MCPULSE_DRAIN_TIMEOUT_MS,
      healthPort: env.MCPULSE_HEALTH_PORT,
    };
  }
  throw new UsageError(USAGE);
}

class UsageError extends Error {}

async function main(): Promise<void> {
  let started: Awaited<ReturnType<typeof start>>;
  try {
    started = await start(process.argv.slice(2));
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(error instanceof UsageError ? 2 : 1);
    }
    throw error;
  }
  const { role, logger, drainMs } = started;
  let draining = false;
  const health = await startHealthServer(started.healthPort, async () => !draining && (await role.ready()));

  const shutdown = async (signal: string, code: number) => {
    if (draining) return;
    draining = true;
    logger.info({ signal, drainMs }, 'draining');
    const timeout = new Promise<'timeout'>((resolve) =>
      setTimeout(() => resolve('timeout'), drainMs).unref(),
    );
    const outcome = await Promise.race([role.stop().then(() => 'drained' as const), timeout]);
    if (outcome === 'timeout') logger.warn('drain timeout passed with work still in flight');
    await health.close();
    logger.info({ outcome }, 'stopped');
    process.exit(code);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM', 0));
  process.once('SIGINT', () => void shutdown('SIGINT', 0));
  const fatal = (error: unknown) => {
    logger.fatal({ err: error }, 'uncaught error; shutting down');
    void shutdown('fatal', 1);
  };
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
}

await main();
