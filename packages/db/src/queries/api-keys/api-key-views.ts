import type { ApiKeyScope } from '@mcpulse/core/domain';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../database.js';
import { apiKeys } from '../../schema/index.js';

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

export interface NewApiKey {
  organizationId: string;
  name: string;
  prefix: string;
  keyHash: string;
  scope: ApiKeyScope;
  createdBy: string | null;
}

/** The columns behind `ApiKeyView`, so no query selects the hash by accident. */
const viewColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  scope: apiKeys.scope,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

export async function insertApiKey(db: Pick<Executor, 'insert'>, key: NewApiKey): Promise<ApiKeyView> {
  const [apiKey] = await db.insert(apiKeys).values(key).returning(viewColumns);
  if (!apiKey) throw new Error('insert returned no row');
  return apiKey;
}

/** Every key of `organizationId`, revoked ones included, newest first. */
export async function listApiKeyViews(
  db: Pick<Executor, 'select'>,
  organizationId: string,
): Promise<ApiKeyView[]> {
  return db
    .select(viewColumns)
    .from(apiKeys)
    .where(eq(apiKeys.organizationId, organizationId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

/**
 * Revokes one key of `organizationId` at `now`: `revoked`, `already_revoked`
 * (its first revocation stands), or `missing` when it has none by that id.
 */
export async function revokeOwnedApiKey(
  db: Pick<Executor, 'select' | 'update'>,
  organizationId: string,
  apiKeyId: string,
  now: Date,
): Promise<'revoked' | 'already_revoked' | 'missing'> {
  const owned = and(eq(apiKeys.id, apiKeyId), eq(apiKeys.organizationId, organizationId));
  const [revoked] = await db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(owned, isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  if (revoked) return 'revoked';
  const [existing] = await db.select({ id: apiKeys.id }).from(apiKeys).where(owned).limit(1);
  return existing ? 'already_revoked' : 'missing';
}
