import type { OAuthConnectionSummary } from '@mcpulse/core';
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../database.js';
import { monitors } from '../../schema/index.js';

/**
 * Keeps the refresh token an authorization server rotated, when it is newer than the saved one
 * of the same connection: a result that arrives late, or a second region's rotation of an older
 * token, never puts back a spent token, and a connection made since is never overwritten.
 * True when it was stored.
 */
export async function storeRotatedConnection(
  db: Pick<Executor, 'update'>,
  monitorId: string,
  sealed: string,
  summary: OAuthConnectionSummary,
): Promise<boolean> {
  const stored = await db
    .update(monitors)
    .set({ oauthConnectionSealed: sealed, oauthConnection: summary })
    .where(
      and(
        eq(monitors.id, monitorId),
        sql`${monitors.oauthConnection}->>'connectionId' = ${summary.connectionId}`,
        sql`coalesce((${monitors.oauthConnection}->>'generation')::integer, 0) < ${summary.generation}`,
      ),
    )
    .returning({ id: monitors.id });
  return stored.length > 0;
}
