import { Unauthenticated } from '@mcpulse/core';
import { type Db, firstOrganizationOf, userByEmail } from '@mcpulse/db';
import { DUMMY_PASSWORD_HASH, verifyPassword } from '../../auth/passwords.js';
import { type OpenedSession, openSession } from './open-session.js';

/** One answer for a wrong email and a wrong password, and the same work for both. */
export async function logIn(db: Db, email: string, password: string, now: Date): Promise<OpenedSession> {
  const user = await userByEmail(db, email.trim().toLowerCase());
  const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!user || !valid) throw new Unauthenticated('wrong email or password');
  const organizationId = await firstOrganizationOf(db, user.id);
  if (!organizationId) throw new Unauthenticated('this account belongs to no organisation');
  return openSession(db, user.id, organizationId, now);
}
