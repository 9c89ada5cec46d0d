import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../database.js';
import { monitorPauses } from '../../schema/index.js';

/** Opens a pause window: uptime leaves the time from `now` until the window closes out. */
export async function openPause(tx: Pick<Executor, 'insert'>, monitorId: string, now: Date): Promise<void> {
  await tx.insert(monitorPauses).values({ monitorId, startedAt: now });
}

/** Closes the monitor's open pause window, if any. */
export async function closePause(tx: Pick<Executor, 'update'>, monitorId: string, now: Date): Promise<void> {
  await tx
    .update(monitorPauses)
    .set({ endedAt: now })
    .where(and(eq(monitorPauses.monitorId, monitorId), isNull(monitorPauses.endedAt)));
}
