import { activeApiKey, type Db, liveSession, markApiKeyUsed } from '@mcpulse/db';
import type { Principal } from './principal.js';
import { API_KEY_PREFIX, sha256 } from './tokens.js';

export const SESSION_COOKIE = 'mcpulse_session';
const LAST_USED_RESOLUTION_MS = 60_000;

async function fromApiKey(db: Db, token: string, now: Date): Promise<Principal | null> {
  if (!token.startsWith(`${API_KEY_PREFIX}_`)) return null;
  const key = await activeApiKey(db, sha256(token));
  if (!key) return null;
  await markApiKeyUsed(db, key.id, now, new Date(now.getTime() - LAST_USED_RESOLUTION_MS));
  return {
    kind: 'api_key',
    organizationId: key.organizationId,
    userId: null,
    scope: key.scope,
    apiKeyId: key.id,
    csrfToken: null,
    sessionHash: null,
  };
}

async function fromSession(db: Db, token: string, now: Date): Promise<Principal | null> {
  const session = await liveSession(db, sha256(token), now);
  if (!session) return null;
  return {
    kind: 'session',
    organizationId: session.organizationId,
    userId: session.userId,
    scope: 'write',
    apiKeyId: null,
    csrfToken: session.csrfToken,
    sessionHash: session.tokenHash,
  };
}

/** A bearer API key wins over a cookie; neither present or valid means anonymous (null). */
export async function resolvePrincipal(
  db: Db,
  authorization: string | undefined,
  sessionToken: string | undefined,
  now: Date,
): Promise<Principal | null> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (bearer) return fromApiKey(db, bearer, now);
  if (sessionToken) return fromSession(db, sessionToken, now);
  return null;
}
