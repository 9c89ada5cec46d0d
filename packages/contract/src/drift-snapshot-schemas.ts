import { publishedToolSchema } from '@mcpulse/core';
import { MISSING_SNAPSHOT_REASONS } from '@mcpulse/core/domain';
import { z } from 'zod';
import type { AnswerOf } from './wire.js';

const unavailable = z
  .enum(MISSING_SNAPSHOT_REASONS)
  .nullable()
  .describe(
    'Why the side is null: never stored (or gone), or its tools were too large or too frequent to keep',
  );

export const driftSnapshotsSchema = z
  .object({
    id: z.uuid(),
    occurredAt: z.date(),
    fromHash: z.string().nullable(),
    toHash: z.string().nullable(),
    before: z
      .array(publishedToolSchema)
      .nullable()
      .describe('The tools before the drift, sorted by name; null when not stored'),
    after: z
      .array(publishedToolSchema)
      .nullable()
      .describe('The tools after the drift, sorted by name; null when not stored'),
    beforeUnavailable: unavailable,
    afterUnavailable: unavailable,
  })
  .meta({ id: 'DriftSnapshots' });

export const driftParams = z.object({ id: z.uuid(), driftId: z.uuid() });

export type DriftSnapshots = AnswerOf<typeof driftSnapshotsSchema>;
