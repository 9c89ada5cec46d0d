import type { OAuthConnection, OpenProbeSpec } from '@mcpulse/core';
import type { ProbeOptions } from '../probe-options.js';
import { clientCredentialsAuth } from './client-credentials.js';
import { refreshTokenAuth } from './refresh-token.js';
import type { TokenCache } from './token-cache.js';

/**
 * The probe options of a monitor's opened spec: its OAuth client, or its OAuth connection,
 * becomes the check's token provider, its tokens cached under the monitor and the version of its
 * credentials (the connection) when the caller keeps a cache (a probe worker), or for this check
 * only (the API's check now). A rotated refresh token becomes the spec's connection, and
 * `onRotate` is told of it.
 */
export function probeOptionsOf(
  spec: OpenProbeSpec,
  tokens: { cache: TokenCache; monitorId: string } | null = null,
  onRotate?: (connection: OAuthConnection) => void,
): ProbeOptions {
  const { oauth, connection, ...settings } = spec;
  if (connection !== null) {
    const cached =
      tokens === null
        ? {}
        : {
            cache: tokens.cache,
            cacheKey: `${tokens.monitorId}:connection:${connection.value.connectionId}`,
          };
    const rotate = (rotated: OAuthConnection) => {
      connection.value = rotated;
      onRotate?.(rotated);
    };
    return { ...settings, auth: refreshTokenAuth(connection.value, { ...cached, onRotate: rotate }) };
  }
  if (oauth === null) return settings;
  const cached =
    tokens !== null && oauth.version !== null
      ? { cache: tokens.cache, cacheKey: `${tokens.monitorId}:${oauth.version}` }
      : {};
  return { ...settings, auth: clientCredentialsAuth(oauth.credentials, cached) };
}
