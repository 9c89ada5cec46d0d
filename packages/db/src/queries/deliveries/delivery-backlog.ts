import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../database.js';

export interface DeliveryBacklog {
  /** Deliveries not yet delivered nor given up, whether their next attempt is due or not. */
  pending: number;
  /** Of those, the ones whose next attempt is due now or overdue. */
  due: number;
  /** The earliest next attempt of a due delivery; null when none is due. */
  oldestDueAt: Date | null;
}

/** The webhook sender's backlog, across every organisation (operational metrics, never per tenant). */
export async function deliveryBacklog(db: Executor, now: Date): Promise<DeliveryBacklog> {
  const [row] = await queryRows<{
    pending: number | string;
    due: number | string;
    oldest: Date | string | null;
  }>(
    db,
    sql`select count(*) as pending,
               count(*) filter (where next_attempt_at <= ${now.toISOString()}) as due,
               min(next_attempt_at) filter (where next_attempt_at <= ${now.toISOString()}) as oldest
        from webhook_deliveries where status = 'pending'`,
  );
  return {
    pending: Number(row?.pending ?? 0),
    due: Number(row?.due ?? 0),
    oldestDueAt: row?.oldest ? new Date(row.oldest) : null,
  };
}
