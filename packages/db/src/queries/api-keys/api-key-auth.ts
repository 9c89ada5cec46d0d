import type { ApiKeyScope } from '@mcpulse/core/domain';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Executor } from '../../database.js';
import { apiKeys } from '../../schema/index.js';

/** The unrevoked key of this hash, or null. */
export async function activeApiKey(
  db: Pick<Executor, 'select'>,
  keyHash: string,
): Promise<{ id: string; organizationId: string; scope: ApiKeyScope } | null> {
  const [key] = await db
    .select({ id: apiKeys.id, organizationId: apiKeys.organizationId, scope: apiKeys.scope })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)))
    .limit(1);
  return key ?? null;
}

/** Records the key's use at `now` unless it was recorded after `unlessSince`: one write per key and interval. */
export async function markApiKeyUsed(
  db: Pick<Executor, 'update'>,
  apiKeyId: string,
  now: Date,
  unlessSince: Date,
): Promise<void> {
  await db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(
      and(eq(apiKeys.id, apiKeyId), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, unlessSince))),
    );
}
