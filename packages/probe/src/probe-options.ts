import { lookup } from 'node:dns/promises';
import { validateHeaderName, validateHeaderValue } from 'node:http';
import type { TransportPreference } from '@mcpulse/core/domain';
import type { ProbeAuth } from './auth/probe-auth.js';
import type { ClientInfo } from './eras/client-info.js';
import type { ResolvedAddress, Resolver } from './wire/check-context.js';

export interface ProbeOptions {
  url: string;
  transport?: TransportPreference;
  /** The monitor's own request headers, e.g. Authorization; never logged or echoed. */
  headers?: Record<string, string>;
  /** Total deadline of the check. */
  timeoutMs?: number;
  /** Deadline for each TCP (and TLS) connect. */
  connectTimeoutMs?: number;
  /** A successful check slower than this is `degraded`. */
  degradedThresholdMs?: number;
  maxBodyBytes?: number;
  /** Everything one check may read, all responses together. */
  maxTotalBytes?: number;
  maxPages?: number;
  maxRedirects?: number;
  /** Allow loopback, private and link-local targets (self-hosting, tests, the CLI). */
  allowPrivateAddresses?: boolean;
  /** CIDRs allowed even while private targets are blocked. */
  allowedCidrs?: readonly string[];
  resolver?: Resolver;
  /**
   * Where the check gets an OAuth access token when the server asks for one (docs/probe.md,
   * "Authorization"). Without it, a 401 is answered by discovery alone.
   */
  auth?: ProbeAuth;
  clientInfo?: ClientInfo;
  userAgent?: string;
}

export const PROBE_DEFAULTS = {
  transport: 'auto',
  timeoutMs: 10_000,
  connectTimeoutMs: 5_000,
  degradedThresholdMs: 1_000,
  maxBodyBytes: 4 * 1024 * 1024,
  maxTotalBytes: 8 * 1024 * 1024,
  maxPages: 100,
  maxRedirects: 3,
} as const;

/** No check waits longer than this; it also keeps every timer within setTimeout's range. */
export const MAX_TIMEOUT_MS = 10 * 60_000;

export const systemResolver: Resolver = async (hostname) => {
  const answers = await lookup(hostname, { all: true, verbatim: true });
  return answers.map(
    (answer): ResolvedAddress => ({ address: answer.address, family: answer.family === 6 ? 6 : 4 }),
  );
};

/** A malformed probe request: a caller's mistake, not the target's, so it is thrown rather than reported. */
export class InvalidProbeOptions extends Error {
  override readonly name = 'InvalidProbeOptions';
}

function positive(name: string, value: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isFinite(value) || value <= 0)
    throw new InvalidProbeOptions(`${name} must be a positive number`);
  if (value > max) throw new InvalidProbeOptions(`${name} must be at most ${max}`);
  return value;
}

export function parseTargetUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidProbeOptions(`"${text}" is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidProbeOptions(`URL scheme must be http or https, not ${url.protocol.replace(':', '')}`);
  }
  if (url.username || url.password) {
    throw new InvalidProbeOptions(
      'credentials in the URL are not supported; pass an Authorization header instead',
    );
  }
  return url;
}

/** The same rules Node.js applies when sending, checked up front so a bad value is a usage error. */
export function validateHeaders(headers: Record<string, string>): Record<string, string> {
  for (const [name, value] of Object.entries(headers)) {
    try {
      validateHeaderName(name);
    } catch {
      throw new InvalidProbeOptions(`invalid header name "${name}"`);
    }
    try {
      validateHeaderValue(name, value);
    } catch {
      throw new InvalidProbeOptions(
        `header "${name}" has a control character or a non-Latin-1 character in its value`,
      );
    }
  }
  return headers;
}

export function resolvedLimits(options: ProbeOptions) {
  const timeoutMs = positive('timeoutMs', options.timeoutMs ?? PROBE_DEFAULTS.timeoutMs, MAX_TIMEOUT_MS);
  const connectTimeoutMs = positive(
    'connectTimeoutMs',
    options.connectTimeoutMs ?? PROBE_DEFAULTS.connectTimeoutMs,
  );
  return {
    timeoutMs,
    connectTimeoutMs: Math.min(timeoutMs, connectTimeoutMs),
    maxBodyBytes: positive('maxBodyBytes', options.maxBodyBytes ?? PROBE_DEFAULTS.maxBodyBytes),
    maxTotalBytes: positive('maxTotalBytes', options.maxTotalBytes ?? PROBE_DEFAULTS.maxTotalBytes),
    maxPages: positive('maxPages', options.maxPages ?? PROBE_DEFAULTS.maxPages),
    maxRedirects: options.maxRedirects ?? PROBE_DEFAULTS.maxRedirects,
  };
}
