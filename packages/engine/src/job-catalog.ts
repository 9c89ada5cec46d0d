import { probeResultSchema, probeSpecSchema } from '@mcpulse/core';
import { OAUTH_CLIENT_REGISTRATIONS } from '@mcpulse/core/domain';
import { z } from 'zod';
import { DIRECTORY_SYNC_QUEUE } from './directory/directory-sync-loop.js';
import { WEBHOOK_SUBSCRIBERS_QUEUE, WEBHOOKS_QUEUE } from './webhooks/webhook-job.js';

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

/**
 * Directory monitors (docs/directory.md, "Probing directory endpoints") have a queue of their own in
 * each region, consumed with its own concurrency budget, so thousands of directory checks never wait
 * in front of a user's. Users' queues all start with `probe-`, so no region name makes the two meet.
 */
export function directoryProbeQueueName(region: string): string {
  return `directory-probe-${region}`;
}

/** The queue a check of a monitor goes to in `region`. */
export function checkQueueName(region: string, directory: boolean): string {
  return directory ? directoryProbeQueueName(region) : probeQueueName(region);
}

export const RESULTS_QUEUE = 'results';

/**
 * Every queue of a deployment probing from `regions`, as health and metrics read them: a queue a
 * role adds belongs here, so that its depth and age are measured with no change elsewhere.
 */
export function deploymentQueueNames(regions: readonly string[]): string[] {
  return [
    ...regions.map(probeQueueName),
    ...regions.map(directoryProbeQueueName),
    RESULTS_QUEUE,
    WEBHOOKS_QUEUE,
    WEBHOOK_SUBSCRIBERS_QUEUE,
    DIRECTORY_SYNC_QUEUE,
  ];
}

/** One check of one monitor in one region: its probe spec, flat, with where and when it is due. */
export const probeJobSchema = probeSpecSchema.extend({
  monitorId: z.uuid(),
  region: z.string().min(1),
  slot: z.iso.datetime(),
  /** The schema hash ingest last confirmed: tools only travel back when the hash differs. */
  knownSchemaHash: z.string().nullable(),
  /**
   * The monitor's interval: a check picked up more than this after its slot is skipped, not probed
   * late. Jobs enqueued by a release that did not send it are probed however late.
   */
  intervalSeconds: z.number().int().positive().optional(),
  /**
   * A directory endpoint's declared headers with fixed, non-secret values (public registry data,
   * docs/directory.md): sent under the monitor's own headers, so they never replace one.
   */
  publicHeaders: z.record(z.string(), z.string()).optional(),
  /**
   * A directory monitor's check: the hosted address policy applies to it whatever the worker allows
   * its users, it waits for its host's turn, and it names itself as the directory probe.
   */
  directory: z.boolean().optional(),
  /** How many times a directory check was put back because its host was busy. */
  hostDeferrals: z.number().int().nonnegative().optional(),
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

/** A check its worker did not probe, and why (see prober/late-check.ts). */
export const skippedCheckSchema = z.object({
  reason: z.string().min(1),
  /** When the worker decided: the check's `checkedAt`. */
  decidedAt: z.iso.datetime(),
});
export type SkippedCheck = z.infer<typeof skippedCheckSchema>;

/**
 * A refresh token the check's authorization server rotated (docs/probe.md, "Connect with
 * OAuth"): the monitor's connection with the new token, sealed by the worker to the monitor, and
 * its summary, whose generation orders rotations. The worker holds no database: ingest saves it.
 */
export const connectionRotationSchema = z.object({
  sealed: z.string().min(1),
  connection: z.object({
    connectionId: z.string().min(1),
    generation: z.number().int().nonnegative(),
    issuer: z.string(),
    clientId: z.string(),
    registration: z.enum(OAUTH_CLIENT_REGISTRATIONS),
    scope: z.string().nullable(),
    connectedAt: z.string(),
  }),
});
export type ConnectionRotation = z.infer<typeof connectionRotationSchema>;

/** What a check found, or, for a check that was not probed, why: one of `result` and `skipped`. */
export const resultJobSchema = z
  .object({
    monitorId: z.uuid(),
    region: z.string().min(1),
    slot: z.iso.datetime(),
    result: probeResultSchema.optional(),
    tools: z.array(toolSchema).nullable(),
    skipped: skippedCheckSchema.optional(),
    rotation: connectionRotationSchema.optional(),
  })
  .refine((job) => (job.result === undefined) !== (job.skipped === undefined), {
    path: ['result'],
    message: 'a result job carries either a result or why its check was skipped, not both or neither',
  });
export type ResultJob = z.infer<typeof resultJobSchema>;
/** A result job of a check that was probed. */
export type ProbedResultJob = ResultJob & { result: ResultJob['result'] & {}; skipped?: undefined };

/**
 * How long after its slot a probe job's id still deduplicates. A slot is enqueued twice only when
 * schedulers hand over: the new leader starts from the mark the old one wrote after its last
 * enqueue, so at most one tick's slots (a second and the look-ahead) come again, seconds apart.
 * Re-checks and checks at once are slots of their own. A slot enqueued again after its id is
 * forgotten is probed twice and stored once (ingest is idempotent), so the window only saves work;
 * it is kept short because Redis holds a key per id for all of it.
 */
export const CHECK_DEDUPE_WINDOW_MS = 2 * 60_000;

/**
 * Retry and dedupe policy per queue: probes are not retried (the next slot is the retry); results
 * must land, and are ingested idempotently (ON CONFLICT on monitor, region and slot), so a finished
 * result's id is not remembered at all.
 */
export const JOB_POLICIES = {
  probe: { attempts: 1, dedupeWindowMs: CHECK_DEDUPE_WINDOW_MS },
  results: { attempts: 20, backoff: { type: 'exponential' as const, delayMs: 1_000 }, dedupeWindowMs: 0 },
} as const;
