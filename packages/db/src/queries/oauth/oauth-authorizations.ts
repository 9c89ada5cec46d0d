import type { OAuthConnectionSummary } from '@mcpulse/core';
import type { OAuthConnectionStatus } from '@mcpulse/core/domain';
import { and, eq, gt, isNotNull, lt } from 'drizzle-orm';
import type { Executor } from '../../database.js';
import { oauthAuthorizations } from '../../schema/index.js';

export type OAuthAuthorizationRow = typeof oauthAuthorizations.$inferSelect;
export type NewOAuthAuthorization = Omit<
  typeof oauthAuthorizations.$inferInsert,
  'status' | 'connectionSealed' | 'connection' | 'failure' | 'createdAt'
> & { id: string; createdAt: Date };

/** Who an authorization belongs to: the organisation and the very session that started it. */
export interface AuthorizationOwner {
  organizationId: string;
  sessionHash: string;
}

function ownedBy(owner: AuthorizationOwner, id: string) {
  return and(
    eq(oauthAuthorizations.id, id),
    eq(oauthAuthorizations.organizationId, owner.organizationId),
    eq(oauthAuthorizations.sessionHash, owner.sessionHash),
  );
}

export async function insertOAuthAuthorization(
  db: Pick<Executor, 'insert'>,
  row: NewOAuthAuthorization,
): Promise<void> {
  await db.insert(oauthAuthorizations).values(row);
}

/** Forgets authorizations past their expiry: a redirect that comes later finds nothing. */
export async function deleteExpiredOAuthAuthorizations(
  db: Pick<Executor, 'delete'>,
  now: Date,
): Promise<void> {
  await db.delete(oauthAuthorizations).where(lt(oauthAuthorizations.expiresAt, now));
}

/**
 * The authorization a redirect's `state` names, taken once: pending, not expired, and of the
 * session the redirect came with. Its state is cleared as it is taken, so a second redirect with
 * the same state finds nothing. Null when none matches.
 */
export async function takeOAuthAuthorization(
  db: Pick<Executor, 'update'>,
  stateHash: string,
  sessionHash: string,
  now: Date,
): Promise<OAuthAuthorizationRow | null> {
  const [taken] = await db
    .update(oauthAuthorizations)
    .set({ stateHash: null })
    .where(
      and(
        eq(oauthAuthorizations.stateHash, stateHash),
        eq(oauthAuthorizations.sessionHash, sessionHash),
        eq(oauthAuthorizations.status, 'pending'),
        gt(oauthAuthorizations.expiresAt, now),
      ),
    )
    .returning();
  return taken ?? null;
}

/** How a taken authorization ended; its sealed request is dropped either way. */
export type AuthorizationEnd =
  | { status: Extract<OAuthConnectionStatus, 'failed'>; failure: string }
  | {
      status: Extract<OAuthConnectionStatus, 'connected'>;
      connection: OAuthConnectionSummary;
      /** For a form not saved yet: the connection, sealed to this row until a monitor claims it. */
      connectionSealed: string | null;
      expiresAt: Date;
    };

export async function endOAuthAuthorization(
  db: Pick<Executor, 'update'>,
  id: string,
  end: AuthorizationEnd,
): Promise<void> {
  await db
    .update(oauthAuthorizations)
    .set(
      end.status === 'failed'
        ? { status: 'failed', failure: end.failure, requestSealed: null }
        : {
            status: 'connected',
            connection: end.connection,
            connectionSealed: end.connectionSealed,
            expiresAt: end.expiresAt,
            requestSealed: null,
          },
    )
    .where(eq(oauthAuthorizations.id, id));
}

/** One authorization of its owner (organisation and session), or null. */
export async function ownedOAuthAuthorization(
  db: Pick<Executor, 'select'>,
  owner: AuthorizationOwner,
  id: string,
): Promise<OAuthAuthorizationRow | null> {
  const [row] = await db.select().from(oauthAuthorizations).where(ownedBy(owner, id));
  return row ?? null;
}

/**
 * A connection made for a form not saved yet, claimed once by the monitor saved with it: the
 * row is deleted as it is read. Null when the owner has no such connection, or it expired.
 */
export async function claimOAuthConnection(
  db: Pick<Executor, 'delete'>,
  owner: AuthorizationOwner,
  id: string,
  now: Date,
): Promise<{ id: string; url: string; connectionSealed: string } | null> {
  const [claimed] = await db
    .delete(oauthAuthorizations)
    .where(
      and(
        ownedBy(owner, id),
        eq(oauthAuthorizations.status, 'connected'),
        isNotNull(oauthAuthorizations.connectionSealed),
        gt(oauthAuthorizations.expiresAt, now),
      ),
    )
    .returning({
      id: oauthAuthorizations.id,
      url: oauthAuthorizations.url,
      connectionSealed: oauthAuthorizations.connectionSealed,
    });
  return claimed?.connectionSealed ? { ...claimed, connectionSealed: claimed.connectionSealed } : null;
}
