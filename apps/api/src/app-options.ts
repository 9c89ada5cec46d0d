import type { Logger } from '@mcpulse/config';
import type { Db } from '@mcpulse/db';
import type { ProcessMetrics } from '@mcpulse/engine';
import type { ProbeOptions, ProbeReport } from '@mcpulse/probe';
import type { QueueBackend } from '@mcpulse/queue';
import type { AllowedHost } from './plugins/allowed-hosts.js';
import type { RateLimitSettings } from './plugins/rate-limits.js';
import type { RequestLogLevel } from './request-log.js';

/** Everything the app needs, resolved at boot by whoever builds it (server.ts, the embedded launcher, tests). */
export interface AppOptions {
  db: Db;
  /** 32-byte key that seals monitor headers and webhook secrets at rest. */
  secretKey: Buffer;
  /** Regions monitors may be probed from. */
  regions: readonly string[];
  allowPrivateTargets: boolean;
  allowedTargetCidrs?: readonly string[];
  rateLimit: RateLimitSettings;
  bodyLimitBytes: number;
  cookieSecure: boolean;
  /** Host names the API answers to besides localhost, 127.0.0.1 and [::1] (MCPULSE_ALLOWED_HOSTS). */
  allowedHosts?: readonly AllowedHost[];
  /**
   * DNS servers (`ip[:port]`) asked for custom domains' ownership records (MCPULSE_DNS_SERVERS);
   * the system's resolvers when unset or empty.
   */
  dnsServers?: readonly string[];
  /** Fastify's `trustProxy`: false, true, a number of hops, or the proxies' addresses and CIDRs. */
  trustProxy?: boolean | number | string[];
  logger: Logger | false;
  /** The level of the line logged per request; `info` unless set. */
  requestLogLevel?: RequestLogLevel;
  /** Throws when a dependency (database, queue) is unreachable. */
  checkReadiness: () => Promise<void>;
  /** Runs one probe; injectable so tests can count calls. */
  probe: (options: ProbeOptions) => Promise<ProbeReport>;
  /** Told when a monitor is created, changed or deleted, so scheduling follows at once. */
  onMonitorChanged?: (monitorId: string) => void;
  now?: () => Date;
  /** The process's operational metrics, served at `/metrics` with the regions' heartbeats; no `/metrics` when unset. */
  metrics?: ProcessMetrics;
  /** Where webhook test events and redeliveries are queued for the sender. */
  queues?: QueueBackend;
  /** The operator token of the `/api/v1/admin` routes; they do not exist without it. */
  adminToken?: string;
  /**
   * Where browsers reach the dashboard (MCPULSE_PUBLIC_URL, no trailing slash): "Connect with
   * OAuth" redirects back to it and serves its client metadata document under it. Unset, Connect
   * with OAuth answers 409.
   */
  publicUrl?: string;
  /** How long one read of the directory's endpoints serves the audit's requests; 15 s unless set (tests set 0). */
  directoryAuditTtlMs?: number;
  /** A built dashboard (apps/web/dist) to serve at `/`; none is served when unset. */
  webRoot?: string;
}

export interface AppState {
  shuttingDown: boolean;
}
