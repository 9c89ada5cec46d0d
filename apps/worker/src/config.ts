import {
  bool,
  csv,
  directoryFields,
  loadEnv,
  logLevel,
  nonNegativeInt,
  port,
  positiveInt,
  recheckDelaySeconds,
  secretKey,
  url,
} from '@mcpulse/config';
import { DIRECTORY_DEFAULTS } from '@mcpulse/core/domain';
import { z } from 'zod';

const common = {
  REDIS_URL: url(['redis:', 'rediss:']),
  LOG_LEVEL: logLevel().default('info'),
  MCPULSE_QUEUE_PREFIX: z.string().min(1).default('mcpulse'),
  MCPULSE_HEALTH_PORT: port().default(9090),
  MCPULSE_DRAIN_TIMEOUT_MS: positiveInt().default(15_000),
};

export const schedulerEnvSchema = z.object({
  ...common,
  DATABASE_URL: url(['postgres:', 'postgresql:']),
  MCPULSE_RESULTS_RETENTION_DAYS: positiveInt().default(14),
  /** Directory monitors are thousands: their raw results are kept for less time, their rollups as long. */
  MCPULSE_DIRECTORY_RESULTS_RETENTION_DAYS: positiveInt().default(3),
  MCPULSE_DELIVERY_RETENTION_DAYS: positiveInt().default(30),
  /** The directory's monitors are probed from these unless MCPULSE_DIRECTORY_REGIONS says otherwise. */
  MCPULSE_REGIONS: csv().default(['local']),
  /** The only exceptions to the hosted address policy the directory's sync applies. */
  MCPULSE_ALLOWED_TARGET_CIDRS: csv().default([]),
  ...directoryFields({ registries: DIRECTORY_DEFAULTS.registryUrls }),
});

export const ingestEnvSchema = z.object({
  ...common,
  DATABASE_URL: url(['postgres:', 'postgresql:']),
  MCPULSE_INGEST_BATCH: positiveInt().default(500),
  MCPULSE_INGEST_WAIT_MS: positiveInt().default(200),
  MCPULSE_RECHECK_DELAY_SECONDS: recheckDelaySeconds(),
});

export const probeEnvSchema = z.object({
  ...common,
  MCPULSE_SECRET_KEY: secretKey(),
  MCPULSE_PROBE_CONCURRENCY: positiveInt().default(500),
  MCPULSE_PROBE_LOCK_MS: positiveInt().default(30_000),
  MCPULSE_ALLOW_PRIVATE_TARGETS: bool().default(false),
  MCPULSE_ALLOWED_TARGET_CIDRS: csv().default([]),
  /** Directory checks in flight at once, a budget apart from the users' checks. */
  MCPULSE_DIRECTORY_PROBE_CONCURRENCY: positiveInt().default(100),
  MCPULSE_DIRECTORY_HOST_SPACING_MS: nonNegativeInt().default(DIRECTORY_DEFAULTS.hostSpacingMs),
  /** The directory probe names `<it>/directory/about` in its User-Agent and clientInfo. */
  MCPULSE_PUBLIC_URL: url(['http:', 'https:']).optional(),
});

export const webhooksEnvSchema = z.object({
  ...common,
  DATABASE_URL: url(['postgres:', 'postgresql:']),
  /** Opens the endpoints' signing secrets. */
  MCPULSE_SECRET_KEY: secretKey(),
  MCPULSE_WEBHOOK_CONCURRENCY: positiveInt().default(100),
  /** Status page subscribers' attempts in flight at once, a budget apart from the organisations' own. */
  MCPULSE_SUBSCRIBER_WEBHOOK_CONCURRENCY: positiveInt().default(20),
  /** Webhook URLs obey the same address rules as probe targets. */
  MCPULSE_ALLOW_PRIVATE_TARGETS: bool().default(false),
  MCPULSE_ALLOWED_TARGET_CIDRS: csv().default([]),
  /** Status page subscribers' messages link to the page and to their confirm and unsubscribe URLs there. */
  MCPULSE_PUBLIC_URL: url(['http:', 'https:']).optional(),
});

export type SchedulerEnv = z.infer<typeof schedulerEnvSchema>;
export type IngestEnv = z.infer<typeof ingestEnvSchema>;
export type ProbeEnv = z.infer<typeof probeEnvSchema>;
export type WebhooksEnv = z.infer<typeof webhooksEnvSchema>;

export const loadSchedulerEnv = (env?: Record<string, string | undefined>) =>
  loadEnv(schedulerEnvSchema, env);
export const loadIngestEnv = (env?: Record<string, string | undefined>) => loadEnv(ingestEnvSchema, env);
export const loadProbeEnv = (env?: Record<string, string | undefined>) => loadEnv(probeEnvSchema, env);
export const loadWebhooksEnv = (env?: Record<string, string | undefined>) => loadEnv(webhooksEnvSchema, env);
