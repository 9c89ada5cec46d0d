import { createPrivateKey, type KeyObject } from 'node:crypto';
import type { OAuthClientCredentials } from '@mcpulse/core';
import {
  type ClientAuthenticationParts,
  clientAuthentication,
  parseTokenResponse,
  type TokenClient,
} from './client-authentication.js';
import {
  type AccessToken,
  type AuthDiscovery,
  type ProbeAuth,
  TokenError,
  type TokenRequest,
} from './probe-auth.js';
import { type CachedToken, TokenCache, tokenExpiry } from './token-cache.js';

/** A monitor's OAuth client (the MCP client-credentials extension): RSA keys sign RS256, P-256 ES256. */
export type ClientCredentials = OAuthClientCredentials;

export interface ClientCredentialsOptions {
  cache?: TokenCache;
  /** The cache key: a monitor and the version of its credentials. */
  cacheKey?: string;
  now?: () => number;
}

/** The key of a `private_key_jwt` client, and the JWS algorithm it signs with. */
export function signingKey(pem: string): { key: KeyObject; alg: 'RS256' | 'ES256' } {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new TokenError('the private key is not a PEM private key');
  }
  if (key.asymmetricKeyType === 'rsa') return { key, alg: 'RS256' };
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1')
    return { key, alg: 'ES256' };
  throw new TokenError('the private key must be RSA or EC P-256');
}

/** How the monitor's client authenticates at the token endpoint (client-authentication.ts). */
function authenticationOf(credentials: ClientCredentials, issuer: string): ClientAuthenticationParts {
  const client: TokenClient =
    credentials.authMethod === 'private_key_jwt'
      ? {
          clientId: credentials.clientId,
          method: 'private_key_jwt',
          privateKeyPem: credentials.privateKey ?? '',
        }
      : {
          clientId: credentials.clientId,
          method: credentials.authMethod,
          clientSecret: credentials.clientSecret ?? '',
        };
  if (client.method === 'private_key_jwt') signingKey(client.privateKeyPem);
  return clientAuthentication(client, issuer);
}

function joinScopes(...lists: Array<string | null | undefined>): string {
  return [...new Set(lists.flatMap((list) => (list ?? '').split(' ')).filter(Boolean))].join(' ');
}

/**
 * A `ProbeAuth` for OAuth client credentials (RFC 6749 §4.4): tokens from the discovered token
 * endpoint, through the check's guarded POST, with `client_secret_basic`, `client_secret_post`
 * or `private_key_jwt`, the resource indicator (RFC 8707) and the configured scope (plus the one
 * a challenge names); cached until shortly before they expire, renewed after a 401.
 */
export function clientCredentialsAuth(
  credentials: ClientCredentials,
  options: ClientCredentialsOptions = {},
): ProbeAuth {
  const cache = options.cache ?? new TokenCache(1);
  const key = options.cacheKey ?? credentials.clientId;
  const now = options.now ?? Date.now;
  const fresh = (token: CachedToken | undefined) => token !== undefined && now() < token.expiresAt;

  async function requestToken(request: TokenRequest & { discovery: AuthDiscovery }): Promise<AccessToken> {
    const { discovery } = request;
    const pinned = credentials.issuer;
    if (pinned !== undefined && pinned.replace(/\/$/, '') !== discovery.issuer.replace(/\/$/, '')) {
      throw new TokenError(
        `the server names the authorization server ${discovery.issuer}, not ${pinned} the credentials belong to: they were not sent`,
      );
    }
    const scope = joinScopes(credentials.scope, cache.get(key)?.scope, request.scope);
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (scope) form.set('scope', scope);
    form.set('resource', discovery.resource);
    const { form: client, headers } = authenticationOf(credentials, discovery.issuer);
    for (const [name, value] of Object.entries(client)) form.set(name, value);
    const answer = await request.post(discovery.tokenEndpoint, form, headers);
    const token = parseTokenResponse(answer.status, answer.body);
    if ('problem' in token) {
      cache.delete(key);
      const refused = answer.status < 200 || answer.status > 299;
      throw new TokenError(
        `token endpoint ${discovery.tokenEndpoint} ${refused ? 'refused the client' : 'answered'}: ${token.problem}`,
      );
    }
    cache.set(key, {
      accessToken: token.accessToken,
      expiresAt: tokenExpiry(token.expiresIn, now()),
      scope,
      discovery,
    });
    return { accessToken: token.accessToken, discovery };
  }

  return {
    secrets: [credentials.clientSecret, credentials.privateKey].filter(
      (value): value is string => value !== undefined && value !== '',
    ),
    async accessToken(request) {
      const cached = cache.get(key);
      if (request.discovery === null) {
        return fresh(cached) && cached
          ? { accessToken: cached.accessToken, discovery: cached.discovery }
          : null;
      }
      if (!request.forceRefresh && !request.insufficientScope && fresh(cached) && cached) {
        return { accessToken: cached.accessToken, discovery: cached.discovery };
      }
      return requestToken({ ...request, discovery: request.discovery });
    },
  };
}
