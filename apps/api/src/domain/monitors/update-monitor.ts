import { NotFound } from '@mcpulse/core';
import { monitors } from '@mcpulse/db';
import { and, eq } from 'drizzle-orm';
import type { Principal } from '../../auth/principal.js';
import { getMonitor } from './get-monitor.js';
import type { MonitorDeps } from './monitor-deps.js';
import { keepMaskedValues, sealHeaders, unsealHeaders } from './monitor-headers.js';
import { checkMonitorSettings, type MonitorSettings } from './monitor-settings.js';
import type { MonitorView } from './monitor-view.js';

export type UpdateMonitorInput = Partial<MonitorSettings> & {
  /** Replaces the whole set; a masked value keeps the saved value of that name. */
  headers?: Record<string, string> | undefined;
};

/** A partial update, checked against the merged settings so that fields stay consistent with each other. */
export async function updateMonitor(
  deps: MonitorDeps,
  principal: Principal,
  monitorId: string,
  input: UpdateMonitorInput,
  now: Date,
): Promise<MonitorView> {
  const { headers: submitted, ...changes } = input;
  const monitor = await deps.db.transaction(async (tx) => {
    const scope = and(eq(monitors.id, monitorId), eq(monitors.organizationId, principal.organizationId));
    const [current] = await tx.select().from(monitors).where(scope).for('update');
    if (!current) throw new NotFound('monitor');
    const merged: MonitorSettings = {
      name: changes.name ?? current.name,
      url: changes.url ?? current.url,
      transport: changes.transport ?? current.transport,
      regions: changes.regions ?? current.regions,
      intervalSeconds: changes.intervalSeconds ?? current.intervalSeconds,
      timeoutMs: changes.timeoutMs ?? current.timeoutMs,
      degradedThresholdMs: changes.degradedThresholdMs ?? current.degradedThresholdMs,
      confirmations: changes.confirmations ?? current.confirmations,
      regionQuorum: changes.regionQuorum === undefined ? current.regionQuorum : changes.regionQuorum,
      isPublic: changes.isPublic ?? current.isPublic,
    };
    checkMonitorSettings(merged, deps.regions);
    const sealed =
      submitted === undefined
        ? {}
        : sealHeaders(
            deps.secretKey,
            monitorId,
            keepMaskedValues(submitted, unsealHeaders(deps.secretKey, monitorId, current.headersSealed)),
          );
    await tx
      .update(monitors)
      .set({ ...merged, ...sealed, updatedAt: now })
      .where(scope);
    return getMonitor(tx, principal, monitorId);
  });
  deps.onMonitorChanged?.(monitorId);
  return monitor;
}
