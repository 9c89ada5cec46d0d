import { API_KEY_SCOPES } from '@mcpulse/core/domain';
import { z } from 'zod';
import type { AnswerOf, RequestOf } from './wire.js';

export const apiKeySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string().describe('The first characters of the key, to tell keys apart'),
    scope: z.enum(API_KEY_SCOPES),
    createdAt: z.date(),
    lastUsedAt: z.date().nullable(),
    revokedAt: z.date().nullable(),
  })
  .meta({ id: 'ApiKey' });

export const createApiKeyBody = z.object({
  name: z.string().trim().min(1).max(100),
  scope: z.enum(API_KEY_SCOPES).describe('`read` keys may only use GET; `write` keys may change things'),
});

export const createdApiKeySchema = z.object({
  apiKey: apiKeySchema,
  secret: z.string().describe('`mcpk_…`; send as `Authorization: Bearer …`. Shown once.'),
});

export const apiKeyListSchema = z.object({ apiKeys: z.array(apiKeySchema) });

export type ApiKey = AnswerOf<typeof apiKeySchema>;
export type ApiKeyList = AnswerOf<typeof apiKeyListSchema>;
export type CreateApiKeyBody = RequestOf<typeof createApiKeyBody>;
export type CreatedApiKey = AnswerOf<typeof createdApiKeySchema>;
