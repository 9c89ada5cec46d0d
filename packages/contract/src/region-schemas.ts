import { PROBE_HEARTBEAT } from '@mcpulse/core/domain';
import { z } from 'zod';
import type { AnswerOf } from './wire.js';

const silentAfterSeconds = PROBE_HEARTBEAT.silentAfterMs / 1000;

export const regionHeartbeatSchema = z
  .object({
    region: z.string(),
    lastHeartbeatAt: z
      .date()
      .nullable()
      .describe("The newest heartbeat of the region's probe workers; null when none has ever beaten"),
    silent: z
      .boolean()
      .describe(
        `No probe worker of the region has beaten for more than ${silentAfterSeconds} s: its checks are not running, and its monitors are confirmed by their other regions meanwhile`,
      ),
  })
  .meta({ id: 'RegionHeartbeat' });

export const regionsSchema = z.object({
  regions: z.array(z.string()),
  heartbeats: z.array(regionHeartbeatSchema).describe('One per region, in the order of `regions`'),
});

export type RegionList = AnswerOf<typeof regionsSchema>;
export type RegionHeartbeat = AnswerOf<typeof regionHeartbeatSchema>;
