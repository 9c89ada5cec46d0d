import { randomBytes } from 'node:crypto';
import { type Executor, insertSession } from '@mcpulse/db';
import { newSecret, sha256 } from '../../auth/tokens.js';

export const SESSION_TTL_MS = 30 * 24 * 3_600_000;

export interface OpenedSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function openSession(
  db: Executor,
  userId: string,
  organizationId: string,
  now: Date,
): Promise<OpenedSession> {
  const token = newSecret('mcps');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await insertSession(db, { tokenHash: sha256(token), userId, organizationId, csrfToken, expiresAt });
  return { token, csrfToken, expiresAt };
}
