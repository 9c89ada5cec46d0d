import { apiKeys, type Db, liveSession } from '@mcpulse/db';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Principal } from './principal.js';
import { API_KEY_PREFIX, sha256 } from './tokens.js';

export const SESSION_COOKIE = 'mcpulse_session';
const LAST_USED_RESOLUTION_MS = 60_000;

async function fromApiKey(db: Db, token: string, now: Date): Promise<Principal | null> {
  if (!token.startsWith(`${API_KEY_PREFIX}_`)) return null;
  const [key] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, sha256(token)), isNull(apiKeys.revokedAt)))
    .limit(1);
  if (!key) return null;
  const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  await db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(and(eq(apiKeys.id, key.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, stale))));
  return {
    kind: 'api_key',
    organizationId: key.organizationId,
    userId: null,
    scope: key.scope,
    apiKeyId: key.id,
    csrfToken: null,
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
