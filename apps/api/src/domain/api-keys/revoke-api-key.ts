import { NotFound } from '@mcpulse/core';
import { type Db, revokeOwnedApiKey } from '@mcpulse/db';
import type { Principal } from '../../auth/principal.js';

/**
 * Revokes at once: authentication reads `revokedAt` on every request. Revoking
 * twice is a no-op rather than an error, so a retried DELETE still succeeds;
 * another organisation's key is reported missing, exactly like an unknown id.
 */
export async function revokeApiKey(db: Db, principal: Principal, id: string, now: Date): Promise<void> {
  const outcome = await revokeOwnedApiKey(db, principal.organizationId, id, now);
  if (outcome === 'missing') throw new NotFound('API key');
}
