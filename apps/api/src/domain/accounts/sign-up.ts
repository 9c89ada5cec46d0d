import { Conflict } from '@mcpulse/core';
import { type Db, memberships, organizations, users } from '@mcpulse/db';
import { sql } from 'drizzle-orm';
import { hashPassword } from '../../auth/passwords.js';
import { type OpenedSession, openSession } from './open-session.js';

export interface SignUpInput {
  email: string;
  password: string;
  name?: string | undefined;
  organizationName?: string | undefined;
}

/** Creates the user, their own organisation on the free plan, and a first session, in one transaction. */
export async function signUp(
  db: Db,
  input: SignUpInput,
  now: Date,
): Promise<OpenedSession & { userId: string }> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = ${email}`)
      .limit(1);
    if (existing) throw new Conflict('an account with this email already exists');
    const [user] = await tx
      .insert(users)
      .values({ email, name: input.name?.trim() ?? '', passwordHash })
      .returning({ id: users.id });
    const [organization] = await tx
      .insert(organizations)
      .values({ name: input.organizationName?.trim() || `${email.split('@')[0]}'s organisation` })
      .returning({ id: organizations.id });
    if (!user || !organization) throw new Error('insert returned no row');
    await tx.insert(memberships).values({ organizationId: organization.id, userId: user.id, role: 'owner' });
    const session = await openSession(tx, user.id, organization.id, now);
    return { ...session, userId: user.id };
  });
}
