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
} from '@mcpulse/config';
import { DIRECTORY_DEFAULTS } from '@mcpulse/core/domain';
import { z } from 'zod';
import {
  adminToken,
  allowedHosts,
  dnsServers,
  drainTimeoutField,
  publicUrl,
  requestLimitFields,
} from '../config.js';

/** The embedded mode needs nothing set: every variable has a default for a person's own machine. */
export const embeddedEnvSchema = z.object({
  MCPULSE_DATA_DIR: z.string().min(1).default('./data'),
  PORT: port().default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Names to reach it by besides localhost, 127.0.0.1 and [::1], e.g. the machine's name on the LAN. */
  MCPULSE_ALLOWED_HOSTS: allowedHosts(),
  /** Where custom domains' ownership records are looked up; the system's resolvers when unset. */
  MCPULSE_DNS_SERVERS: dnsServers(),
  LOG_LEVEL: logLevel().default('info'),
  MCPULSE_SECRET_KEY: secretKey().optional(),
  /** On your own machine, probing your own localhost servers is the point. */
  MCPULSE_ALLOW_PRIVATE_TARGETS: bool().default(true),
  /** Reachable even while private targets are refused; the only exceptions for directory endpoints. */
  MCPULSE_ALLOWED_TARGET_CIDRS: csv().default([]),
  MCPULSE_REGION: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes')
    .default('local'),
  MCPULSE_PROBE_CONCURRENCY: positiveInt().default(100),
  MCPULSE_DIRECTORY_PROBE_CONCURRENCY: positiveInt().default(20),
  MCPULSE_DIRECTORY_HOST_SPACING_MS: nonNegativeInt().default(DIRECTORY_DEFAULTS.hostSpacingMs),
  /** Status page subscribers' attempts in flight at once, a budget apart from the own webhooks'. */
  MCPULSE_SUBSCRIBER_WEBHOOK_CONCURRENCY: positiveInt().default(20),
  MCPULSE_RECHECK_DELAY_SECONDS: recheckDelaySeconds(),
  MCPULSE_RESULTS_RETENTION_DAYS: positiveInt().default(14),
  MCPULSE_DIRECTORY_RESULTS_RETENTION_DAYS: positiveInt().default(3),
  MCPULSE_DELIVERY_RETENTION_DAYS: positiveInt().default(30),
  /**
   * Every caller on a person's own machine (the dashboard, their scripts) shares the one loopback
   * address, so its per-address budget is the per-key one.
   */
  ...requestLimitFields({ perIpDefault: 600 }),
  MCPULSE_DRAIN_TIMEOUT_MS: drainTimeoutField(),
  /** Where the browser reaches it; `http://localhost:<PORT>` when unset. */
  MCPULSE_PUBLIC_URL: publicUrl().optional(),
  /** Enables the operator routes (`/api/v1/admin`: plans); unset, they do not exist. */
  MCPULSE_ADMIN_TOKEN: adminToken().optional(),
  /** On a person's own machine the directory is off unless registries are named. */
  ...directoryFields({ registries: [] }),
});

export type EmbeddedEnv = z.infer<typeof embeddedEnvSchema>;

export function loadEmbeddedEnv(env?: Record<string, string | undefined>): EmbeddedEnv {
  return loadEnv(embeddedEnvSchema, env);
}
