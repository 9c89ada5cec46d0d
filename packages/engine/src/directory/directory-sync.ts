import type { Logger } from '@mcpulse/config';
import {
  applyRegistryListing,
  type Db,
  type DirectoryRegistryRow,
  directoryRegistryRows,
  inTransaction,
  type ListedEntry,
  lockDirectoryRegistry,
  recordRegistryFailure,
} from '@mcpulse/db';
import { type ReconcileOutcome, type ReconcileSettings, reconcileEndpoints } from './reconcile-endpoints.js';
import { type EntryProblem, parseRegistryEntry } from './registry-entry.js';
import { RegistryUnavailable, registryPages } from './registry-pages.js';

export interface DirectorySyncSettings extends ReconcileSettings {
  /** One registry request's deadline. */
  requestTimeoutMs?: number;
  /** How old the last complete listing may be before a sync lists everything again. */
  fullSyncEveryMs?: number;
  userAgent?: string;
  fetch?: typeof globalThis.fetch;
}

export interface RegistrySyncOutcome {
  url: string;
  ok: boolean;
  /** A complete listing (no `updated_since`). */
  complete: boolean;
  entries: number;
  /** Malformed entries skipped, by what was wrong. */
  skipped: Partial<Record<EntryProblem, number>>;
  /** Versions the registry listed that are not the latest (never stored). */
  notLatest: number;
  error?: string;
}

export interface DirectorySyncOutcome {
  registries: RegistrySyncOutcome[];
  /** Null when no registry answered to the end: nothing was reconciled. */
  reconciled: ReconcileOutcome | null;
}

const DAY_MS = 86_400_000;
// Entries updated in the same instant as the newest one seen may still be on their way to the
// registry's index; listing a little before it costs a few entries stored again, idempotently.
const SINCE_MARGIN_MS = 60_000;

function listedEntry(entry: Exclude<ReturnType<typeof parseRegistryEntry>, EntryProblem>): ListedEntry {
  const { isLatest: _latest, updatedAt, ...rest } = entry;
  return { ...rest, upstreamUpdatedAt: updatedAt };
}

async function syncRegistry(
  db: Db,
  registry: DirectoryRegistryRow,
  settings: DirectorySyncSettings,
  now: () => Date,
): Promise<RegistrySyncOutcome> {
  const startedAt = now();
  const complete =
    registry.updatedSince === null ||
    registry.lastFullSyncAt === null ||
    startedAt.getTime() - registry.lastFullSyncAt.getTime() >= (settings.fullSyncEveryMs ?? DAY_MS);
  const outcome: RegistrySyncOutcome = {
    url: registry.url,
    ok: false,
    complete,
    entries: 0,
    skipped: {},
    notLatest: 0,
  };
  const byName = new Map<string, ListedEntry>();
  let newest: Date | null = null;
  try {
    const pages = registryPages({
      registryUrl: registry.url,
      updatedSince:
        complete || registry.updatedSince === null
          ? null
          : new Date(registry.updatedSince.getTime() - SINCE_MARGIN_MS),
      requestTimeoutMs: settings.requestTimeoutMs ?? 30_000,
      userAgent: settings.userAgent ?? 'mcpulse-directory-sync',
      ...(settings.fetch ? { fetch: settings.fetch } : {}),
    });
    for await (const items of pages) {
      for (const item of items) {
        const entry = parseRegistryEntry(item);
        if (typeof entry === 'string') {
          outcome.skipped[entry] = (outcome.skipped[entry] ?? 0) + 1;
          continue;
        }
        if (!entry.isLatest) {
          outcome.notLatest++;
          continue;
        }
        const seen = byName.get(entry.name);
        // A name listed twice: the newer update wins, whatever the page order.
        if (seen && (seen.upstreamUpdatedAt?.getTime() ?? 0) > (entry.updatedAt?.getTime() ?? 0)) continue;
        byName.set(entry.name, listedEntry(entry));
        if (entry.updatedAt && (newest === null || entry.updatedAt > newest)) newest = entry.updatedAt;
      }
    }
  } catch (error) {
    if (!(error instanceof RegistryUnavailable)) throw error;
    outcome.error = error.message;
    await recordRegistryFailure(db, registry.id, startedAt, error.message);
    return outcome;
  }
  const entries = [...byName.values()];
  const skipped = Object.values(outcome.skipped).reduce((sum, count) => sum + count, 0);
  await inTransaction(db, async (tx) => {
    await lockDirectoryRegistry(tx, registry.url);
    await applyRegistryListing(tx, {
      registryId: registry.id,
      entries,
      skipped,
      complete,
      newestUpdate: newest,
      startedAt,
      now: now(),
    });
  });
  outcome.ok = true;
  outcome.entries = entries.length;
  return outcome;
}

/**
 * One sync of the public directory: each configured registry's latest versions (everything, or
 * what changed since the last sync), then the endpoints and monitors reconciled with what is
 * stored. A registry that fails to answer to the end changes nothing; with no registry
 * configured nothing runs at all, and the directory's rows are left as they are.
 */
export async function runDirectorySync(
  db: Db,
  settings: DirectorySyncSettings,
  logger: Logger,
  now: () => Date = () => new Date(),
): Promise<DirectorySyncOutcome> {
  if (settings.registryUrls.length === 0) return { registries: [], reconciled: null };
  const registries: RegistrySyncOutcome[] = [];
  for (const registry of await directoryRegistryRows(db, settings.registryUrls)) {
    const outcome = await syncRegistry(db, registry, settings, now);
    registries.push(outcome);
    if (outcome.ok) logger.info(outcome, 'directory registry synced');
    else
      logger.warn(
        { registry: outcome.url, error: outcome.error },
        'directory registry sync failed; nothing changed',
      );
  }
  if (!registries.some((outcome) => outcome.ok)) return { registries, reconciled: null };
  const reconciled = await reconcileEndpoints(db, settings, now());
  logger.info(reconciled, 'directory endpoints reconciled');
  return { registries, reconciled };
}
