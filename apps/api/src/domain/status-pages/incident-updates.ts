import { NotFound, QuotaExceeded } from '@mcpulse/core';
import { type IncidentUpdateStatus, STATUS_PAGE_LIMITS } from '@mcpulse/core/domain';
import {
  countIncidentUpdates,
  deleteIncidentUpdate,
  type IncidentUpdateRow,
  insertIncidentUpdate,
  inTransaction,
  listIncidentUpdates,
  ownedIncident,
  pagesShowing,
} from '@mcpulse/db';
import { fanOutEvents } from '@mcpulse/engine';
import type { Principal } from '../../auth/principal.js';
import { queueAfterCommit } from '../webhooks/queue-after-commit.js';
import type { StatusPageDeps } from './status-page-deps.js';

type Caller = Pick<Principal, 'organizationId'>;

/**
 * Posts an update to one of the caller's incidents: stored, shown on every status page that shows
 * the incident's monitor, and sent as `incident.updated` to the organisation's webhooks. Returns the
 * update and the pages it changed. The incident's row is locked meanwhile, so the bound on updates
 * per incident holds against concurrent posts.
 */
export async function postIncidentUpdate(
  deps: StatusPageDeps,
  principal: Caller,
  incidentId: string,
  input: { status: IncidentUpdateStatus; message: string },
  now: Date,
): Promise<{ update: IncidentUpdateRow; pageIds: string[] }> {
  const { organizationId } = principal;
  const { update, eventId, monitorId } = await inTransaction(deps.db, async (tx) => {
    const incident = await ownedIncident(tx, organizationId, incidentId, { forUpdate: true });
    if (!incident) throw new NotFound('incident');
    if ((await countIncidentUpdates(tx, incidentId)) >= STATUS_PAGE_LIMITS.updatesPerIncident) {
      throw new QuotaExceeded(
        `an incident carries at most ${STATUS_PAGE_LIMITS.updatesPerIncident} updates`,
        STATUS_PAGE_LIMITS.updatesPerIncident,
      );
    }
    const stored = await insertIncidentUpdate(tx, organizationId, incident, input, now);
    return { ...stored, monitorId: incident.monitor.id };
  });
  // Stored: should queueing fail (or this app have no queue), the sender's sweep fans it out later.
  const { queues } = deps;
  if (queues) {
    await queueAfterCommit(deps.logger, 'an incident.updated event', () =>
      fanOutEvents(deps.db, queues, [{ id: eventId }], now),
    );
  }
  return { update, pageIds: await pagesShowing(deps.db, [monitorId]) };
}

export async function listOwnedIncidentUpdates(
  deps: Pick<StatusPageDeps, 'db'>,
  principal: Caller,
  incidentId: string,
): Promise<{ updates: IncidentUpdateRow[] }> {
  if (!(await ownedIncident(deps.db, principal.organizationId, incidentId))) throw new NotFound('incident');
  return { updates: await listIncidentUpdates(deps.db, incidentId) };
}

/** Removes an update posted by mistake; the webhook already sent stays sent. Returns the pages it changed. */
export async function deleteOwnedIncidentUpdate(
  deps: Pick<StatusPageDeps, 'db'>,
  principal: Caller,
  incidentId: string,
  updateId: string,
): Promise<string[]> {
  const incident = await ownedIncident(deps.db, principal.organizationId, incidentId);
  if (!incident || !(await deleteIncidentUpdate(deps.db, principal.organizationId, incidentId, updateId))) {
    throw new NotFound('incident update');
  }
  return pagesShowing(deps.db, [incident.monitor.id]);
}
