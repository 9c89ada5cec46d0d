import { type ApiKeyView, type Db, listApiKeyViews } from '@mcpulse/db';
import type { Principal } from '../../auth/principal.js';

/** Revoked keys stay listed (with `revokedAt`) so a person can tell which key was used when. */
export async function listApiKeys(db: Db, principal: Principal): Promise<ApiKeyView[]> {
  return listApiKeyViews(db, principal.organizationId);
}
