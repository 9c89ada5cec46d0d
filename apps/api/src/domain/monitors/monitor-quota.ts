import { NotFound, QuotaExceeded } from '@mcpulse/core';
import { PLAN_MONITOR_QUOTAS } from '@mcpulse/core/domain';
import { countMonitors, type Executor, organizationById } from '@mcpulse/db';

/**
 * Refuses a new monitor once the organisation's plan is full. With `lock`, the
 * organisation row stays locked until the caller's transaction ends, so
 * concurrent creates count one after another and cannot overshoot the quota.
 */
export async function assertMonitorQuota(db: Executor, organizationId: string, lock: boolean): Promise<void> {
  const organization = await organizationById(db, organizationId, { forUpdate: lock });
  if (!organization) throw new NotFound('organisation');
  const used = await countMonitors(db, organizationId);
  const limit = PLAN_MONITOR_QUOTAS[organization.plan];
  if (used >= limit) {
    throw new QuotaExceeded(`the ${organization.plan} plan allows ${limit} monitors`, limit);
  }
}
