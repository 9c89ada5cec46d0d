import { NotFound } from '@mcpulse/core';
import { PLAN_MONITOR_QUOTAS } from '@mcpulse/core/domain';
import { type Db, monitors, organizations, users } from '@mcpulse/db';
import { count, eq } from 'drizzle-orm';
import type { Principal } from '../../auth/principal.js';

export interface AccountView {
  user: { id: string; email: string; name: string } | null;
  organization: { id: string; name: string; plan: 'free' | 'author' | 'team' };
  usage: { monitors: number; monitorQuota: number };
  csrfToken: string | null;
}

export async function describeAccount(db: Db, principal: Principal): Promise<AccountView> {
  const [organization] = await db
    .select({ id: organizations.id, name: organizations.name, plan: organizations.plan })
    .from(organizations)
    .where(eq(organizations.id, principal.organizationId));
  if (!organization) throw new NotFound('organisation');
  const [usage] = await db
    .select({ monitors: count() })
    .from(monitors)
    .where(eq(monitors.organizationId, organization.id));
  let user: AccountView['user'] = null;
  if (principal.userId) {
    const [row] = await db
      .select({ id: users.id, email: users.email, name: users.name })
      .from(users)
      .where(eq(users.id, principal.userId));
    user = row ?? null;
  }
  return {
    user,
    organization,
    usage: { monitors: usage?.monitors ?? 0, monitorQuota: PLAN_MONITOR_QUOTAS[organization.plan] },
    csrfToken: principal.csrfToken,
  };
}
