import { NotFound, QuotaExceeded } from '@mcpulse/core';
import { PLAN_MONITOR_QUOTAS, type PlanName } from '@mcpulse/core/domain';
import {
  countMonitors,
  type Db,
  inTransaction,
  type OrganizationSummaryRow,
  organizationById,
  organizationMembers,
  organizationSummariesOfMember,
  organizationSummary,
  setOrganizationPlan,
} from '@mcpulse/db';

export interface OrganizationSummary {
  id: string;
  name: string;
  plan: PlanName;
  createdAt: Date;
  usage: { monitors: number; monitorQuota: number };
  members: Array<{ email: string; role: 'owner' | 'member' }>;
}

async function summaryOf(
  db: Db,
  { monitors: used, ...organization }: OrganizationSummaryRow,
): Promise<OrganizationSummary> {
  return {
    ...organization,
    usage: { monitors: used, monitorQuota: PLAN_MONITOR_QUOTAS[organization.plan] },
    members: await organizationMembers(db, organization.id),
  };
}

/** The organisations a person (by e-mail, in any case) belongs to: how an operator finds whose plan to change. */
export async function organizationsOfMember(db: Db, email: string): Promise<OrganizationSummary[]> {
  const rows = await organizationSummariesOfMember(db, email);
  return Promise.all(rows.map((row) => summaryOf(db, row)));
}

export async function getOrganization(db: Db, organizationId: string): Promise<OrganizationSummary> {
  const row = await organizationSummary(db, organizationId);
  if (!row) throw new NotFound('organisation');
  return summaryOf(db, row);
}

/**
 * Moves an organisation to another plan. A plan smaller than what the
 * organisation already runs is refused, naming the numbers: monitors are never
 * paused or deleted behind their owner's back. The organisation row is locked
 * as monitor creation locks it, so a create racing the change cannot slip past
 * the new quota.
 */
export async function changePlan(
  db: Db,
  organizationId: string,
  plan: PlanName,
): Promise<OrganizationSummary> {
  await inTransaction(db, async (tx) => {
    const organization = await organizationById(tx, organizationId, { forUpdate: true });
    if (!organization) throw new NotFound('organisation');
    const used = await countMonitors(tx, organizationId);
    const limit = PLAN_MONITOR_QUOTAS[plan];
    if (used > limit) {
      throw new QuotaExceeded(
        `the organisation has ${used} monitors and the ${plan} plan allows ${limit}: ${used - limit} must be deleted first`,
        limit,
      );
    }
    await setOrganizationPlan(tx, organizationId, plan);
  });
  return getOrganization(db, organizationId);
}
