import { eq } from 'drizzle-orm';
import type { Executor } from './database.js';
import { lastChecksIn } from './reads/directory-audit.js';
import { directoryAuditDays } from './schema/index.js';

const DAY_MS = 86_400_000;

function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * Writes one UTC day of the audit's daily series: every directory monitor checked that day,
 * in the bucket of its last check of the day. A day without any check is left as it stands,
 * so a day whose raw results are gone keeps what was written while they existed.
 */
export async function writeAuditDay(db: Executor, dayStart: Date): Promise<number> {
  const checks = await lastChecksIn(db, dayStart, new Date(dayStart.getTime() + DAY_MS));
  if (checks.length === 0) return 0;
  const counts = new Map<
    string,
    { bucket: (typeof checks)[number]['bucket']; errorCode: string; n: number }
  >();
  for (const check of checks) {
    const errorCode = check.errorCode ?? '';
    const key = `${check.bucket}\u0000${errorCode}`;
    const count = counts.get(key) ?? { bucket: check.bucket, errorCode, n: 0 };
    count.n += 1;
    counts.set(key, count);
  }
  const day = dayOf(dayStart);
  await db.transaction(async (tx) => {
    await tx.delete(directoryAuditDays).where(eq(directoryAuditDays.day, day));
    await tx
      .insert(directoryAuditDays)
      .values(
        [...counts.values()].map(({ bucket, errorCode, n }) => ({ day, bucket, errorCode, endpoints: n })),
      );
  });
  return checks.length;
}

/**
 * The leader's upkeep of the daily series: today so far, and yesterday again, so the day that
 * just ended is counted up to its last check whenever the previous run was. Idempotent.
 */
export async function upkeepAuditDays(
  db: Executor,
  now: Date,
): Promise<{ day: string; endpoints: number }[]> {
  const today = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  const written: { day: string; endpoints: number }[] = [];
  for (const start of [new Date(today.getTime() - DAY_MS), today]) {
    written.push({ day: dayOf(start), endpoints: await writeAuditDay(db, start) });
  }
  return written;
}
