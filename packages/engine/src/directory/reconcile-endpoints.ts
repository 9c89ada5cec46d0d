import { randomUUID } from 'node:crypto';
import { DIRECTORY_DEFAULTS, type DirectorySkipReason } from '@mcpulse/core/domain';
import {
  allDirectoryEndpoints,
  type Db,
  type DirectoryEndpointRow,
  type DirectoryRemote,
  directoryMonitors,
  type Executor,
  insertDirectoryEndpoints,
  insertDirectoryMonitors,
  inTransaction,
  listedEntryRemotes,
  lockDirectoryEndpoints,
  type NewDirectoryEndpoint,
  type NewDirectoryMonitor,
  pauseDirectoryMonitor,
  replaceEntryLinks,
  resumeDirectoryMonitor,
  updateDirectoryEndpoint,
  updateDirectoryMonitor,
} from '@mcpulse/db';
import { type EndpointPolicySettings, endpointHost, endpointPolicy } from './endpoint-policy.js';
import { fixedHeaders, needsSecretHeader } from './remote-endpoint.js';

export interface DirectoryMonitorSettings {
  /** Regions the directory's monitors are probed from. */
  regions: readonly string[];
  /** Their cadence. */
  intervalSeconds: number;
}

export interface ReconcileSettings extends EndpointPolicySettings, DirectoryMonitorSettings {
  /** The registries configured now: entries of any other are not read. */
  registryUrls: readonly string[];
}

export interface ReconcileOutcome {
  endpoints: number;
  probed: number;
  created: number;
  updated: number;
  paused: number;
  resumed: number;
}

/** One URL as the entries list it. */
interface Listing {
  url: string;
  /** The remote of the first active entry listing it (registry, then name order), else the first. */
  remote: DirectoryRemote;
  name: string;
  active: boolean;
  secret: boolean;
  entryIds: Set<string>;
}

function sameHeaders(a: Record<string, string>, b: Record<string, string>): boolean {
  const canonical = (headers: Record<string, string>) => JSON.stringify(Object.entries(headers).sort());
  return canonical(a) === canonical(b);
}

function sameRegions(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((region, index) => region === b[index]);
}

async function listings(db: Executor, registryUrls: readonly string[]): Promise<Map<string, Listing>> {
  const byUrl = new Map<string, Listing>();
  for (const entry of await listedEntryRemotes(db, registryUrls)) {
    const active = entry.status === 'active';
    for (const remote of entry.remotes) {
      if (remote.resolvedUrl === null) continue;
      let listing = byUrl.get(remote.resolvedUrl);
      if (!listing) {
        listing = {
          url: remote.resolvedUrl,
          remote,
          name: entry.name,
          active,
          secret: false,
          entryIds: new Set(),
        };
        byUrl.set(remote.resolvedUrl, listing);
      } else if (active && !listing.active) {
        Object.assign(listing, { remote, name: entry.name, active });
      }
      listing.entryIds.add(entry.id);
      if (active && needsSecretHeader(remote)) listing.secret = true;
    }
  }
  return byUrl;
}

/**
 * Makes the endpoints and their monitors follow the entries of the configured registries: one
 * endpoint per URL however many entries list it (linked to each), probed by one monitor of the
 * directory organisation (cadence and regions from the settings) unless it is skipped. An
 * endpoint no active entry lists any more is `retired`: its monitor is paused, its history kept.
 * One transaction under one advisory lock, so two processes never reconcile at once.
 */
export async function reconcileEndpoints(
  db: Db,
  settings: ReconcileSettings,
  now: Date,
): Promise<ReconcileOutcome> {
  const policy = endpointPolicy(settings);
  const regions = [...settings.regions];
  return inTransaction(db, async (tx) => {
    await lockDirectoryEndpoints(tx);
    const wanted = await listings(tx, settings.registryUrls);
    const existing = new Map((await allDirectoryEndpoints(tx)).map((row) => [row.url, row]));
    const monitors = await directoryMonitors(tx);
    const outcome: ReconcileOutcome = {
      endpoints: 0,
      probed: 0,
      created: 0,
      updated: 0,
      paused: 0,
      resumed: 0,
    };
    const newMonitors: NewDirectoryMonitor[] = [];
    const newEndpoints: NewDirectoryEndpoint[] = [];
    const links: Array<{ entryId: string; endpointId: string }> = [];
    const changed: Array<{ id: string; fields: Partial<NewDirectoryEndpoint> }> = [];

    const followMonitor = async (
      current: DirectoryEndpointRow | undefined,
      skip: DirectorySkipReason | null,
      listing: Listing | null,
    ) => {
      const monitor = current?.monitorId ? monitors.get(current.monitorId) : undefined;
      if (skip !== null || listing === null) {
        if (monitor && !monitor.paused) {
          await pauseDirectoryMonitor(tx, monitor.id, now);
          outcome.paused++;
        }
        return monitor?.id ?? null;
      }
      const transport = listing.remote.type;
      if (!monitor) {
        const id = randomUUID();
        newMonitors.push({
          id,
          name: listing.name,
          url: listing.url,
          transport,
          regions,
          intervalSeconds: settings.intervalSeconds,
          timeoutMs: DIRECTORY_DEFAULTS.timeoutMs,
        });
        outcome.created++;
        return id;
      }
      if (
        monitor.url !== listing.url ||
        monitor.transport !== transport ||
        !sameRegions(monitor.regions, regions) ||
        monitor.intervalSeconds !== settings.intervalSeconds
      ) {
        await updateDirectoryMonitor(
          tx,
          monitor.id,
          { url: listing.url, transport, regions, intervalSeconds: settings.intervalSeconds },
          now,
        );
        outcome.updated++;
      }
      if (monitor.paused) {
        await resumeDirectoryMonitor(tx, monitor.id, now);
        outcome.resumed++;
      }
      return monitor.id;
    };

    for (const listing of wanted.values()) {
      const skip: DirectorySkipReason | null = listing.active ? policy(listing.url) : 'retired';
      const current = existing.get(listing.url);
      const monitorId = await followMonitor(current, skip, listing);
      const fields = {
        host: endpointHost(listing.url),
        transport: listing.remote.type,
        authRequirement: listing.secret ? ('secret_header' as const) : ('none' as const),
        headers: fixedHeaders(listing.remote),
        monitorId,
        skipReason: skip,
      };
      let endpointId: string;
      if (!current) {
        endpointId = randomUUID();
        newEndpoints.push({ id: endpointId, url: listing.url, ...fields });
      } else {
        endpointId = current.id;
        if (
          current.host !== fields.host ||
          current.transport !== fields.transport ||
          current.authRequirement !== fields.authRequirement ||
          !sameHeaders(current.headers, fields.headers) ||
          current.monitorId !== fields.monitorId ||
          current.skipReason !== fields.skipReason
        ) {
          changed.push({ id: current.id, fields });
          // The scheduler notices a monitor by its own row: new headers go out with its next jobs.
          if (monitorId !== null && skip === null && !sameHeaders(current.headers, fields.headers))
            await updateDirectoryMonitor(tx, monitorId, {}, now);
        }
      }
      for (const entryId of listing.entryIds) links.push({ entryId, endpointId });
      outcome.endpoints++;
      if (skip === null) outcome.probed++;
    }
    for (const current of existing.values()) {
      if (wanted.has(current.url)) continue;
      await followMonitor(current, 'retired', null);
      if (current.skipReason !== 'retired')
        await updateDirectoryEndpoint(tx, current.id, { skipReason: 'retired' }, now);
    }

    // Monitors first: an endpoint points at its monitor.
    await insertDirectoryMonitors(tx, newMonitors, now);
    await insertDirectoryEndpoints(tx, newEndpoints, now);
    for (const { id, fields } of changed) await updateDirectoryEndpoint(tx, id, fields, now);
    await replaceEntryLinks(tx, settings.registryUrls, links);
    return outcome;
  });
}
