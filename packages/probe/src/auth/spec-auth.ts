import type { OpenProbeSpec } from '@mcpulse/core';
import type { ProbeOptions } from '../probe-options.js';
import { clientCredentialsAuth } from './client-credentials.js';
import type { TokenCache } from './token-cache.js';

/**
 * The probe options of a monitor's opened spec: its OAuth client becomes the check's token
 * provider, its tokens cached under the monitor and the version of its credentials when the
 * caller keeps a cache (a probe worker), or for this check only (the API's check now).
 */
export function probeOptionsOf(
  spec: OpenProbeSpec,
  tokens: { cache: TokenCache; monitorId: string } | null = null,
): ProbeOptions {
  const { oauth, ...settings } = spec;
  if (oauth === null) return settings;
  const cached =
    tokens !== null && oauth.version !== null
      ? { cache: tokens.cache, cacheKey: `${tokens.monitorId}:${oauth.version}` }
      : {};
  return { ...settings, auth: clientCredentialsAuth(oauth.credentials, cached) };
}
