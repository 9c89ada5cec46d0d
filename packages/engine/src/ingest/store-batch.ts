import { applyResults, probeSpecOf, silentAfterMs, type Tool } from '@mcpulse/core';
import { DIRECTORY_ORGANIZATION_ID } from '@mcpulse/core/domain';
import {
  type Db,
  directoryEndpoints,
  insertResults,
  isProbed,
  monitorPauses,
  monitors,
  type NewResult,
  type ProbedResult,
  resultRowFrom,
  skippedRowFrom,
  storeRotatedConnection,
} from '@mcpulse/db';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Check } from '../checks/enqueue-checks.js';
import type { ResultJob } from '../job-catalog.js';
import { type MonitorRef, type StoredEvent, storeEffects } from './effects-store.js';
import { lockMachineStates, type MachineStateSave, saveMachineStates } from './machine-state-store.js';
import { observedResult } from './observed-result.js';

export interface StoreOutcome {
  received: number;
  stored: number;
  /** Results for monitors deleted or paused since their check was scheduled. */
  dropped: number;
  events: StoredEvent[];
  /** Re-checks the batch asked for, to enqueue once it is committed. */
  checks: Check[];
}

export interface IngestSettings {
  /** How long after a result that would change a monitor's status its region checks again; null: never. */
  recheckDelayMs: number | null;
}

/** The row a result job stores: what its check found, or that it was skipped and why. */
function resultRowOf(job: ResultJob): NewResult {
  const slot = new Date(job.slot);
  if (job.result) return resultRowFrom(job.monitorId, job.region, slot, job.result);
  if (job.skipped) {
    return skippedRowFrom(job.monitorId, job.region, slot, {
      reason: job.skipped.reason,
      decidedAt: new Date(job.skipped.decidedAt),
    });
  }
  // The job schema forbids this; a TypeError is a fault of the row, so ingest isolates it.
  throw new TypeError(`result job for ${job.monitorId} at ${job.slot} has neither a result nor a skip`);
}

/**
 * Stores a batch of results in one statement and runs each affected monitor's
 * state machine in the same transaction, so a result is never stored without
 * its consequences, nor its consequences recorded twice. Idempotent: a batch
 * delivered again stores nothing and emits nothing. All or nothing: one row
 * the database refuses fails the whole batch (ingestBatch isolates it).
 */
export async function storeBatch(
  db: Db,
  jobs: readonly ResultJob[],
  now: Date,
  settings: IngestSettings,
): Promise<StoreOutcome> {
  return db.transaction(async (tx) => {
    // A rotated refresh token is kept even for a paused monitor (the old one is spent), and
    // before the monitors are read, so the re-checks below carry it. In monitor order, as every
    // batch locks rows, so two batches never wait on each other.
    const rotations = jobs
      .flatMap((job) => (job.rotation ? [{ monitorId: job.monitorId, rotation: job.rotation }] : []))
      .sort((a, b) => (a.monitorId < b.monitorId ? -1 : a.monitorId > b.monitorId ? 1 : 0));
    for (const { monitorId, rotation } of rotations)
      await storeRotatedConnection(tx, monitorId, rotation.sealed, rotation.connection);
    const ids = [...new Set(jobs.map((job) => job.monitorId))];
    const found = ids.length
      ? await tx
          .select({
            id: monitors.id,
            organizationId: monitors.organizationId,
            name: monitors.name,
            url: monitors.url,
            regions: monitors.regions,
            confirmations: monitors.confirmations,
            regionQuorum: monitors.regionQuorum,
            paused: monitors.paused,
            intervalSeconds: monitors.intervalSeconds,
            transport: monitors.transport,
            timeoutMs: monitors.timeoutMs,
            degradedThresholdMs: monitors.degradedThresholdMs,
            headersSealed: monitors.headersSealed,
            canary: monitors.canary,
            oauthSealed: monitors.oauthSealed,
            oauthConnectionSealed: monitors.oauthConnectionSealed,
            // A directory monitor's re-checks carry its registry's fixed headers, as scheduled checks do.
            publicHeaders: directoryEndpoints.headers,
            // Watched since it was created, or last resumed.
            watchedSince: sql<Date>`greatest(${monitors.createdAt}, (
              select max(${monitorPauses.endedAt}) from ${monitorPauses} where ${monitorPauses.monitorId} = ${monitors.id}
            ))`.mapWith(monitors.createdAt),
          })
          .from(monitors)
          .leftJoin(directoryEndpoints, eq(directoryEndpoints.monitorId, monitors.id))
          .where(inArray(monitors.id, ids))
      : [];
    const live = new Map(found.filter((monitor) => !monitor.paused).map((monitor) => [monitor.id, monitor]));
    const accepted = jobs.filter((job) => live.has(job.monitorId));
    const tools = new Map<string, Tool[]>();
    for (const job of accepted) {
      if (job.tools && job.result?.schemaHash) tools.set(job.result.schemaHash, job.tools as Tool[]);
    }
    const rows = accepted.map(resultRowOf);
    const { inserted } = await insertResults(tx, rows, tools);

    // A skipped slot is stored for its owner to see, and is no result the state machine may count.
    const byMonitor = new Map<string, ProbedResult[]>();
    for (const row of inserted.filter(isProbed)) {
      const rows = byMonitor.get(row.monitorId);
      if (rows) rows.push(row);
      else byMonitor.set(row.monitorId, [row]);
    }
    const monitorIds = [...byMonitor.keys()].filter((id) => live.has(id)).sort();
    const states = await lockMachineStates(tx, monitorIds, now);
    // A pause that committed while this batch waited for the state locks has ended the monitor's
    // incident: read again now that the locks are held, and leave the monitor's state alone.
    if (monitorIds.length > 0) {
      const pausedMeanwhile = await tx
        .select({ id: monitors.id })
        .from(monitors)
        .where(and(inArray(monitors.id, monitorIds), eq(monitors.paused, true)));
      for (const { id } of pausedMeanwhile) live.delete(id);
    }
    const stored: StoredEvent[] = [];
    const saves: MachineStateSave[] = [];
    const checks: Check[] = [];
    for (const monitorId of monitorIds) {
      const monitor = live.get(monitorId);
      const results = byMonitor.get(monitorId);
      const state = states.get(monitorId);
      if (!monitor || !results || !state) continue;
      const outcome = applyResults(state, results.map(observedResult), {
        regions: monitor.regions,
        confirmations: monitor.confirmations,
        regionQuorum: monitor.regionQuorum,
        paused: monitor.paused,
        silentAfterMs: silentAfterMs(monitor.intervalSeconds),
        watchedSince: monitor.watchedSince.toISOString(),
        recheckDelayMs: settings.recheckDelayMs,
      });
      const spec = probeSpecOf(monitor);
      for (const effect of outcome.effects) {
        if (effect.type !== 'recheck') continue;
        checks.push({
          monitorId,
          region: effect.region,
          atMs: Date.parse(effect.at),
          spec,
          knownSchemaHash: outcome.state.schemaHash,
          intervalSeconds: monitor.intervalSeconds,
          ...(monitor.organizationId === DIRECTORY_ORGANIZATION_ID ? { directory: true } : {}),
          ...(monitor.publicHeaders ? { publicHeaders: monitor.publicHeaders } : {}),
        });
      }
      const incidentIds = new Map<string, string>();
      const ref: MonitorRef = {
        id: monitor.id,
        organizationId: monitor.organizationId,
        name: monitor.name,
        url: monitor.url,
      };
      stored.push(...(await storeEffects(tx, ref, outcome.effects, incidentIds)));
      const openIncidentId = outcome.state.openIncident
        ? (incidentIds.get(outcome.state.openIncident.id) ?? outcome.state.openIncident.id)
        : null;
      const checkedAt = results.map((row) => row.checkedAt.getTime());
      saves.push({
        monitorId,
        state: outcome.state,
        openIncidentId,
        firstCheckedAt: new Date(Math.min(...checkedAt)),
        lastCheckedAt: new Date(Math.max(...checkedAt)),
      });
    }
    await saveMachineStates(tx, saves, now);
    return {
      received: jobs.length,
      stored: inserted.length,
      dropped: jobs.length - accepted.length,
      events: stored,
      checks,
    };
  });
}
