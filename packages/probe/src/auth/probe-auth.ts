import type { JsonObject } from '../wire/json-rpc.js';

/**
 * What OAuth discovery found for the monitored server (docs/probe.md, "Authorization"): the
 * protected resource metadata (RFC 9728) and the metadata of its first authorization server
 * (RFC 8414 or OpenID discovery), as parsed JSON, besides the fields the probe reads.
 */
export interface AuthDiscovery {
  resourceMetadataUrl: string;
  resource: string;
  authorizationServers: string[];
  scopesSupported: string[];
  issuer: string;
  tokenEndpoint: string;
  /** The documents as the servers sent them, for a token provider that needs more of them. */
  resourceMetadata: JsonObject;
  authorizationServerMetadata: JsonObject;
}

/** A token endpoint's answer, read under the check's limits (at most 64 KiB of body). */
export interface TokenEndpointResponse {
  status: number;
  contentType: string;
  body: string;
}

/**
 * A form POST under the check's network rules (address policy, DNS pinning, redirects, the
 * check's deadline), carrying neither the monitor's headers nor the access token. A network
 * failure is thrown as a `TokenError`; the check's deadline ends the check as a timeout.
 */
export type TokenEndpointPost = (
  url: string,
  form: URLSearchParams,
  headers: Record<string, string>,
) => Promise<TokenEndpointResponse>;

export interface TokenRequest {
  /**
   * This check's discovery; null before the server asked for authorization, when the provider
   * may answer from its cache (it must then return the discovery its token was obtained under).
   */
  discovery: AuthDiscovery | null;
  /** The token last sent was refused with 401: do not return it again. */
  forceRefresh: boolean;
  /**
   * Scope the server's challenge named, when it named one: with `insufficient_scope` (HTTP 403)
   * the token sent lacked it, and the provider must ask for it (step-up).
   */
  scope: string | null;
  /** The step-up case: the server answered 403 `insufficient_scope`. */
  insufficientScope: boolean;
  /** How to reach the token endpoint: never global fetch. */
  post: TokenEndpointPost;
}

export interface AccessToken {
  accessToken: string;
  /** The discovery the token was obtained under (the request's, or the cached one). */
  discovery: AuthDiscovery;
}

/**
 * How a check gets an OAuth access token (`ProbeOptions.auth`). The probe calls `accessToken`
 * once before its first request with `discovery: null` (a cached token, or null), then after a
 * 401 or a 403 `insufficient_scope` from the MCP endpoint, with the discovery: at most once to
 * refresh after a 401 and once to step up, per check.
 */
export interface ProbeAuth {
  accessToken(request: TokenRequest): Promise<AccessToken | null>;
  /** Values to scrub from everything the check keeps (a client secret, an assertion key). */
  readonly secrets: readonly string[];
  /**
   * Where the tokens come from, as the result's `auth.mode` says: client credentials (the
   * default), or a person's sign-in (the refresh token of "Connect with OAuth", the CLI's `--oauth`).
   */
  readonly mode?: 'credentials' | 'sign_in';
}

/** A token endpoint failure (`token_error`): the message says which and why, without secrets. */
export class TokenError extends Error {
  override readonly name: string = 'TokenError';
}

/**
 * The authorization server refused the sign-in's refresh token (`invalid_grant`): the person
 * revoked the consent, or it expired. Only signing in again helps (`consent_revoked`).
 */
export class ConsentRevoked extends TokenError {
  override readonly name = 'ConsentRevoked';
}
