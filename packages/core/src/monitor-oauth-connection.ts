import type { OAuthClientRegistration } from './domain/probe-values.js';
import { seal, unseal } from './secret-box.js';

/** The client of an OAuth sign-in, as the token endpoint knows it: public, or with its secret. */
export type OAuthConnectionClient =
  | { clientId: string; method: 'none' }
  | { clientId: string; method: 'client_secret_basic' | 'client_secret_post'; clientSecret: string };

/**
 * A monitor's OAuth connection ("Connect with OAuth", docs/probe.md): the refresh token a person's
 * sign-in got, the client it was issued to and the authorization server that issued it. Sealed at
 * rest like the monitor's headers; only the summary is kept in clear.
 */
export interface OAuthConnection {
  /** New with every sign-in, kept across refresh token rotations: access tokens are cached under it. */
  connectionId: string;
  /** How many times the refresh token was rotated since the sign-in. */
  generation: number;
  /** The authorization server that issued the refresh token: it is never sent to another one. */
  issuer: string;
  /** The resource indicator (RFC 8707) the sign-in asked for. */
  resource: string;
  /** The scope the sign-in asked for, or null when it asked for none. */
  scope: string | null;
  client: OAuthConnectionClient;
  registration: OAuthClientRegistration;
  refreshToken: string;
  /** ISO time of the sign-in. */
  connectedAt: string;
}

/** What of a connection is kept in clear and answered by the API: never the token or a secret. */
export interface OAuthConnectionSummary {
  connectionId: string;
  /** Which rotation of the refresh token is saved: a newer one replaces an older one, never the reverse. */
  generation: number;
  issuer: string;
  clientId: string;
  registration: OAuthClientRegistration;
  scope: string | null;
  connectedAt: string;
}

export function connectionSummary(connection: OAuthConnection): OAuthConnectionSummary {
  return {
    connectionId: connection.connectionId,
    generation: connection.generation,
    issuer: connection.issuer,
    clientId: connection.client.clientId,
    registration: connection.registration,
    scope: connection.scope,
    connectedAt: connection.connectedAt,
  };
}

/** The sealing context of a monitor's connection: a sealed value opens only for its monitor. */
export function monitorConnectionContext(monitorId: string): string {
  return `monitor-oauth-connection:${monitorId}`;
}

/** Seals a connection to a context (a monitor's, or an authorization's before a monitor exists). */
export function sealOAuthConnection(secretKey: Buffer, context: string, connection: OAuthConnection): string {
  return seal(secretKey, JSON.stringify(connection), context);
}

export function unsealOAuthConnection(secretKey: Buffer, context: string, sealed: string): OAuthConnection {
  return JSON.parse(unseal(secretKey, sealed, context)) as OAuthConnection;
}

/** The columns a monitor keeps of its connection: sealed, and its summary in clear. */
export function sealMonitorConnection(
  secretKey: Buffer,
  monitorId: string,
  connection: OAuthConnection | null,
): { oauthConnectionSealed: string | null; oauthConnection: OAuthConnectionSummary | null } {
  if (connection === null) return { oauthConnectionSealed: null, oauthConnection: null };
  return {
    oauthConnectionSealed: sealOAuthConnection(secretKey, monitorConnectionContext(monitorId), connection),
    oauthConnection: connectionSummary(connection),
  };
}

export function unsealMonitorConnection(
  secretKey: Buffer,
  monitorId: string,
  sealed: string | null,
): OAuthConnection | null {
  return sealed === null
    ? null
    : unsealOAuthConnection(secretKey, monitorConnectionContext(monitorId), sealed);
}

/** The connection after the authorization server rotated its refresh token (RFC 6749 §6). */
export function rotatedConnection(connection: OAuthConnection, refreshToken: string): OAuthConnection {
  return { ...connection, refreshToken, generation: connection.generation + 1 };
}

/**
 * A rotated connection as it travels to be saved: sealed to its monitor, with its summary, whose
 * generation decides whether it is newer than the saved one.
 */
export function sealedRotation(
  secretKey: Buffer,
  monitorId: string,
  connection: OAuthConnection,
): { sealed: string; connection: OAuthConnectionSummary } {
  return {
    sealed: sealOAuthConnection(secretKey, monitorConnectionContext(monitorId), connection),
    connection: connectionSummary(connection),
  };
}
