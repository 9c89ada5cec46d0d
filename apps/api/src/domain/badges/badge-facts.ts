import { type Db, latencyWindows, publicBadgeMonitor, uptimeWindows } from '@mcpulse/db';
import type { BadgeFacts } from './badge-content.js';

/**
 * The figures every badge of a monitor is drawn from, as of `now`, or null when the monitor's
 * badges are not public (or it does not exist: the two must read alike). Uptime is the one
 * definition (docs/uptime.md), through the same read the monitor page uses.
 */
export async function readBadgeFacts(db: Db, monitorId: string, now: Date): Promise<BadgeFacts | null> {
  const monitor = await publicBadgeMonitor(db, monitorId);
  if (!monitor) return null;
  const [{ windows }, latency] = await Promise.all([
    uptimeWindows(db, monitor.id, now),
    latencyWindows(db, monitor.id, now),
  ]);
  return {
    status: monitor.status,
    uptime: {
      '24h': windows['24h'].uptime,
      '7d': windows['7d'].uptime,
      '30d': windows['30d'].uptime,
      '90d': windows['90d'].uptime,
    },
    p95Ms: latency['24h'].overall.p95,
    degradedThresholdMs: monitor.degradedThresholdMs,
    toolCount: monitor.toolCount,
    protocolVersion: monitor.protocolVersion,
  };
}
