import { type RegionHeartbeat, regionHeartbeats } from '@mcpulse/engine';
import type { QueueBackend } from '@mcpulse/queue';

/**
 * How each configured region is heard from: the newest heartbeat of its probe workers, and
 * whether it is silent. Without a queue to read, no worker can be heard: every region is silent.
 */
export async function readRegionHealth(
  queues: QueueBackend | undefined,
  regions: readonly string[],
  now: Date,
): Promise<RegionHeartbeat[]> {
  if (!queues) return regions.map((region) => ({ region, lastHeartbeatAt: null, silent: true }));
  return regionHeartbeats(queues, regions, now);
}
