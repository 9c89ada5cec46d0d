import { type Db, sessions } from '@mcpulse/db';
import { eq } from 'drizzle-orm';
import { sha256 } from '../../auth/tokens.js';

export async function logOut(db: Db, sessionToken: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, sha256(sessionToken)));
}
