import { z } from 'zod';
import { parseOptions } from './parse-options.js';
import type { BatchConsumerOptions, ConsumerOptions } from './types.js';

const DEFAULT_LOCK_MS = 30_000;

const consumerOptionsSchema = z.strictObject({
  concurrency: z.number().int().min(1),
  lockMs: z.number().int().min(1).default(DEFAULT_LOCK_MS),
});

const batchOptionsSchema = z.strictObject({
  maxBatch: z.number().int().min(1),
  maxWaitMs: z.number().int().min(0),
  lockMs: z.number().int().min(1).default(DEFAULT_LOCK_MS),
});

export type ResolvedConsumerOptions = z.output<typeof consumerOptionsSchema>;

export function resolveConsumerOptions(options: ConsumerOptions): ResolvedConsumerOptions {
  return parseOptions(consumerOptionsSchema, options, 'consumer options');
}

export function resolveBatchOptions(options: BatchConsumerOptions): z.output<typeof batchOptionsSchema> {
  return parseOptions(batchOptionsSchema, options, 'batch consumer options');
}
