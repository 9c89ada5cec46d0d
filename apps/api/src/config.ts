import { isIP } from 'node:net';
import { bool, csv, loadEnv, logLevel, port, positiveInt, secretKey, trustProxy, url } from '@mcpulse/config';
import { z } from 'zod';
import { type AllowedHost, parseHost } from './plugins/allowed-hosts.js';
import type { RateLimitSettings } from './plugins/rate-limits.js';

/** Long enough that guessing it is hopeless; `openssl rand -hex 32` makes one. */
export const adminToken = () => z.string().min(32, 'must be at least 32 characters (openssl rand -hex 32)');

/**
 * A comma-separated list, each item read by `parse` (null: not one); start-up stops naming the
 * first item that is not one. Unset or empty, no items.
 */
function listOf<T>(parse: (item: string) => T | null, expected: string) {
  return z
    .string()
    .transform((raw, ctx) => {
      const items: T[] = [];
      for (const item of raw.split(',').map((part) => part.trim())) {
        if (item === '') continue;
        const parsed = parse(item);
        if (parsed === null) {
          ctx.issues.push({
            code: 'custom',
            message: `expected ${expected}; ${JSON.stringify(item)} is not one`,
            input: raw,
          });
          return z.NEVER;
        }
        items.push(parsed);
      }
      return items;
    })
    .default([]);
}

/**
 * MCPULSE_ALLOWED_HOSTS: comma-separated host names (`host` for any port,
 * `host:port` for one; IPv6 in brackets) the API answers to besides the
 * loopback names. Anything else in a Host header is refused.
 */
export const allowedHosts = () =>
  listOf<AllowedHost>(parseHost, 'comma-separated host names, each optionally with :port (IPv6 in brackets)');

/** One DNS server as Node's resolver takes it: `ip`, `ipv4:port` or `[ipv6]:port`; null when it is not one. */
function dnsServer(item: string): string | null {
  if (isIP(item) !== 0) return item;
  const match = /^(?:\[([0-9a-f:.]+)\]|([0-9.]+)):(\d{1,5})$/i.exec(item);
  const address = match?.[1] ?? match?.[2];
  const port = Number(match?.[3]);
  if (address === undefined || isIP(address) === 0 || port < 1 || port > 65_535) return null;
  return item;
}

/**
 * MCPULSE_DNS_SERVERS: comma-separated servers (`ip`, `ip:port`, `[ipv6]:port`) the API asks for
 * custom domains' TXT records; empty, the system's resolvers.
 */
export const dnsServers = () =>
  listOf(dnsServer, 'comma-separated IP addresses, each optionally with :port (IPv6 in brackets)');

/**
 * MCPULSE_PUBLIC_URL: where people's browsers reach this deployment (scheme, host, port and any
 * path prefix), e.g. `https://mcpulse.example.com`. "Connect with OAuth" builds its redirect URI
 * and its client metadata document URL from it. Read without a trailing slash.
 */
export const publicUrl = () =>
  url(['http:', 'https:'])
    .refine((value) => {
      const parsed = new URL(value);
      return !parsed.username && !parsed.password && !parsed.search && !parsed.hash;
    }, 'expected a URL without credentials, query or fragment')
    .transform((value) => value.replace(/\/+$/, ''));

/**
 * Variables no longer read, with what replaced them. Refused rather than ignored: whoever set one
 * expects behaviour that no longer exists (here, an account lock-out).
 */
export const RETIRED_VARIABLES = {
  MCPULSE_LOGIN_ATTEMPTS_PER_ACCOUNT:
    'no longer read: failed log-ins are limited per account and address by MCPULSE_LOGIN_FAILURES_PER_ADDRESS; unset it',
} as const;

const retiredFields = () =>
  Object.fromEntries(
    Object.entries(RETIRED_VARIABLES).map(([name, error]) => [name, z.undefined({ error }).optional()]),
  ) as Record<keyof typeof RETIRED_VARIABLES, z.ZodOptional<z.ZodUndefined>>;

/**
 * The limits on what a caller may send, read by both modes under the same
 * names; `perIpDefault` lets a mode choose its own per-address budget.
 */
export const requestLimitFields = ({ perIpDefault = 300 }: { perIpDefault?: number } = {}) => ({
  MCPULSE_RATE_LIMIT_PER_KEY: positiveInt().default(600),
  MCPULSE_RATE_LIMIT_PER_IP: positiveInt().default(perIpDefault),
  MCPULSE_RATE_LIMIT_SIGN_IN_PER_IP: positiveInt().default(10),
  MCPULSE_LOGIN_FAILURES_PER_ADDRESS: positiveInt().default(10),
  ...retiredFields(),
  MCPULSE_BODY_LIMIT_BYTES: positiveInt().default(1_048_576),
});

/** How long requests in flight may finish after SIGTERM, in both modes. */
export const drainTimeoutField = () => positiveInt().default(10_000);

type RequestLimitEnv = z.infer<z.ZodObject<ReturnType<typeof requestLimitFields>>>;

/** The app's rate and body limits from either mode's parsed environment. */
export function requestLimits(env: RequestLimitEnv): {
  rateLimit: RateLimitSettings;
  bodyLimitBytes: number;
} {
  return {
    rateLimit: {
      perKey: env.MCPULSE_RATE_LIMIT_PER_KEY,
      perIp: env.MCPULSE_RATE_LIMIT_PER_IP,
      signInPerIp: env.MCPULSE_RATE_LIMIT_SIGN_IN_PER_IP,
      logInFailuresPerAddress: env.MCPULSE_LOGIN_FAILURES_PER_ADDRESS,
    },
    bodyLimitBytes: env.MCPULSE_BODY_LIMIT_BYTES,
  };
}

export const apiEnvSchema = z.object({
  DATABASE_URL: url(['postgres:', 'postgresql:']),
  /** The queues the workers consume: webhook test events and redeliveries go there. */
  REDIS_URL: url(['redis:', 'rediss:']),
  MCPULSE_QUEUE_PREFIX: z.string().min(1).default('mcpulse'),
  MCPULSE_SECRET_KEY: secretKey(),
  PORT: port().default(3000),
  HOST: z.string().default('0.0.0.0'),
  MCPULSE_ALLOWED_HOSTS: allowedHosts(),
  /** Where custom domains' ownership records are looked up; the system's resolvers when unset. */
  MCPULSE_DNS_SERVERS: dnsServers(),
  LOG_LEVEL: logLevel().default('info'),
  MCPULSE_REGIONS: csv().default(['local']),
  MCPULSE_ALLOW_PRIVATE_TARGETS: bool().default(false),
  MCPULSE_ALLOWED_TARGET_CIDRS: csv().default([]),
  ...requestLimitFields(),
  MCPULSE_COOKIE_SECURE: bool().default(true),
  MCPULSE_DRAIN_TIMEOUT_MS: drainTimeoutField(),
  MCPULSE_TRUST_PROXY: trustProxy().default(false),
  /** Where browsers reach the dashboard; "Connect with OAuth" needs it (its redirect URI). */
  MCPULSE_PUBLIC_URL: publicUrl().optional(),
  /** Enables the operator routes (`/api/v1/admin`: plans); unset, they do not exist. */
  MCPULSE_ADMIN_TOKEN: adminToken().optional(),
});

export type ApiEnv = z.infer<typeof apiEnvSchema>;

export function loadApiEnv(env?: Record<string, string | undefined>): ApiEnv {
  return loadEnv(apiEnvSchema, env);
}
