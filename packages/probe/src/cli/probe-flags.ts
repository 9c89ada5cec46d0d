import { readFile } from 'node:fs/promises';
import type { ParseArgsConfig } from 'node:util';
import { parseSnapshot } from '@mcpulse/core';
import { MONITOR_DEFAULTS, MONITOR_TRANSPORTS, type TransportPreference } from '@mcpulse/core/domain';
import { clientCredentialsAuth } from '../auth/client-credentials.js';
import type { ProbeOptions } from '../probe-options.js';
import { type AuthFlags, type AuthFlagValues, CREDENTIAL_FLAGS, parseAuthFlags } from './auth-flags.js';
import { parseDuration } from './parse-duration.js';
import { UsageError } from './usage-error.js';

/** The options every command that probes a URL shares. */
export const PROBE_FLAGS = {
  header: { type: 'string', short: 'H', multiple: true },
  transport: { type: 'string' },
  timeout: { type: 'string' },
  'degraded-after': { type: 'string' },
  'expect-hash': { type: 'string' },
  'block-private': { type: 'boolean' },
  json: { type: 'boolean' },
  ...CREDENTIAL_FLAGS,
} as const satisfies ParseArgsConfig['options'];

export interface ProbeFlagValues extends AuthFlagValues {
  header?: string[];
  transport?: string;
  timeout?: string;
  'degraded-after'?: string;
  'expect-hash'?: string;
  'block-private'?: boolean;
}

export function parseHeaders(values: readonly string[] = []): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const value of values) {
    const colon = value.indexOf(':');
    const name = colon > 0 ? value.slice(0, colon).trim() : '';
    if (!name) throw new UsageError(`--header expects "Name: value", got a value without a name`);
    headers[name] = value.slice(colon + 1).trim();
  }
  return headers;
}

function parseTransport(value: string | undefined): TransportPreference {
  if (value === undefined) return MONITOR_DEFAULTS.transport;
  const known = MONITOR_TRANSPORTS.find((transport) => transport === value);
  if (known) return known;
  throw new UsageError(`--transport must be one of ${MONITOR_TRANSPORTS.join(', ')}, got "${value}"`);
}

/**
 * Builds probe options from flags; the CLI runs against a person's own servers, so private
 * targets are allowed. OAuth client credentials become the check's token provider; an
 * `--oauth` sign-in is the probe command's to run around the check.
 */
export function probeOptionsFrom(
  url: string,
  values: ProbeFlagValues,
  timeout = values.timeout,
  auth: AuthFlags | null = parseAuthFlags(values),
): ProbeOptions {
  const options: ProbeOptions = {
    url,
    transport: parseTransport(values.transport),
    headers: parseHeaders(values.header),
    allowPrivateAddresses: !values['block-private'],
  };
  if (auth?.kind === 'client_credentials') {
    const { clientId, authentication, scope } = auth;
    options.auth = clientCredentialsAuth({
      clientId,
      authMethod: authentication.method,
      ...(authentication.method === 'private_key_jwt'
        ? { privateKey: authentication.privateKeyPem }
        : { clientSecret: authentication.clientSecret }),
      ...(scope === null ? {} : { scope }),
    });
  }
  if (timeout !== undefined) options.timeoutMs = parseDuration('--timeout', timeout, 'ms');
  if (values['degraded-after'] !== undefined) {
    options.degradedThresholdMs = parseDuration('--degraded-after', values['degraded-after'], 'ms');
  }
  return options;
}

/** `--expect-hash` takes a 64-hex hash or the path of a snapshot file. */
export async function expectedHash(value: string | undefined): Promise<string | undefined> {
  if (value === undefined) return undefined;
  if (/^[0-9a-f]{64}$/i.test(value)) return value.toLowerCase();
  let text: string;
  try {
    text = await readFile(value, 'utf8');
  } catch {
    throw new UsageError(
      `--expect-hash: "${value}" is neither a 64-character hex hash nor a readable snapshot file`,
    );
  }
  try {
    return parseSnapshot(JSON.parse(text)).hash;
  } catch (error) {
    throw new UsageError(`--expect-hash: ${value}: ${(error as Error).message}`);
  }
}
