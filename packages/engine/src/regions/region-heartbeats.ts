import { PROBE_HEARTBEAT } from '@mcpulse/core/domain';
import type { QueueBackend } from '@mcpulse/queue';
import { probeQueueName } from '../job-catalog.js';

export { PROBE_HEARTBEAT };

/** The name a region's workers beat under: the queue they consume. */
export function probeBeatName(region: string): string {
  return probeQueueName(region);
}

export interface RegionHeartbeat {
  region: string;
  /** The newest beat of any of the region's workers; null when none ever beat on this store. */
  lastHeartbeatAt: Date | null;
  silent: boolean;
}

/** How each of `regions` is heard from: when one of its workers last beat, and whether it is silent. */
export async function regionHeartbeats(
  queues: QueueBackend,
  regions: readonly string[],
  now: Date,
): Promise<RegionHeartbeat[]> {
  const beats = await queues.beats();
  return regions.map((region) => {
    const last = beats.get(probeBeatName(region)) ?? null;
    return {
      region,
      lastHeartbeatAt: last,
      silent: last === null || now.getTime() - last.getTime() > PROBE_HEARTBEAT.silentAfterMs,
    };
  });
}
