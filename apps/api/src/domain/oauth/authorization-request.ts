import type { OAuthConnectionClient } from '@mcpulse/core';
import type { OAuthClientRegistration } from '@mcpulse/core/domain';
import type { AuthorizationServer, TokenClient } from '@mcpulse/probe';
import { SignInError } from '@mcpulse/probe';

/** What the callback needs of the authorization request it answers; sealed to the authorization's row. */
export interface AuthorizationRequestState {
  verifier: string;
  redirectUri: string;
  server: AuthorizationServer;
  client: OAuthConnectionClient;
  registration: OAuthClientRegistration;
  resource: string;
  scope: string | null;
}

/** Sealed values of an authorization open only for its own row. */
export function authorizationContext(id: string): string {
  return `oauth-authorization:${id}`;
}

/** A sign-in's client as a connection keeps it: public, or with its secret (never a private key here). */
export function connectionClient(client: TokenClient): OAuthConnectionClient {
  if (client.method === 'private_key_jwt')
    throw new SignInError('a client that signs with a private key cannot be connected from the dashboard');
  return client;
}

/**
 * The scope a connection asks for: the spec's choice (the challenge's, else the scopes the server
 * supports, plus the person's), and `offline_access` when the authorization server supports it,
 * since a monitor keeps the sign-in with its refresh token.
 */
export function withOfflineAccess(
  scope: string | null,
  serverMetadata: Readonly<Record<string, unknown>>,
): string | null {
  const supported = serverMetadata.scopes_supported;
  if (!Array.isArray(supported) || !supported.includes('offline_access')) return scope;
  const scopes = new Set((scope ?? '').split(' ').filter(Boolean));
  scopes.add('offline_access');
  return [...scopes].join(' ');
}
