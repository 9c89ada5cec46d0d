import type { ProbeAuthReport } from '@mcpulse/core';
import {
  DIRECTORY_ORGANIZATION_ID,
  type DirectoryAuthRequirement,
  type DirectoryRemoteType,
  type DirectorySkipReason,
  type ResultStatus,
} from '@mcpulse/core/domain';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../database.js';
import {
  directoryEndpoints,
  directoryEntries,
  directoryEntryEndpoints,
  directoryRegistries,
  monitorRegionState,
  monitors,
  probeResults,
} from '../schema/index.js';

const SEED_REGISTRY = 'https://registry.seed.test';

/** One stored check of a seeded endpoint; what is not given is a healthy legacy check's. */
export interface SeededCheck {
  region?: string;
  slot: Date;
  status: ResultStatus;
  errorCode?: string | null;
  httpStatus?: number | null;
  httpAlive?: boolean;
  era?: string | null;
  protocolVersion?: string | null;
  toolCount?: number | null;
  auth?: ProbeAuthReport | null;
}

export interface SeededEndpoint {
  url: string;
  /** Names of the registry entries that list it. */
  servers?: string[];
  transport?: DirectoryRemoteType;
  authRequirement?: DirectoryAuthRequirement;
  skipReason?: DirectorySkipReason | null;
  /** Stored as ingest stores them: each its region's last slot when newer. */
  checks?: SeededCheck[];
}

/**
 * A directory endpoint written straight into a database, as a sync and the directory's checks
 * would leave it: a paused monitor of the directory organisation (so a running stack never probes
 * it), its registry entries, its checks and each region's last slot. For tests only.
 */
export async function seedDirectoryEndpoint(
  db: Executor,
  endpoint: SeededEndpoint,
): Promise<{ endpointId: string; monitorId: string }> {
  const [monitor] = await db
    .insert(monitors)
    .values({
      organizationId: DIRECTORY_ORGANIZATION_ID,
      name: endpoint.url.slice(0, 200),
      url: endpoint.url,
      regions: ['local'],
      intervalSeconds: 300,
      paused: true,
    })
    .returning({ id: monitors.id });
  const monitorId = monitor!.id;
  const [row] = await db
    .insert(directoryEndpoints)
    .values({
      url: endpoint.url,
      host: new URL(endpoint.url).host,
      transport: endpoint.transport ?? 'streamable-http',
      authRequirement: endpoint.authRequirement ?? 'none',
      monitorId,
      skipReason: endpoint.skipReason ?? null,
    })
    .returning({ id: directoryEndpoints.id });
  const endpointId = row!.id;

  if (endpoint.servers?.length) {
    await db.insert(directoryRegistries).values({ url: SEED_REGISTRY }).onConflictDoNothing();
    const [registry] = await db
      .select({ id: directoryRegistries.id })
      .from(directoryRegistries)
      .where(eq(directoryRegistries.url, SEED_REGISTRY));
    for (const name of endpoint.servers) {
      await db
        .insert(directoryEntries)
        .values({ registryId: registry!.id, name, version: '1.0.0', status: 'active' })
        .onConflictDoNothing();
      const [entry] = await db
        .select({ id: directoryEntries.id })
        .from(directoryEntries)
        .where(and(eq(directoryEntries.registryId, registry!.id), eq(directoryEntries.name, name)));
      await db.insert(directoryEntryEndpoints).values({ entryId: entry!.id, endpointId });
    }
  }

  for (const check of endpoint.checks ?? []) await seedDirectoryCheck(db, monitorId, check);
  return { endpointId, monitorId };
}

/** Stores one check of a directory monitor and moves its region's last slot, as ingest does. */
export async function seedDirectoryCheck(db: Executor, monitorId: string, check: SeededCheck): Promise<void> {
  const region = check.region ?? 'local';
  const down = check.status === 'down';
  await db.insert(probeResults).values({
    monitorId,
    region,
    slot: check.slot,
    checkedAt: new Date(check.slot.getTime() + 1_000),
    status: check.status,
    errorCode: check.errorCode ?? null,
    errorMessage: check.errorCode ? `seeded ${check.errorCode}` : null,
    errorPhase: check.errorCode ? 'handshake' : null,
    httpStatus: check.httpStatus ?? null,
    rpcCode: null,
    httpAlive: check.httpAlive ?? !down,
    transport: down ? null : 'streamable-http',
    era: check.era !== undefined ? check.era : down ? null : 'legacy',
    protocolVersion: check.protocolVersion !== undefined ? check.protocolVersion : down ? null : '2025-11-25',
    serverInfo: null,
    capabilities: null,
    toolCount: check.toolCount !== undefined ? check.toolCount : down ? null : 2,
    schemaHash: null,
    dnsMs: null,
    connectMs: null,
    tlsMs: null,
    negotiationMs: null,
    handshakeMs: null,
    toolsListMs: null,
    toolCallMs: null,
    otherMs: 40,
    totalMs: 40,
    auth: check.auth ?? null,
  });
  if (check.status === 'skipped') return;
  const [current] = await db
    .select({ lastSlot: monitorRegionState.lastSlot })
    .from(monitorRegionState)
    .where(and(eq(monitorRegionState.monitorId, monitorId), eq(monitorRegionState.region, region)));
  if (current?.lastSlot && current.lastSlot >= check.slot) return;
  await db
    .insert(monitorRegionState)
    .values({ monitorId, region, lastSlot: check.slot, lastStatus: check.status })
    .onConflictDoUpdate({
      target: [monitorRegionState.monitorId, monitorRegionState.region],
      set: { lastSlot: check.slot, lastStatus: check.status },
    });
}
