import { type OAuthConnection, rotatedConnection } from '@mcpulse/core';
import { clientAuthentication, parseTokenResponse } from './client-authentication.js';
import {
  type AccessToken,
  type AuthDiscovery,
  ConsentRevoked,
  type ProbeAuth,
  TokenError,
  type TokenRequest,
} from './probe-auth.js';
import { type CachedToken, TokenCache, tokenExpiry } from './token-cache.js';

export interface RefreshTokenOptions {
  cache?: TokenCache;
  /** The cache key: a monitor and its connection (stable across rotations of the refresh token). */
  cacheKey?: string;
  now?: () => number;
  /**
   * Told when the authorization server rotated the refresh token (RFC 6749 §6, OAuth 2.1 §4.3.1):
   * the old one is spent, so the new one must be kept wherever the connection is saved.
   */
  onRotate?: (connection: OAuthConnection) => void;
}

/** A refresh token goes back only to the authorization server that issued it. */
function sameIssuer(a: string, b: string): boolean {
  return a.replace(/\/$/, '') === b.replace(/\/$/, '');
}

/**
 * A `ProbeAuth` for a monitor's OAuth connection ("Connect with OAuth"): access tokens from the
 * refresh_token grant (RFC 6749 §6) at the discovered token endpoint, through the check's guarded
 * POST, with the client's authentication and the resource indicator; cached until shortly before
 * they expire, renewed after a 401. A rotated refresh token is used from then on and handed to
 * `onRotate`; a refused one (`invalid_grant`) is `consent_revoked`.
 */
export function refreshTokenAuth(
  given: OAuthConnection,
  options: RefreshTokenOptions = {},
): ProbeAuth & { connection(): OAuthConnection } {
  const cache = options.cache ?? new TokenCache(1);
  const key = options.cacheKey ?? given.connectionId;
  const now = options.now ?? Date.now;
  const held = cache.get(key)?.connection;
  // This process may have rotated the token since the monitor's saved connection was read.
  let connection =
    held !== undefined && held.connectionId === given.connectionId && held.generation > given.generation
      ? held
      : given;
  const fresh = (token: CachedToken | undefined): token is CachedToken =>
    token !== undefined && now() < token.expiresAt;

  async function refresh(request: TokenRequest & { discovery: AuthDiscovery }): Promise<AccessToken> {
    const { discovery } = request;
    if (!sameIssuer(discovery.issuer, connection.issuer)) {
      throw new TokenError(
        `the server names the authorization server ${discovery.issuer}, not ${connection.issuer} the sign-in was made with: its refresh token was not sent`,
      );
    }
    if (request.insufficientScope) {
      throw new TokenError(
        `the server asks for scope "${request.scope ?? ''}", beyond what the sign-in consented to: connect again to grant it`,
      );
    }
    const { form, headers } = clientAuthentication(connection.client, connection.issuer);
    const body = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: connection.refreshToken,
      resource: connection.resource,
      ...form,
    });
    const answer = await request.post(discovery.tokenEndpoint, body, headers);
    const token = parseTokenResponse(answer.status, answer.body);
    if ('problem' in token) {
      const reason = `token endpoint ${discovery.tokenEndpoint} refused the refresh token: ${token.problem}`;
      if (token.error === 'invalid_grant') {
        cache.delete(key);
        throw new ConsentRevoked(reason);
      }
      throw new TokenError(reason);
    }
    if (token.refreshToken !== null && token.refreshToken !== connection.refreshToken) {
      connection = rotatedConnection(connection, token.refreshToken);
      options.onRotate?.(connection);
    }
    cache.set(key, {
      accessToken: token.accessToken,
      expiresAt: tokenExpiry(token.expiresIn, now()),
      scope: token.scope ?? connection.scope ?? '',
      discovery,
      connection,
    });
    return { accessToken: token.accessToken, discovery };
  }

  return {
    mode: 'sign_in',
    get secrets() {
      const client = connection.client;
      return [
        given.refreshToken,
        connection.refreshToken,
        ...(client.method === 'none' ? [] : [client.clientSecret]),
      ];
    },
    connection: () => connection,
    async accessToken(request) {
      const cached = cache.get(key);
      if (request.discovery === null)
        return fresh(cached) ? { accessToken: cached.accessToken, discovery: cached.discovery } : null;
      if (!request.forceRefresh && !request.insufficientScope && fresh(cached))
        return { accessToken: cached.accessToken, discovery: cached.discovery };
      return refresh({ ...request, discovery: request.discovery });
    },
  };
}
