import { NotFound } from '@mcpulse/core';
import { PLAN_MONITOR_QUOTAS } from '@mcpulse/core/domain';
import { countMonitors, type Db, organizationById, userById } from '@mcpulse/db';
import type { Principal } from '../../auth/principal.js';

export interface AccountView {
  user: { id: string; email: string; name: string } | null;
  organization: { id: string; name: string; plan: 'free' | 'author' | 'team' };
  usage: { monitors: number; monitorQuota: number };
  csrfToken: string | null;
}

export async function describeAccount(db: Db, principal: Principal): Promise<AccountView> {
  const organization = await organizationById(db, principal.organizationId);
  if (!organization) throw new NotFound('organisation');
  const monitors = await countMonitors(db, organization.id);
  const user = principal.userId ? await userById(db, principal.userId) : null;
  return {
    user,
    organization,
    usage: { monitors, monitorQuota: PLAN_MONITOR_QUOTAS[organization.plan] },
    csrfToken: principal.csrfToken,
  };
}
