import { type OAuthConnection, unsealOAuthConnection, ValidationFailed } from '@mcpulse/core';
import { claimOAuthConnection, type Executor, ownedOAuthAuthorization } from '@mcpulse/db';
import type { Principal } from '../../auth/principal.js';
import { authorizationContext } from './authorization-request.js';
import type { OAuthDeps } from './oauth-deps.js';
import { sessionOwner } from './start-connection.js';

function notUsable(why: string): ValidationFailed {
  return new ValidationFailed('oauthConnection', `oauthConnection: ${why}`);
}

/**
 * The connection a form made before saving (`oauthConnection`): of the caller's session, connected,
 * not expired, and made for the very URL being saved. Read, not yet claimed: a check may use it
 * before the monitor is saved (`claimConnection` takes it then).
 */
export async function connectionForForm(
  deps: Pick<OAuthDeps, 'db' | 'secretKey'>,
  principal: Principal,
  id: string,
  url: string,
  now: Date,
): Promise<OAuthConnection> {
  const row = await ownedOAuthAuthorization(deps.db, sessionOwner(principal), id);
  if (row?.status !== 'connected' || row.connectionSealed === null || row.expiresAt <= now)
    throw notUsable(
      'no connection of this session by that id is connected and waiting to be saved: connect again',
    );
  if (row.url !== url) throw notUsable(`the connection was made for ${row.url}, not this URL: connect again`);
  return unsealOAuthConnection(deps.secretKey, authorizationContext(row.id), row.connectionSealed);
}

/** Takes the form's connection for the monitor being saved, once; a second save with it is refused. */
export async function claimConnection(
  tx: Executor,
  principal: Principal,
  id: string,
  now: Date,
): Promise<void> {
  if ((await claimOAuthConnection(tx, sessionOwner(principal), id, now)) === null)
    throw notUsable('the connection was saved with another monitor meanwhile, or expired: connect again');
}
