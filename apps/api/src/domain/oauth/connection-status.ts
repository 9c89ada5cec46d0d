import { NotFound, type OAuthConnectionSummary } from '@mcpulse/core';
import type { OAuthConnectionStatus } from '@mcpulse/core/domain';
import { ownedOAuthAuthorization } from '@mcpulse/db';
import type { Principal } from '../../auth/principal.js';
import type { OAuthDeps } from './oauth-deps.js';
import { sessionOwner } from './start-connection.js';

export interface ConnectionState {
  id: string;
  status: OAuthConnectionStatus;
  monitorId: string | null;
  url: string;
  /** Never the tokens: the summary kept in clear. */
  connection: OAuthConnectionSummary | null;
  failure: string | null;
  expiresAt: Date;
}

/**
 * Where a connection of the caller's session stands, for the page that waits on it: pending until
 * the browser comes back (failed once it can no longer), connected, or failed and why. Another
 * session's connection reads exactly like a missing one.
 */
export async function connectionState(
  deps: Pick<OAuthDeps, 'db'>,
  principal: Principal,
  id: string,
  now: Date,
): Promise<ConnectionState> {
  const row = await ownedOAuthAuthorization(deps.db, sessionOwner(principal), id);
  if (!row) throw new NotFound('connection');
  const expired = row.status === 'pending' && row.expiresAt <= now;
  return {
    id: row.id,
    status: expired ? 'failed' : row.status,
    monitorId: row.monitorId,
    url: row.url,
    connection: row.connection,
    failure: expired
      ? 'no redirect came back from the authorization server in time: connect again'
      : row.failure,
    expiresAt: row.expiresAt,
  };
}
