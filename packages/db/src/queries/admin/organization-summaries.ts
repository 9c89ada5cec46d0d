import type { MemberRole, PlanName } from '@mcpulse/core/domain';
import { asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../database.js';
import { memberships, organizations, users } from '../../schema/index.js';

/** An organisation as an operator sees it, with how many monitors it runs. */
export interface OrganizationSummaryRow {
  id: string;
  name: string;
  plan: PlanName;
  createdAt: Date;
  monitors: number;
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

/** The organisations a person (by e-mail, in any case) belongs to, oldest first. */
export async function organizationSummariesOfMember(
  db: Pick<Executor, 'select'>,
  email: string,
): Promise<OrganizationSummaryRow[]> {
  return db
    .select(summaryColumns)
    .from(organizations)
    .innerJoin(memberships, eq(memberships.organizationId, organizations.id))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(sql`lower(${users.email}) = lower(${email})`)
    .orderBy(asc(organizations.createdAt), asc(organizations.id));
}

export async function organizationSummary(
  db: Pick<Executor, 'select'>,
  organizationId: string,
): Promise<OrganizationSummaryRow | null> {
  const [summary] = await db
    .select(summaryColumns)
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  return summary ?? null;
}

/** The organisation's members, in the order they joined. */
export async function organizationMembers(
  db: Pick<Executor, 'select'>,
  organizationId: string,
): Promise<Array<{ email: string; role: MemberRole }>> {
  return db
    .select({ email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organizationId, organizationId))
    .orderBy(asc(memberships.createdAt), asc(users.email));
}

export async function setOrganizationPlan(
  db: Pick<Executor, 'update'>,
  organizationId: string,
  plan: PlanName,
): Promise<void> {
  await db.update(organizations).set({ plan }).where(eq(organizations.id, organizationId));
}
