import type { DirectoryEntryStatus } from '@mcpulse/core/domain';
import { and, eq, lt, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../database.js';
import { type DirectoryRemote, directoryEntries, directoryRegistries } from '../../schema/index.js';

export type DirectoryRegistryRow = typeof directoryRegistries.$inferSelect;

/** A registry entry as the sync stores it (bounded and validated by the caller). */
export interface ListedEntry {
  name: string;
  version: string;
  status: DirectoryEntryStatus;
  title: string | null;
  description: string | null;
  websiteUrl: string | null;
  repositoryUrl: string | null;
  remotes: DirectoryRemote[];
  meta: Record<string, unknown> | null;
  publishedAt: Date | null;
  upstreamUpdatedAt: Date | null;
}

export interface ListingOutcome {
  registryId: string;
  entries: ListedEntry[];
  /** Entries skipped as malformed. */
  skipped: number;
  /** A complete listing (no `updated_since`): entries it did not list are gone upstream. */
  complete: boolean;
  /** The newest `updatedAt` the listing carried: where the next incremental sync starts. */
  newestUpdate: Date | null;
  startedAt: Date;
  now: Date;
}

const BATCH = 500;

/** Each registry read by the directory, as a row (created on first use), by its base URL. */
export async function directoryRegistryRows(
  db: Executor,
  urls: readonly string[],
): Promise<DirectoryRegistryRow[]> {
  if (urls.length === 0) return [];
  await db
    .insert(directoryRegistries)
    .values(urls.map((url) => ({ url })))
    .onConflictDoNothing({ target: directoryRegistries.url });
  const rows = await db.select().from(directoryRegistries);
  return urls.map((url) => rows.find((row) => row.url === url)).filter((row) => row !== undefined);
}

/** Serializes writes about one registry across processes, until the transaction ends. */
export async function lockDirectoryRegistry(tx: Executor, registryUrl: string): Promise<void> {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`mcpulse:directory-registry:${registryUrl}`}, 0))`,
  );
}

/** Serializes the endpoint reconciliation across processes, until the transaction ends. */
export async function lockDirectoryEndpoints(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('mcpulse:directory-endpoints', 0))`);
}

/** A sync that could not read its registry to the end: recorded, and nothing else changes. */
export async function recordRegistryFailure(
  db: Executor,
  registryId: string,
  startedAt: Date,
  error: string,
): Promise<void> {
  await db
    .update(directoryRegistries)
    .set({ lastSyncStartedAt: startedAt, lastSyncError: error.slice(0, 500) })
    .where(eq(directoryRegistries.id, registryId));
}

/**
 * Stores a listing read to its end: each entry upserted by name (its latest version replaces
 * what was stored), and after a complete listing, entries it no longer holds marked `deleted`
 * (kept, with their endpoints' history). Idempotent: the same listing twice stores the same rows.
 */
export async function applyRegistryListing(tx: Executor, outcome: ListingOutcome): Promise<void> {
  const { registryId, now } = outcome;
  for (let start = 0; start < outcome.entries.length; start += BATCH) {
    const rows = outcome.entries.slice(start, start + BATCH).map((entry) => ({
      registryId,
      name: entry.name,
      version: entry.version,
      status: entry.status,
      title: entry.title,
      description: entry.description,
      websiteUrl: entry.websiteUrl,
      repositoryUrl: entry.repositoryUrl,
      remotes: entry.remotes,
      meta: entry.meta,
      publishedAt: entry.publishedAt,
      upstreamUpdatedAt: entry.upstreamUpdatedAt,
      firstSeenAt: now,
      syncedAt: now,
    }));
    await tx
      .insert(directoryEntries)
      .values(rows)
      .onConflictDoUpdate({
        target: [directoryEntries.registryId, directoryEntries.name],
        set: {
          version: sql`excluded.version`,
          status: sql`excluded.status`,
          title: sql`excluded.title`,
          description: sql`excluded.description`,
          websiteUrl: sql`excluded.website_url`,
          repositoryUrl: sql`excluded.repository_url`,
          remotes: sql`excluded.remotes`,
          meta: sql`excluded.meta`,
          publishedAt: sql`excluded.published_at`,
          upstreamUpdatedAt: sql`excluded.upstream_updated_at`,
          syncedAt: sql`excluded.synced_at`,
        },
      });
  }
  if (outcome.complete) {
    await tx
      .update(directoryEntries)
      .set({ status: 'deleted', syncedAt: now })
      .where(
        and(
          eq(directoryEntries.registryId, registryId),
          lt(directoryEntries.syncedAt, outcome.startedAt),
          ne(directoryEntries.status, 'deleted'),
        ),
      );
  }
  await tx
    .update(directoryRegistries)
    .set({
      updatedSince: sql`greatest(${directoryRegistries.updatedSince}, ${outcome.newestUpdate?.toISOString() ?? null}::timestamptz)`,
      lastSyncStartedAt: outcome.startedAt,
      lastSyncFinishedAt: now,
      lastSyncError: null,
      lastSyncEntries: outcome.entries.length,
      lastSyncSkipped: outcome.skipped,
      ...(outcome.complete ? { lastFullSyncAt: now } : {}),
    })
    .where(eq(directoryRegistries.id, registryId));
}

/** Every registry the directory has read, with how far its last sync got, in URL order. */
export async function directoryRegistryStatuses(db: Executor): Promise<DirectoryRegistryRow[]> {
  return db.select().from(directoryRegistries).orderBy(directoryRegistries.url);
}
