import { directorySettings } from '@mcpulse/config';
import type {
  IngestRoleSettings,
  ProbeRoleSettings,
  SchedulerRoleSettings,
  WebhooksRoleSettings,
} from '@mcpulse/engine';
import type { IngestEnv, ProbeEnv, SchedulerEnv, WebhooksEnv } from './config.js';

const queueSettings = (env: { REDIS_URL: string; MCPULSE_QUEUE_PREFIX: string }) => ({
  redisUrl: env.REDIS_URL,
  queuePrefix: env.MCPULSE_QUEUE_PREFIX,
});

export function schedulerSettings(env: SchedulerEnv): SchedulerRoleSettings {
  return {
    ...queueSettings(env),
    databaseUrl: env.DATABASE_URL,
    retention: {
      resultsDays: env.MCPULSE_RESULTS_RETENTION_DAYS,
      directoryResultsDays: env.MCPULSE_DIRECTORY_RESULTS_RETENTION_DAYS,
      deliveriesDays: env.MCPULSE_DELIVERY_RETENTION_DAYS,
    },
    directory: directorySettings(env, {
      regions: env.MCPULSE_REGIONS,
      allowedTargetCidrs: env.MCPULSE_ALLOWED_TARGET_CIDRS,
    }),
  };
}

export function ingestSettings(env: IngestEnv): IngestRoleSettings {
  return {
    ...queueSettings(env),
    databaseUrl: env.DATABASE_URL,
    maxBatch: env.MCPULSE_INGEST_BATCH,
    maxWaitMs: env.MCPULSE_INGEST_WAIT_MS,
    recheckDelayMs: env.MCPULSE_RECHECK_DELAY_SECONDS,
  };
}

export function probeSettings(env: ProbeEnv, region: string): ProbeRoleSettings {
  return {
    ...queueSettings(env),
    region,
    secretKey: env.MCPULSE_SECRET_KEY,
    concurrency: env.MCPULSE_PROBE_CONCURRENCY,
    lockMs: env.MCPULSE_PROBE_LOCK_MS,
    allowPrivateTargets: env.MCPULSE_ALLOW_PRIVATE_TARGETS,
    allowedTargetCidrs: env.MCPULSE_ALLOWED_TARGET_CIDRS,
    directory: {
      concurrency: env.MCPULSE_DIRECTORY_PROBE_CONCURRENCY,
      hostSpacingMs: env.MCPULSE_DIRECTORY_HOST_SPACING_MS,
      publicUrl: env.MCPULSE_PUBLIC_URL ?? null,
    },
  };
}

export function webhooksSettings(env: WebhooksEnv): WebhooksRoleSettings {
  return {
    ...queueSettings(env),
    databaseUrl: env.DATABASE_URL,
    secretKey: env.MCPULSE_SECRET_KEY,
    concurrency: env.MCPULSE_WEBHOOK_CONCURRENCY,
    subscriberConcurrency: env.MCPULSE_SUBSCRIBER_WEBHOOK_CONCURRENCY,
    allowPrivateTargets: env.MCPULSE_ALLOW_PRIVATE_TARGETS,
    allowedTargetCidrs: env.MCPULSE_ALLOWED_TARGET_CIDRS,
    ...(env.MCPULSE_PUBLIC_URL ? { publicUrl: env.MCPULSE_PUBLIC_URL } : {}),
  };
}
