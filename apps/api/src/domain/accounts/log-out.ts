import { type Db, deleteSession } from '@mcpulse/db';
import { sha256 } from '../../auth/tokens.js';

export async function logOut(db: Db, sessionToken: string): Promise<void> {
  await deleteSession(db, sha256(sessionToken));
}
