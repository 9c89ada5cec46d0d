import { NotFound, QuotaExceeded } from '@mcpulse/core';
import { PLAN_MONITOR_QUOTAS } from '@mcpulse/core/domain';
import { type Executor, monitors, organizations } from '@mcpulse/db';
import { count, eq } from 'drizzle-orm';

/**
 * Refuses a new monitor once the organisation's plan is full. With `lock`, the
 * organisation row stays locked until the caller's transaction ends, so
 * concurrent creates count one after another and cannot overshoot the quota.
 */
export async function assertMonitorQuota(db: Executor, organizationId: string, lock: boolean): Promise<void> {
  const query = db
    .select({ plan: organizations.plan })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  const [organization] = lock ? await query.for('update') : await query;
  if (!organization) throw new NotFound('organisation');
  const [usage] = await db
    .select({ monitors: count() })
    .from(monitors)
    .where(eq(monitors.organizationId, organizationId));
  const limit = PLAN_MONITOR_QUOTAS[organization.plan];
  if ((usage?.monitors ?? 0) >= limit) {
    throw new QuotaExceeded(`the ${organization.plan} plan allows ${limit} monitors`, limit);
  }
}
