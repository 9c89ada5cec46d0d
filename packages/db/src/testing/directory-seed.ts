import {
  DIRECTORY_ORGANIZATION_ID,
  type DirectoryAuthRequirement,
  type DirectoryEntryStatus,
  type DirectoryRemoteType,
  type DirectorySkipReason,
} from '@mcpulse/core/domain';
import { sql } from 'drizzle-orm';
import type { Executor } from '../database.js';
import {
  directoryEndpoints,
  directoryEntries,
  directoryEntryEndpoints,
  directoryRegistries,
  monitors,
} from '../schema/index.js';

export interface SeededDirectoryServer {
  registryId: string;
  entryId: string;
  endpointId: string;
  monitorId: string | null;
}

export interface DirectorySeed {
  name: string;
  url: string;
  title?: string | null;
  description?: string | null;
  status?: DirectoryEntryStatus;
  transport?: DirectoryRemoteType;
  authRequirement?: DirectoryAuthRequirement;
  headers?: Record<string, string>;
  skipReason?: DirectorySkipReason | null;
  /** Whether the endpoint gets a monitor of the directory organisation (default true, paused when skipped). */
  monitored?: boolean;
  registryUrl?: string;
  intervalSeconds?: number;
  /** The monitor's regions (default `local`); a region nobody serves keeps the seeded state as it is. */
  regions?: string[];
}

/**
 * A registry entry with one endpoint and its directory monitor, written as the registry sync would
 * leave them: for tests and benchmarks of the pages, which must not depend on a sync running. An
 * endpoint URL seeded twice is one endpoint linked to both entries.
 */
export async function seedDirectoryServer(db: Executor, seed: DirectorySeed): Promise<SeededDirectoryServer> {
  const registryUrl = seed.registryUrl ?? 'https://registry.test';
  await db.insert(directoryRegistries).values({ url: registryUrl }).onConflictDoNothing();
  const [registry] = await db
    .select({ id: directoryRegistries.id })
    .from(directoryRegistries)
    .where(sql`${directoryRegistries.url} = ${registryUrl}`);
  const transport = seed.transport ?? 'streamable-http';
  const [entry] = await db
    .insert(directoryEntries)
    .values({
      registryId: registry!.id,
      name: seed.name,
      version: '1.0.0',
      status: seed.status ?? 'active',
      title: seed.title ?? null,
      description: seed.description ?? null,
      remotes: [
        {
          type: transport,
          url: seed.url,
          resolvedUrl: seed.url,
          skipReason: null,
          headers: [],
          variables: [],
        },
      ],
    })
    .returning({ id: directoryEntries.id });
  const [existing] = await db
    .select({ id: directoryEndpoints.id, monitorId: directoryEndpoints.monitorId })
    .from(directoryEndpoints)
    .where(sql`${directoryEndpoints.url} = ${seed.url}`);
  let endpointId = existing?.id;
  let monitorId = existing?.monitorId ?? null;
  if (!endpointId) {
    const skipReason = seed.skipReason ?? null;
    if (seed.monitored ?? true) {
      const [monitor] = await db
        .insert(monitors)
        .values({
          organizationId: DIRECTORY_ORGANIZATION_ID,
          name: seed.name.slice(0, 200),
          url: seed.url,
          regions: seed.regions ?? ['local'],
          intervalSeconds: seed.intervalSeconds ?? 300,
          paused: skipReason !== null,
        })
        .returning({ id: monitors.id });
      monitorId = monitor!.id;
    }
    const [endpoint] = await db
      .insert(directoryEndpoints)
      .values({
        url: seed.url,
        host: new URL(seed.url).host,
        transport,
        authRequirement: seed.authRequirement ?? 'none',
        headers: seed.headers ?? {},
        monitorId,
        skipReason,
      })
      .returning({ id: directoryEndpoints.id });
    endpointId = endpoint!.id;
  }
  await db.insert(directoryEntryEndpoints).values({ entryId: entry!.id, endpointId }).onConflictDoNothing();
  return { registryId: registry!.id, entryId: entry!.id, endpointId, monitorId };
}
