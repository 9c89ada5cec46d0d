import { NotFound } from '@mcpulse/core';
import type { MonitorDisplayStatus } from '@mcpulse/core/domain';
import { type Db, publicMonitorView, uptimeWindows } from '@mcpulse/db';

export interface PublicStatus {
  name: string;
  status: MonitorDisplayStatus;
  since: Date;
  lastCheckedAt: Date | null;
  uptime: { '24h': number | null; '30d': number | null; '90d': number | null };
}

/**
 * What anyone may see of a monitor its owner made public, and nothing more:
 * no URL, regions or settings. A private monitor is answered exactly like a
 * missing one.
 */
export async function publicStatus(db: Db, monitorId: string, now: Date): Promise<PublicStatus> {
  const monitor = await publicMonitorView(db, monitorId);
  if (!monitor) throw new NotFound('monitor');
  const { windows } = await uptimeWindows(db, monitor.id, now);
  return {
    name: monitor.name,
    status: monitor.status,
    since: monitor.statusSince,
    lastCheckedAt: monitor.lastCheckedAt,
    uptime: {
      '24h': windows['24h'].uptime,
      '30d': windows['30d'].uptime,
      '90d': windows['90d'].uptime,
    },
  };
}
