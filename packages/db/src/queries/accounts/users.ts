import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../database.js';
import { users } from '../../schema/index.js';

/** The user whose e-mail is `email` in any case; `email` comes trimmed and lower-cased. */
export async function userByEmail(
  db: Pick<Executor, 'select'>,
  email: string,
): Promise<{ id: string; passwordHash: string } | null> {
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`)
    .limit(1);
  return user ?? null;
}

/** A user as their account page shows them: never the password hash. */
export async function userById(
  db: Pick<Executor, 'select'>,
  userId: string,
): Promise<{ id: string; email: string; name: string } | null> {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(eq(users.id, userId));
  return user ?? null;
}

export async function setPasswordHash(
  db: Pick<Executor, 'update'>,
  userId: string,
  passwordHash: string,
): Promise<void> {
  await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
}
