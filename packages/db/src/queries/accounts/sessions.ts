import { and, eq, gt } from 'drizzle-orm';
import type { Executor } from '../../database.js';
import { sessions } from '../../schema/index.js';

export interface SessionRow {
  tokenHash: string;
  userId: string;
  organizationId: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function insertSession(db: Pick<Executor, 'insert'>, session: SessionRow): Promise<void> {
  await db.insert(sessions).values(session);
}

/** The session of this token hash, unless it has expired by `now`. */
export async function liveSession(
  db: Pick<Executor, 'select'>,
  tokenHash: string,
  now: Date,
): Promise<SessionRow | null> {
  const [session] = await db
    .select({
      tokenHash: sessions.tokenHash,
      userId: sessions.userId,
      organizationId: sessions.organizationId,
      csrfToken: sessions.csrfToken,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)))
    .limit(1);
  return session ?? null;
}

export async function deleteSession(db: Pick<Executor, 'delete'>, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}
