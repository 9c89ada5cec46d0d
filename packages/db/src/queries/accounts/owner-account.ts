import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../database.js';
import { memberships, organizations, users } from '../../schema/index.js';

export interface NewOwnerAccount {
  email: string;
  name: string;
  passwordHash: string;
  organizationName: string;
}

/** A user, a new organisation on the default plan, and the user's membership as its owner. */
export async function insertOwnerAccount(
  tx: Pick<Executor, 'insert'>,
  account: NewOwnerAccount,
): Promise<{ userId: string; organizationId: string }> {
  const [user] = await tx
    .insert(users)
    .values({ email: account.email, name: account.name, passwordHash: account.passwordHash })
    .returning({ id: users.id });
  const [organization] = await tx
    .insert(organizations)
    .values({ name: account.organizationName })
    .returning({ id: organizations.id });
  if (!user || !organization) throw new Error('insert returned no row');
  await tx.insert(memberships).values({ organizationId: organization.id, userId: user.id, role: 'owner' });
  return { userId: user.id, organizationId: organization.id };
}

/** The organisation the user joined first, or null when they belong to none. */
export async function firstOrganizationOf(
  db: Pick<Executor, 'select'>,
  userId: string,
): Promise<string | null> {
  const [membership] = await db
    .select({ organizationId: memberships.organizationId })
    .from(memberships)
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  return membership?.organizationId ?? null;
}
