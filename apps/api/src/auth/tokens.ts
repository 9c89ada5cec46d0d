import { createHash, randomBytes } from 'node:crypto';

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** A random bearer secret with a recognisable prefix (so leaked keys are easy to find and revoke). */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export const API_KEY_PREFIX = 'mcpk';
/** How much of an API key is shown in lists. */
export const API_KEY_VISIBLE_LENGTH = API_KEY_PREFIX.length + 9;
