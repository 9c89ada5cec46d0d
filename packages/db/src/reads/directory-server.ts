import {
  DIRECTORY_ORGANIZATION_ID,
  type DirectoryAuthRequirement,
  type DirectoryEntryStatus,
  type DirectoryRemoteType,
  type DirectorySkipReason,
} from '@mcpulse/core/domain';
import { and, asc, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import type { Executor } from '../database.js';
import {
  type DirectoryRemote,
  directoryEndpoints,
  directoryEntries,
  directoryEntryEndpoints,
  directoryRegistries,
  monitors,
} from '../schema/index.js';

export interface DirectoryServerEntry {
  registryUrl: string;
  name: string;
  version: string;
  status: DirectoryEntryStatus;
  title: string | null;
  description: string | null;
  websiteUrl: string | null;
  repositoryUrl: string | null;
  remotes: DirectoryRemote[];
  publishedAt: Date | null;
  upstreamUpdatedAt: Date | null;
  /** The probed endpoints the entry lists (not those of opted-out hosts). */
  endpointIds: string[];
}

export interface DirectoryServerEndpoint {
  endpointId: string;
  url: string;
  transport: DirectoryRemoteType;
  authRequirement: DirectoryAuthRequirement;
  /** Fixed, non-secret headers the registry declares: public data, sent with each check. */
  headers: Record<string, string>;
  skipReason: DirectorySkipReason | null;
  monitorId: string | null;
}

export interface DirectoryServer {
  entries: DirectoryServerEntry[];
  endpoints: DirectoryServerEndpoint[];
}

/** A server name's entries (one per registry that lists it) and their endpoints; null when none lists it. */
export async function directoryServer(db: Executor, name: string): Promise<DirectoryServer | null> {
  const entries = await db
    .select({
      id: directoryEntries.id,
      registryUrl: directoryRegistries.url,
      name: directoryEntries.name,
      version: directoryEntries.version,
      status: directoryEntries.status,
      title: directoryEntries.title,
      description: directoryEntries.description,
      websiteUrl: directoryEntries.websiteUrl,
      repositoryUrl: directoryEntries.repositoryUrl,
      remotes: directoryEntries.remotes,
      publishedAt: directoryEntries.publishedAt,
      upstreamUpdatedAt: directoryEntries.upstreamUpdatedAt,
    })
    .from(directoryEntries)
    .innerJoin(directoryRegistries, eq(directoryRegistries.id, directoryEntries.registryId))
    .where(eq(directoryEntries.name, name))
    .orderBy(asc(directoryRegistries.url));
  if (entries.length === 0) return null;
  const links = await db
    .select({
      entryId: directoryEntryEndpoints.entryId,
      endpointId: directoryEndpoints.id,
      url: directoryEndpoints.url,
      transport: directoryEndpoints.transport,
      authRequirement: directoryEndpoints.authRequirement,
      headers: directoryEndpoints.headers,
      skipReason: directoryEndpoints.skipReason,
      monitorId: monitors.id,
    })
    .from(directoryEntryEndpoints)
    .innerJoin(directoryEndpoints, eq(directoryEndpoints.id, directoryEntryEndpoints.endpointId))
    // Only the directory organisation's monitors: a link to anyone else's reads as no monitor.
    .leftJoin(
      monitors,
      and(
        eq(monitors.id, directoryEndpoints.monitorId),
        eq(monitors.organizationId, DIRECTORY_ORGANIZATION_ID),
      ),
    )
    .where(
      and(
        inArray(
          directoryEntryEndpoints.entryId,
          entries.map((entry) => entry.id),
        ),
        or(isNull(directoryEndpoints.skipReason), ne(directoryEndpoints.skipReason, 'opted_out')),
      ),
    )
    .orderBy(asc(directoryEndpoints.url));
  const endpoints = new Map<string, DirectoryServerEndpoint>();
  for (const { entryId: _, ...endpoint } of links) endpoints.set(endpoint.endpointId, endpoint);
  return {
    entries: entries.map(({ id, ...entry }) => ({
      ...entry,
      endpointIds: links.filter((link) => link.entryId === id).map((link) => link.endpointId),
    })),
    endpoints: [...endpoints.values()],
  };
}
