import { Unauthenticated } from '@mcpulse/core';
import { type Db, memberships, users } from '@mcpulse/db';
import { asc, eq, sql } from 'drizzle-orm';
import { DUMMY_PASSWORD_HASH, verifyPassword } from '../../auth/passwords.js';
import { type OpenedSession, openSession } from './open-session.js';

/** One answer for a wrong email and a wrong password, and the same work for both. */
export async function logIn(db: Db, email: string, password: string, now: Date): Promise<OpenedSession> {
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`)
    .limit(1);
  const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!user || !valid) throw new Unauthenticated('wrong email or password');
  const [membership] = await db
    .select()
    .from(memberships)
    .where(eq(memberships.userId, user.id))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  if (!membership) throw new Unauthenticated('this account belongs to no organisation');
  return openSession(db, user.id, membership.organizationId, now);
}
