import { z } from 'zod';
import { regionHeartbeatSchema } from './region-schemas.js';

export const liveSchema = z.object({ status: z.literal('ok') });

export const readySchema = z.object({
  status: z.literal('ready'),
  regions: z.array(regionHeartbeatSchema),
  silentRegions: z.array(z.string()).describe('The regions of `regions` that are silent'),
});

export const unavailableSchema = z.object({ status: z.literal('unavailable'), reason: z.string() });
