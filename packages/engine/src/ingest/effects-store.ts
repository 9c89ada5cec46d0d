import type {
  DriftEffect,
  MachineEffect,
  ObservedResult,
  ProtocolChangeEffect,
  ReleaseEffect,
  StoredProtocolChange,
  TransitionEffect,
} from '@mcpulse/core';
import type { EventType } from '@mcpulse/core/domain';
import {
  driftDiff,
  type Executor,
  events,
  incidents,
  inMaintenance,
  insertRelease,
  isProbed,
  monitorSnapshots,
  probeResults,
} from '@mcpulse/db';
import { and, eq, inArray } from 'drizzle-orm';
import { observedResult } from './observed-result.js';

export interface MonitorRef {
  id: string;
  organizationId: string;
  name: string;
  url: string;
}

export interface StoredEvent {
  id: string;
  organizationId: string;
  monitorId: string;
  type: EventType;
  occurredAt: Date;
}

function resultSummary(result: ObservedResult) {
  return {
    region: result.region,
    slot: result.slot,
    checkedAt: result.checkedAt,
    status: result.status,
    errorCode: result.errorCode,
    errorMessage: result.errorMessage,
    totalMs: result.totalMs,
    timings: result.timings ?? null,
  };
}

async function insertEvent(
  tx: Executor,
  monitor: MonitorRef,
  type: EventType,
  at: string,
  dedupeKey: string,
  incidentId: string | null,
  payload: Record<string, unknown>,
  maintenance = false,
): Promise<StoredEvent | null> {
  const [row] = await tx
    .insert(events)
    .values({
      organizationId: monitor.organizationId,
      monitorId: monitor.id,
      type,
      occurredAt: new Date(at),
      dedupeKey: `${monitor.id}:${dedupeKey}`,
      incidentId,
      payload: { monitor: { id: monitor.id, name: monitor.name, url: monitor.url }, ...payload },
      maintenance,
    })
    .onConflictDoNothing({ target: events.dedupeKey })
    .returning({ id: events.id, occurredAt: events.occurredAt });
  if (!row) return null;
  return {
    id: row.id,
    organizationId: monitor.organizationId,
    monitorId: monitor.id,
    type,
    occurredAt: row.occurredAt,
  };
}

/**
 * The confirming results as the probe reported them. A region whose result
 * was applied in an earlier batch is only summarized in the machine state:
 * its stored row gives its check time, error message and timings.
 */
async function asReported(
  tx: Executor,
  monitorId: string,
  results: readonly ObservedResult[],
): Promise<ObservedResult[]> {
  const summarized = results.filter((result) => result.summarized);
  if (summarized.length === 0) return [...results];
  const rows = await tx
    .select()
    .from(probeResults)
    .where(
      and(
        eq(probeResults.monitorId, monitorId),
        inArray(
          probeResults.region,
          summarized.map((result) => result.region),
        ),
        inArray(
          probeResults.slot,
          summarized.map((result) => new Date(result.slot)),
        ),
      ),
    );
  const byKey = new Map(rows.map((row) => [`${row.region}@${row.slot.getTime()}`, row]));
  return results.map((result) => {
    if (!result.summarized) return result;
    const row = byKey.get(`${result.region}@${Date.parse(result.slot)}`);
    // A row gone with retention leaves the summary, which is all that is known.
    return row && isProbed(row) ? observedResult(row) : result;
  });
}

/**
 * Writes what one transition means: the incident it opens or closes and its
 * event. Incidents opened earlier in the same batch carry a provisional id
 * (see OpenIncident), resolved through `incidentIds`.
 */
async function storeTransition(
  tx: Executor,
  monitor: MonitorRef,
  effect: TransitionEffect,
  incidentIds: Map<string, string>,
): Promise<StoredEvent | null> {
  let incidentId: string | null = null;
  let downtimeMs: number | null = null;
  // A change inside a maintenance window is stored and never alerted; so is the
  // recovery from an incident that opened in one, whose opening nobody was told of.
  let maintenance = await inMaintenance(tx, monitor, new Date(effect.at));
  if (effect.closeIncident) {
    incidentId = incidentIds.get(effect.closeIncident.id) ?? effect.closeIncident.id;
    downtimeMs = effect.closeIncident.durationMs;
    const [closed] = await tx
      .update(incidents)
      .set({ endedAt: new Date(effect.closeIncident.endedAt) })
      .where(eq(incidents.id, incidentId))
      .returning({ maintenance: incidents.maintenance });
    if (closed?.maintenance && !effect.openIncident) maintenance = true;
  }
  if (effect.openIncident) {
    const [opened] = await tx
      .insert(incidents)
      .values({
        organizationId: monitor.organizationId,
        monitorId: monitor.id,
        kind: effect.openIncident.kind,
        startedAt: new Date(effect.openIncident.startedAt),
        errorCode: effect.errorCode,
        errorMessage: effect.errorMessage,
        regions: effect.regions,
        maintenance,
      })
      .returning({ id: incidents.id });
    if (!opened) throw new Error('incident insert returned no row');
    incidentIds.set(effect.dedupeKey, opened.id);
    incidentId = opened.id;
  }
  return insertEvent(
    tx,
    monitor,
    effect.event,
    effect.at,
    effect.dedupeKey,
    incidentId,
    {
      from: effect.from,
      to: effect.to,
      regions: effect.regions,
      error: effect.errorCode ? { code: effect.errorCode, message: effect.errorMessage } : null,
      results: (await asReported(tx, monitor.id, effect.results)).map(resultSummary),
      ...(downtimeMs === null ? {} : { downtimeMs }),
    },
    maintenance,
  );
}

/** A drift event with its diff, or with why there is none (a snapshot not stored, or its tools not kept). */
async function storeDrift(
  tx: Executor,
  monitor: MonitorRef,
  effect: DriftEffect,
): Promise<StoredEvent | null> {
  const snapshots = await monitorSnapshots(tx, monitor.id, [effect.fromHash, effect.toHash]);
  const { diff, diffUnavailable } = driftDiff(snapshots.get(effect.fromHash), snapshots.get(effect.toHash));
  return insertEvent(tx, monitor, 'schema.drift', effect.at, effect.dedupeKey, null, {
    fromHash: effect.fromHash,
    toHash: effect.toHash,
    breaking: diff?.breaking ?? null,
    diff,
    diffUnavailable,
    protocolChange: effect.protocolChange,
  });
}

async function storeProtocolChange(
  tx: Executor,
  monitor: MonitorRef,
  effect: ProtocolChangeEffect,
): Promise<StoredEvent | null> {
  const change: StoredProtocolChange = {
    from: effect.from,
    to: effect.to,
    changed: effect.changed,
    firstSeenAt: effect.firstSeenAt,
  };
  return insertEvent(tx, monitor, 'protocol.changed', effect.at, effect.dedupeKey, null, { ...change });
}

/** A release marker: no event, so no webhook; it is read with the monitor's history. */
async function storeRelease(tx: Executor, monitor: MonitorRef, effect: ReleaseEffect): Promise<void> {
  await insertRelease(tx, {
    monitorId: monitor.id,
    occurredAt: new Date(effect.at),
    firstSeenAt: new Date(effect.firstSeenAt),
    serverName: effect.serverName,
    fromVersion: effect.fromVersion,
    toVersion: effect.toVersion,
    dedupeKey: `${monitor.id}:${effect.dedupeKey}`,
  });
}

/** Persists effects in order; returns the events that were new (a replayed batch returns none). */
export async function storeEffects(
  tx: Executor,
  monitor: MonitorRef,
  effects: readonly MachineEffect[],
  incidentIds: Map<string, string>,
): Promise<StoredEvent[]> {
  const stored: StoredEvent[] = [];
  for (const effect of effects) {
    let event: StoredEvent | null = null;
    switch (effect.type) {
      case 'transition':
        event = await storeTransition(tx, monitor, effect, incidentIds);
        break;
      case 'drift':
        event = await storeDrift(tx, monitor, effect);
        break;
      case 'protocol':
        event = await storeProtocolChange(tx, monitor, effect);
        break;
      case 'release':
        await storeRelease(tx, monitor, effect);
        break;
      case 'recheck':
        // A re-check is work to enqueue, not something that happened.
        break;
    }
    if (event) stored.push(event);
  }
  return stored;
}
