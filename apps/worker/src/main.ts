#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ConfigError, createLogger, type Logger } from '@mcpulse/config';
import {
  type Closers,
  checkMetrics,
  createProcessMetrics,
  installShutdown,
  type ProcessMetrics,
  type RunningRole,
  runIngestRole,
  runProbeRole,
  runSchedulerRole,
  runWebhooksRole,
} from '@mcpulse/engine';
import { loadIngestEnv, loadProbeEnv, loadSchedulerEnv, loadWebhooksEnv } from './config.js';
import {
  HealthPortUnavailable,
  type HealthServer,
  type HealthServerOptions,
  startHealthServer,
} from './health-server.js';
import { ingestSettings, probeSettings, schedulerSettings, webhooksSettings } from './role-settings.js';

const USAGE = 'usage: mcpulse-worker scheduler | ingest | webhooks | probe --region <name>';

class UsageError extends Error {}

/** The role the command line asks for, with its configuration parsed and nothing opened yet. */
interface RolePlan {
  role: 'scheduler' | 'ingest' | 'webhooks' | 'probe';
  loggerName: string;
  env: { LOG_LEVEL: string; MCPULSE_HEALTH_PORT: number; MCPULSE_DRAIN_TIMEOUT_MS: number };
  start(logger: Logger, closers: Closers, metrics: ProcessMetrics): Promise<RunningRole> | RunningRole;
}

function planRole(argv: string[]): RolePlan {
  const { positionals, values } = parseArgs({
    args: argv,
    options: { region: { type: 'string' } },
    allowPositionals: true,
  });
  const [command] = positionals;
  if (command === 'scheduler') {
    const env = loadSchedulerEnv();
    return {
      role: command,
      loggerName: command,
      env,
      start: (logger, closers, metrics) =>
        runSchedulerRole({ ...schedulerSettings(env), metrics }, logger, closers),
    };
  }
  if (command === 'ingest') {
    const env = loadIngestEnv();
    return {
      role: command,
      loggerName: command,
      env,
      start: (logger, closers, metrics) =>
        runIngestRole({ ...ingestSettings(env), metrics }, logger, closers),
    };
  }
  if (command === 'webhooks') {
    const env = loadWebhooksEnv();
    return {
      role: command,
      loggerName: command,
      env,
      start: (logger, closers, metrics) =>
        runWebhooksRole({ ...webhooksSettings(env), metrics }, logger, closers),
    };
  }
  if (command === 'probe') {
    const region = values.region;
    if (!region || !/^[a-z0-9][a-z0-9-]{0,62}$/.test(region))
      throw new UsageError(`--region <name> is required (lower-case letters, digits, dashes)\n${USAGE}`);
    const env = loadProbeEnv();
    return {
      role: command,
      loggerName: `probe-${region}`,
      env,
      start: (logger, closers, metrics) =>
        runProbeRole({ ...probeSettings(env, region), metrics: checkMetrics(metrics) }, logger, closers),
    };
  }
  throw new UsageError(USAGE);
}

function planOrExit(): RolePlan {
  try {
    return planRole(process.argv.slice(2));
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(error instanceof UsageError ? 2 : 1);
    }
    throw error;
  }
}

/** Binds the health port, or exits with one line naming the variable: nothing has been opened yet. */
async function bindHealthPort(options: HealthServerOptions): Promise<HealthServer> {
  try {
    return await startHealthServer(options);
  } catch (error) {
    if (!(error instanceof HealthPortUnavailable)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

const plan = planOrExit();
const logger = createLogger({ name: plan.loggerName, level: plan.env.LOG_LEVEL });
const shutdown = installShutdown({ logger, deadlineMs: plan.env.MCPULSE_DRAIN_TIMEOUT_MS });
const metrics = createProcessMetrics(plan.role);
let role: RunningRole | undefined;
// The port first: a process that cannot answer health checks must not have claimed any work.
const health = await bindHealthPort({
  port: plan.env.MCPULSE_HEALTH_PORT,
  ready: async () => role !== undefined && !shutdown.stopping && (await role.ready()),
  describe: () => ({ role: plan.role, ...role?.describe() }),
  metrics,
});
shutdown.add('health server', () => health.close());
try {
  role = await plan.start(logger, shutdown, metrics);
} catch (error) {
  // A failure caused by stopping during start-up is part of the shutdown, not a second error.
  if (!shutdown.stopping) {
    logger.fatal({ err: error }, 'start-up failed');
    await shutdown.stop('start-up failed', 1);
  }
}
