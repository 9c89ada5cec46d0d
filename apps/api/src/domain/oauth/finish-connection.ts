import { randomUUID } from 'node:crypto';
import {
  connectionSummary,
  type OAuthConnection,
  sealMonitorConnection,
  sealOAuthConnection,
  secretScrubber,
  storableText,
  unseal,
  unsealMonitorHeaders,
} from '@mcpulse/core';
import { OAUTH_CONNECTION_LIMITS } from '@mcpulse/core/domain';
import {
  endOAuthAuthorization,
  inTransaction,
  monitorSchemaHash,
  type OAuthAuthorizationRow,
  ownedMonitor,
  takeOAuthAuthorization,
  updateOwnedMonitor,
} from '@mcpulse/db';
import { exchangeCode, SignInError } from '@mcpulse/probe';
import { sha256 } from '../../auth/tokens.js';
import { checkAtOnce } from '../monitors/check-at-once.js';
import { type AuthorizationRequestState, authorizationContext } from './authorization-request.js';
import type { OAuthDeps } from './oauth-deps.js';
import { signInNetwork } from './public-client.js';

/** What the authorization server's redirect carries (RFC 6749 §4.1.2, RFC 9207's `iss`). */
export interface CallbackQuery {
  state?: string | undefined;
  code?: string | undefined;
  error?: string | undefined;
  error_description?: string | undefined;
  iss?: string | undefined;
}

/** Where the browser goes when no authorization of its session matches the redirect. */
const NO_AUTHORIZATION = '/oauth/done?error=invalid_state';

/** Where the browser goes once the authorization ended: the monitor, or the page the form waits on. */
function pageOf(row: OAuthAuthorizationRow): string {
  return row.monitorId ? `/monitors/${row.monitorId}?oauth=${row.id}` : `/oauth/done?connection=${row.id}`;
}

/** The connection a code gets: the code exchanged (with the PKCE verifier) for a refresh token. */
async function exchange(
  deps: OAuthDeps,
  request: AuthorizationRequestState,
  query: CallbackQuery,
  now: Date,
): Promise<OAuthConnection> {
  if (query.error !== undefined)
    throw new SignInError(
      `the authorization server refused: ${query.error}${query.error_description ? ` (${query.error_description})` : ''}`,
    );
  // RFC 9207: a server that names itself must be the one the request went to (mix-up attacks).
  if (query.iss !== undefined && query.iss.replace(/\/$/, '') !== request.server.issuer.replace(/\/$/, ''))
    throw new SignInError(`the redirect names the issuer ${query.iss}, not ${request.server.issuer}`);
  if (!query.code) throw new SignInError('the redirect carries no code');
  const token = await exchangeCode(signInNetwork(deps), request.server, request.client, {
    code: query.code,
    redirectUri: request.redirectUri,
    verifier: request.verifier,
    resource: request.resource,
  });
  if (token.refreshToken === null)
    throw new SignInError(
      'the authorization server issued no refresh token, so a monitor cannot keep the sign-in (it may want the offline_access scope)',
    );
  if (token.refreshToken.length > OAUTH_CONNECTION_LIMITS.refreshTokenChars)
    throw new SignInError(
      `the refresh token is longer than ${OAUTH_CONNECTION_LIMITS.refreshTokenChars} characters`,
    );
  return {
    connectionId: randomUUID(),
    generation: 0,
    issuer: request.server.issuer,
    resource: request.resource,
    scope: token.scope ?? request.scope,
    client: request.client,
    registration: request.registration,
    refreshToken: token.refreshToken,
    connectedAt: now.toISOString(),
  };
}

/**
 * The monitor takes the connection, in place of OAuth client credentials, unless it changed in a
 * way the sign-in no longer fits: deleted, moved to another URL, or given an Authorization header.
 */
async function connectMonitor(
  deps: OAuthDeps,
  row: OAuthAuthorizationRow & { monitorId: string },
  connection: OAuthConnection,
  now: Date,
): Promise<void> {
  const saved = await inTransaction(deps.db, async (tx) => {
    const monitor = await ownedMonitor(tx, row.organizationId, row.monitorId, { forUpdate: true });
    if (!monitor) throw new SignInError('the monitor was deleted meanwhile');
    if (monitor.url !== row.url) throw new SignInError("the monitor's URL changed since the sign-in began");
    const headers = unsealMonitorHeaders(deps.secretKey, monitor.id, monitor.headersSealed);
    if (Object.keys(headers).some((name) => name.toLowerCase() === 'authorization'))
      throw new SignInError('the monitor sends an Authorization header of its own: remove it, then connect');
    const updated = await updateOwnedMonitor(tx, row.organizationId, monitor.id, {
      ...sealMonitorConnection(deps.secretKey, monitor.id, connection),
      oauthSealed: null,
      oauthClient: null,
      updatedAt: now,
    });
    return updated === null ? null : { updated, knownSchemaHash: await monitorSchemaHash(tx, monitor.id) };
  });
  if (saved === null) throw new SignInError('the monitor was deleted meanwhile');
  deps.onMonitorChanged?.(saved.updated.id);
  if (!saved.updated.paused) await checkAtOnce(deps, saved.updated, saved.knownSchemaHash, now);
}

/**
 * The redirect back from the authorization server (`/api/v1/oauth/callback`): the authorization
 * its `state` names, of the browser's own session, pending and not expired, is taken once; its
 * code is exchanged for a refresh token, which is sealed on the monitor (or kept, sealed, for the
 * form that started it). Answers where to send the browser; a failure is kept for the page to say.
 */
export async function finishConnection(
  deps: OAuthDeps,
  sessionHash: string | null,
  query: CallbackQuery,
  now: Date,
): Promise<string> {
  if (sessionHash === null || !query.state) return NO_AUTHORIZATION;
  const row = await takeOAuthAuthorization(deps.db, sha256(query.state), sessionHash, now);
  if (row === null || row.requestSealed === null) return NO_AUTHORIZATION;
  const request = JSON.parse(
    unseal(deps.secretKey, row.requestSealed, authorizationContext(row.id)),
  ) as AuthorizationRequestState;
  const secrets = [
    request.verifier,
    ...(query.code ? [query.code] : []),
    ...(request.client.method === 'none' ? [] : [request.client.clientSecret]),
  ];
  try {
    const connection = await exchange(deps, request, query, now);
    secrets.push(connection.refreshToken);
    if (row.monitorId !== null) {
      await connectMonitor(deps, { ...row, monitorId: row.monitorId }, connection, now);
      await endOAuthAuthorization(deps.db, row.id, {
        status: 'connected',
        connection: connectionSummary(connection),
        connectionSealed: null,
        expiresAt: row.expiresAt,
      });
    } else {
      await endOAuthAuthorization(deps.db, row.id, {
        status: 'connected',
        connection: connectionSummary(connection),
        connectionSealed: sealOAuthConnection(deps.secretKey, authorizationContext(row.id), connection),
        expiresAt: new Date(now.getTime() + OAUTH_CONNECTION_LIMITS.unclaimedMs),
      });
    }
  } catch (error) {
    if (!(error instanceof SignInError)) throw error;
    await endOAuthAuthorization(deps.db, row.id, {
      status: 'failed',
      failure: storableText(error.message, OAUTH_CONNECTION_LIMITS.failureChars, secretScrubber(secrets)),
    });
  }
  return pageOf(row);
}
