import type { ApiKeyScope } from '@mcpulse/core/domain';
import { type ApiKeyView, type Db, insertApiKey } from '@mcpulse/db';
import type { Principal } from '../../auth/principal.js';
import { API_KEY_PREFIX, API_KEY_VISIBLE_LENGTH, newSecret, sha256 } from '../../auth/tokens.js';

export interface CreateApiKeyInput {
  name: string;
  scope: ApiKeyScope;
}

export interface CreatedApiKey {
  apiKey: ApiKeyView;
  /** Returned once and never stored: only its hash is kept, so a lost key is replaced, not recovered. */
  secret: string;
}

export async function createApiKey(
  db: Db,
  principal: Principal,
  input: CreateApiKeyInput,
): Promise<CreatedApiKey> {
  const secret = newSecret(API_KEY_PREFIX);
  const apiKey = await insertApiKey(db, {
    organizationId: principal.organizationId,
    name: input.name.trim(),
    prefix: secret.slice(0, API_KEY_VISIBLE_LENGTH),
    keyHash: sha256(secret),
    scope: input.scope,
    createdBy: principal.userId,
  });
  return { apiKey, secret };
}
