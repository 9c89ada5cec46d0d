import type { ApiKeyScope } from '@mcpulse/core/domain';
import { apiKeys, type Db } from '@mcpulse/db';
import { desc, eq } from 'drizzle-orm';
import type { Principal } from '../../auth/principal.js';

/** An API key as its owners may see it: never the secret, never its hash. */
export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  scope: ApiKeyScope;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** The columns behind `ApiKeyView`, so no query selects the hash by accident. */
export const apiKeyViewColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  scope: apiKeys.scope,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

/** Revoked keys stay listed (with `revokedAt`) so a person can tell which key was used when. */
export async function listApiKeys(db: Db, principal: Principal): Promise<ApiKeyView[]> {
  return db
    .select(apiKeyViewColumns)
    .from(apiKeys)
    .where(eq(apiKeys.organizationId, principal.organizationId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}
