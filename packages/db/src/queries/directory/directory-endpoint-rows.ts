import { DIRECTORY_ORGANIZATION_ID, type DirectoryEntryStatus } from '@mcpulse/core/domain';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../database.js';
import {
  type DirectoryRemote,
  directoryEndpoints,
  directoryEntries,
  directoryEntryEndpoints,
  directoryRegistries,
  monitorPauses,
  monitorState,
  monitors,
} from '../../schema/index.js';
import { closeOpenIncident } from '../monitor-state/pause-incidents.js';

export interface ListedEntryRemotes {
  id: string;
  name: string;
  status: DirectoryEntryStatus;
  registryUrl: string;
  remotes: DirectoryRemote[];
}

export type DirectoryEndpointRow = typeof directoryEndpoints.$inferSelect;
export type NewDirectoryEndpoint = Omit<typeof directoryEndpoints.$inferInsert, 'createdAt' | 'updatedAt'> & {
  id: string;
};

/** What the sync keeps of a directory monitor to tell whether it must change. */
export interface DirectoryMonitorRow {
  id: string;
  url: string;
  transport: string;
  regions: string[];
  intervalSeconds: number;
  paused: boolean;
}

export interface NewDirectoryMonitor {
  id: string;
  name: string;
  url: string;
  transport: 'streamable-http' | 'sse';
  regions: string[];
  intervalSeconds: number;
  timeoutMs: number;
}

const BATCH = 1000;

function batches<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += BATCH) out.push(items.slice(start, start + BATCH));
  return out;
}

/** The remotes of every entry of these registries, in registry and name order. */
export async function listedEntryRemotes(
  tx: Executor,
  registryUrls: readonly string[],
): Promise<ListedEntryRemotes[]> {
  if (registryUrls.length === 0) return [];
  return tx
    .select({
      id: directoryEntries.id,
      name: directoryEntries.name,
      status: directoryEntries.status,
      registryUrl: directoryRegistries.url,
      remotes: directoryEntries.remotes,
    })
    .from(directoryEntries)
    .innerJoin(directoryRegistries, eq(directoryRegistries.id, directoryEntries.registryId))
    .where(inArray(directoryRegistries.url, [...registryUrls]))
    .orderBy(directoryRegistries.url, directoryEntries.name);
}

export async function allDirectoryEndpoints(tx: Executor): Promise<DirectoryEndpointRow[]> {
  return tx.select().from(directoryEndpoints);
}

/** The directory organisation's monitors, by id. */
export async function directoryMonitors(tx: Executor): Promise<Map<string, DirectoryMonitorRow>> {
  const rows = await tx
    .select({
      id: monitors.id,
      url: monitors.url,
      transport: monitors.transport,
      regions: monitors.regions,
      intervalSeconds: monitors.intervalSeconds,
      paused: monitors.paused,
    })
    .from(monitors)
    .where(eq(monitors.organizationId, DIRECTORY_ORGANIZATION_ID));
  return new Map(rows.map((row) => [row.id, row]));
}

/** New monitors of the directory organisation, each pending with its state row. */
export async function insertDirectoryMonitors(
  tx: Executor,
  rows: readonly NewDirectoryMonitor[],
  now: Date,
): Promise<void> {
  for (const batch of batches(rows)) {
    await tx.insert(monitors).values(
      batch.map((row) => ({
        ...row,
        organizationId: DIRECTORY_ORGANIZATION_ID,
        createdAt: now,
        updatedAt: now,
      })),
    );
    await tx
      .insert(monitorState)
      .values(
        batch.map((row) => ({ monitorId: row.id, status: 'pending' as const, since: now, updatedAt: now })),
      );
  }
}

export async function insertDirectoryEndpoints(
  tx: Executor,
  rows: readonly NewDirectoryEndpoint[],
  now: Date,
): Promise<void> {
  for (const batch of batches(rows)) {
    await tx
      .insert(directoryEndpoints)
      .values(batch.map((row) => ({ ...row, createdAt: now, updatedAt: now })));
  }
}

export async function updateDirectoryEndpoint(
  tx: Executor,
  id: string,
  changes: Partial<Omit<NewDirectoryEndpoint, 'id'>>,
  now: Date,
): Promise<void> {
  await tx
    .update(directoryEndpoints)
    .set({ ...changes, updatedAt: now })
    .where(eq(directoryEndpoints.id, id));
}

/** A directory monitor's settings follow its endpoint and the directory's configuration. */
export async function updateDirectoryMonitor(
  tx: Executor,
  id: string,
  changes: Partial<Pick<NewDirectoryMonitor, 'url' | 'transport' | 'regions' | 'intervalSeconds'>>,
  now: Date,
): Promise<void> {
  await tx
    .update(monitors)
    .set({ ...changes, updatedAt: now })
    .where(and(eq(monitors.id, id), eq(monitors.organizationId, DIRECTORY_ORGANIZATION_ID)));
}

/**
 * Stops probing a directory monitor and keeps its history: a pause window (uptime leaves the
 * time out) and its open incident ended, as a person's pause does.
 */
export async function pauseDirectoryMonitor(tx: Executor, id: string, now: Date): Promise<void> {
  await tx
    .update(monitors)
    .set({ paused: true, updatedAt: now })
    .where(and(eq(monitors.id, id), eq(monitors.organizationId, DIRECTORY_ORGANIZATION_ID)));
  await tx.insert(monitorPauses).values({ monitorId: id, startedAt: now });
  const [state] = await tx
    .select({ openIncidentId: monitorState.openIncidentId })
    .from(monitorState)
    .where(eq(monitorState.monitorId, id))
    .for('update');
  if (state?.openIncidentId) await closeOpenIncident(tx, id, state.openIncidentId, now);
}

/** Probes a directory monitor again (an endpoint listed anew): its pause window closes. */
export async function resumeDirectoryMonitor(tx: Executor, id: string, now: Date): Promise<void> {
  await tx
    .update(monitors)
    .set({ paused: false, updatedAt: now })
    .where(and(eq(monitors.id, id), eq(monitors.organizationId, DIRECTORY_ORGANIZATION_ID)));
  await tx
    .update(monitorPauses)
    .set({ endedAt: now })
    .where(and(eq(monitorPauses.monitorId, id), isNull(monitorPauses.endedAt)));
}

/** Replaces which entries of these registries list which endpoint. */
export async function replaceEntryLinks(
  tx: Executor,
  registryUrls: readonly string[],
  links: ReadonlyArray<{ entryId: string; endpointId: string }>,
): Promise<void> {
  if (registryUrls.length > 0) {
    await tx.execute(sql`
      delete from ${directoryEntryEndpoints} l
       using ${directoryEntries} e, ${directoryRegistries} r
       where l.entry_id = e.id and e.registry_id = r.id
         and r.url in (${sql.join(
           registryUrls.map((url) => sql`${url}`),
           sql`, `,
         )})`);
  }
  for (const batch of batches(links)) {
    await tx
      .insert(directoryEntryEndpoints)
      .values([...batch])
      .onConflictDoNothing();
  }
}
