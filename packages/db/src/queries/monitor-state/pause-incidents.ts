import type { IncidentKind } from '@mcpulse/core/domain';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../database.js';
import { incidents, monitorState } from '../../schema/index.js';

/** Ends the monitor's open incident at `now` and clears its state's pointer to it. */
export async function closeOpenIncident(
  tx: Pick<Executor, 'update'>,
  monitorId: string,
  incidentId: string,
  now: Date,
): Promise<void> {
  await tx
    .update(incidents)
    .set({ endedAt: now })
    .where(and(eq(incidents.id, incidentId), isNull(incidents.endedAt)));
  await tx
    .update(monitorState)
    .set({ openIncidentId: null, updatedAt: now })
    .where(eq(monitorState.monitorId, monitorId));
}

/**
 * Opens an incident of `kind` from `now` with the error and regions of the
 * monitor's latest incident, and makes it the state's open incident.
 */
export async function openIncidentLikeLast(
  tx: Pick<Executor, 'select' | 'insert' | 'update'>,
  incident: { organizationId: string; monitorId: string; kind: IncidentKind; now: Date },
): Promise<string> {
  const { organizationId, monitorId, kind, now } = incident;
  const [previous] = await tx
    .select({
      errorCode: incidents.errorCode,
      errorMessage: incidents.errorMessage,
      regions: incidents.regions,
    })
    .from(incidents)
    .where(eq(incidents.monitorId, monitorId))
    .orderBy(desc(incidents.startedAt))
    .limit(1);
  const [opened] = await tx
    .insert(incidents)
    .values({
      organizationId,
      monitorId,
      kind,
      startedAt: now,
      errorCode: previous?.errorCode ?? null,
      errorMessage: previous?.errorMessage ?? null,
      regions: previous?.regions ?? [],
    })
    .returning({ id: incidents.id });
  if (!opened) throw new Error('incident insert returned no row');
  await tx
    .update(monitorState)
    .set({ openIncidentId: opened.id, updatedAt: now })
    .where(eq(monitorState.monitorId, monitorId));
  return opened.id;
}
