import { NotFound } from '@mcpulse/core';
import { apiKeys, type Db } from '@mcpulse/db';
import { and, eq, isNull } from 'drizzle-orm';
import type { Principal } from '../../auth/principal.js';

/**
 * Revokes at once: authentication reads `revokedAt` on every request. Revoking
 * twice is a no-op rather than an error, so a retried DELETE still succeeds;
 * another organisation's key is reported missing, exactly like an unknown id.
 */
export async function revokeApiKey(db: Db, principal: Principal, id: string, now: Date): Promise<void> {
  const owned = and(eq(apiKeys.id, id), eq(apiKeys.organizationId, principal.organizationId));
  const [revoked] = await db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(owned, isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  if (revoked) return;
  const [existing] = await db.select({ id: apiKeys.id }).from(apiKeys).where(owned).limit(1);
  if (!existing) throw new NotFound('API key');
}
