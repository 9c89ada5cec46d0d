import type { PlanName } from '@mcpulse/core/domain';
import { eq } from 'drizzle-orm';
import type { Executor } from '../../database.js';
import { organizations } from '../../schema/index.js';

export interface OrganizationRow {
  id: string;
  name: string;
  plan: PlanName;
}

/**
 * An organisation, or null. With `forUpdate` its row stays locked until the
 * caller's transaction ends: what counts against its plan (monitors, webhook
 * endpoints) is counted under this lock, so concurrent creates cannot overshoot.
 */
export async function organizationById(
  db: Pick<Executor, 'select'>,
  organizationId: string,
  options: { forUpdate?: boolean } = {},
): Promise<OrganizationRow | null> {
  const query = db
    .select({ id: organizations.id, name: organizations.name, plan: organizations.plan })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  const [organization] = options.forUpdate ? await query.for('update') : await query;
  return organization ?? null;
}
