import { probeResultSchema, probeSpecSchema } from '@mcpulse/core';
import { z } from 'zod';

/**
 * The typed job catalog: producers and consumers agree on every payload at
 * compile time, and each payload is validated when it is enqueued. Payloads
 * carry ids and settings, never a secret in clear: monitor headers travel
 * sealed (AES-256-GCM) and only probe workers hold the key.
 */

/** BullMQ reserves ':' in queue names, so `probe:<region>` is spelt `probe-<region>` on the wire. */
export function probeQueueName(region: string): string {
  return `probe-${region}`;
}

export const RESULTS_QUEUE = 'results';

/** One check of one monitor in one region: its probe spec, flat, with where and when it is due. */
export const probeJobSchema = probeSpecSchema.extend({
  monitorId: z.uuid(),
  region: z.string().min(1),
  slot: z.iso.datetime(),
  /** The schema hash ingest last confirmed: tools only travel back when the hash differs. */
  knownSchemaHash: z.string().nullable(),
});
export type ProbeJob = z.infer<typeof probeJobSchema>;

/**
 * A check's identity on the queue: the same monitor, region and slot is one
 * check however many times it is enqueued (two leaders in a hand-over, a
 * replay, a re-check that falls on a slot).
 */
export function probeJobId(monitorId: string, region: string, slotMs: number): string {
  return `${monitorId}:${region}:${slotMs}`;
}

const toolSchema = z.looseObject({ name: z.string(), inputSchema: z.record(z.string(), z.unknown()) });

export const resultJobSchema = z.object({
  monitorId: z.uuid(),
  region: z.string().min(1),
  slot: z.iso.datetime(),
  result: probeResultSchema,
  tools: z.array(toolSchema).nullable(),
});
export type ResultJob = z.infer<typeof resultJobSchema>;

/** Retry policy per queue: probes are not retried (the next slot is the retry); results must land. */
export const JOB_POLICIES = {
  probe: { attempts: 1 },
  results: { attempts: 20, backoff: { type: 'exponential' as const, delayMs: 1_000 } },
} as const;
