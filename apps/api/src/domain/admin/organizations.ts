import { NotFound, QuotaExceeded } from '@mcpulse/core';
import { PLAN_MONITOR_QUOTAS, type PlanName } from '@mcpulse/core/domain';
import { type Db, memberships, monitors, organizations, users } from '@mcpulse/db';
import { asc, count, eq, sql } from 'drizzle-orm';

export interface OrganizationSummary {
  id: string;
  name: string;
  plan: PlanName;
  createdAt: Date;
  usage: { monitors: number; monitorQuota: number };
  members: Array<{ email: string; role: 'owner' | 'member' }>;
}

// Spelled out: inside a one-table select drizzle leaves columns unqualified, and both tables have an `id`.
const monitorCount = sql<number>`(select count(*)::int from monitors m where m.organization_id = "organizations"."id")`;

const summaryColumns = {
  id: organizations.id,
  name: organizations.name,
  plan: organizations.plan,
  createdAt: organizations.createdAt,
  monitors: monitorCount,
};

async function membersOf(db: Db, organizationId: string): Promise<OrganizationSummary['members']> {
  return db
    .select({ email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organizationId, organizationId))
    .orderBy(asc(memberships.createdAt), asc(users.email));
}

async function summaries(
  db: Db,
  rows: Array<{ id: string; name: string; plan: PlanName; createdAt: Date; monitors: number }>,
): Promise<OrganizationSummary[]> {
  return Promise.all(
    rows.map(async ({ monitors: used, ...organization }) => ({
      ...organization,
      usage: { monitors: used, monitorQuota: PLAN_MONITOR_QUOTAS[organization.plan] },
      members: await membersOf(db, organization.id),
    })),
  );
}

/** The organisations a person (by e-mail, in any case) belongs to: how an operator finds whose plan to change. */
export async function organizationsOfMember(db: Db, email: string): Promise<OrganizationSummary[]> {
  const rows = await db
    .select(summaryColumns)
    .from(organizations)
    .innerJoin(memberships, eq(memberships.organizationId, organizations.id))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(sql`lower(${users.email}) = lower(${email})`)
    .orderBy(asc(organizations.createdAt), asc(organizations.id));
  return summaries(db, rows);
}

export async function getOrganization(db: Db, organizationId: string): Promise<OrganizationSummary> {
  const rows = await db
    .select(summaryColumns)
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  const [summary] = await summaries(db, rows);
  if (!summary) throw new NotFound('organisation');
  return summary;
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
  await db.transaction(async (tx) => {
    const [organization] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.id, organizationId))
      .for('update');
    if (!organization) throw new NotFound('organisation');
    const [usage] = await tx
      .select({ monitors: count() })
      .from(monitors)
      .where(eq(monitors.organizationId, organizationId));
    const used = usage?.monitors ?? 0;
    const limit = PLAN_MONITOR_QUOTAS[plan];
    if (used > limit) {
      throw new QuotaExceeded(
        `the organisation has ${used} monitors and the ${plan} plan allows ${limit}: ${used - limit} must be deleted first`,
        limit,
      );
    }
    await tx.update(organizations).set({ plan }).where(eq(organizations.id, organizationId));
  });
  return getOrganization(db, organizationId);
}
