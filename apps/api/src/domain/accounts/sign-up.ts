import { Conflict } from '@mcpulse/core';
import { type Db, insertOwnerAccount, inTransaction, userByEmail } from '@mcpulse/db';
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
  return inTransaction(db, async (tx) => {
    if (await userByEmail(tx, email)) throw new Conflict('an account with this email already exists');
    const { userId, organizationId } = await insertOwnerAccount(tx, {
      email,
      name: input.name?.trim() ?? '',
      passwordHash,
      organizationName: input.organizationName?.trim() || `${email.split('@')[0]}'s organisation`,
    });
    const session = await openSession(tx, userId, organizationId, now);
    return { ...session, userId };
  });
}
