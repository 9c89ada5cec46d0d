import { storableResult, storableText, type Tool } from '@mcpulse/core';
import { STORABLE_LIMITS } from '@mcpulse/core/domain';
import type { Db } from '@mcpulse/db';
import type { Check } from '../checks/enqueue-checks.js';
import type { ResultJob } from '../job-catalog.js';
import { causedByData, refusalReason } from './data-error.js';
import type { StoredEvent } from './effects-store.js';
import { type IngestSettings, storeBatch } from './store-batch.js';
import { unstorableResult } from './unstorable-result.js';

/** One result the database refused, and why. */
export interface RefusedResult {
  monitorId: string;
  region: string;
  slot: string;
  reason: string;
}

export interface IngestOutcome {
  received: number;
  stored: number;
  /** Results for monitors deleted or paused since their check was scheduled. */
  dropped: number;
  events: StoredEvent[];
  /** Refused results stored as `invalid_response` failures instead. */
  rejected: RefusedResult[];
  /** Refused results that could not be stored even as failures: left out, for good. */
  parked: RefusedResult[];
  /** Re-checks the batch asked for, to enqueue once it is committed. */
  checks: Check[];
}

/** Thrown when every result of a batch was refused: too broad to blame the rows, so the batch is retried. */
export class BatchRefused extends Error {
  override readonly name = 'BatchRefused';
}

function refused(job: ResultJob, reason: string): RefusedResult {
  return { monitorId: job.monitorId, region: job.region, slot: job.slot, reason };
}

function merged(a: IngestOutcome, b: IngestOutcome): IngestOutcome {
  return {
    received: a.received + b.received,
    stored: a.stored + b.stored,
    dropped: a.dropped + b.dropped,
    events: [...a.events, ...b.events],
    rejected: [...a.rejected, ...b.rejected],
    parked: [...a.parked, ...b.parked],
    checks: [...a.checks, ...b.checks],
  };
}

/** A result the database refused: stored as a failure if it can be, parked if not. */
async function storeRefused(
  db: Db,
  job: ResultJob,
  error: unknown,
  now: Date,
  settings: IngestSettings,
): Promise<IngestOutcome> {
  const reason = refusalReason(error);
  // A skip the database refuses has nothing to fall back on: no check ran, so none can fail.
  if (job.result === undefined) {
    return {
      received: 1,
      stored: 0,
      dropped: 0,
      events: [],
      rejected: [],
      parked: [refused(job, reason)],
      checks: [],
    };
  }
  try {
    const outcome = await storeBatch(
      db,
      [unstorableResult({ ...job, result: job.result }, reason)],
      now,
      settings,
    );
    return { ...outcome, rejected: [refused(job, reason)], parked: [] };
  } catch (second) {
    if (!causedByData(second)) throw second;
    const parked = refused(job, `${reason}; as a failure: ${refusalReason(second)}`);
    return { received: 1, stored: 0, dropped: 0, events: [], rejected: [], parked: [parked], checks: [] };
  }
}

/**
 * Stores the batch whole when it can; when the database refuses it because
 * of what some rows hold, splits it in halves until the refused rows are
 * alone, storing every other half as it goes. Failures that are not the data's
 * (the database is down) fail the call, so the whole batch is retried.
 */
async function storeIsolating(
  db: Db,
  jobs: readonly ResultJob[],
  now: Date,
  settings: IngestSettings,
): Promise<IngestOutcome> {
  try {
    return { ...(await storeBatch(db, jobs, now, settings)), rejected: [], parked: [] };
  } catch (error) {
    if (!causedByData(error)) throw error;
    if (jobs.length === 1) return storeRefused(db, jobs[0] as ResultJob, error, now, settings);
    const half = Math.ceil(jobs.length / 2);
    const first = await storeIsolating(db, jobs.slice(0, half), now, settings);
    return merged(first, await storeIsolating(db, jobs.slice(half), now, settings));
  }
}

/**
 * Ingests a batch of results. Each result first passes the storable boundary
 * again (a worker older than it may have sent anything; ingest holds no
 * header values, so secrets were scrubbed, or not, by the worker). One result
 * the database still refuses never holds back the others: they are stored in
 * the same pass, and it is stored as an `invalid_response` failure, or parked
 * with its reason when even that is refused. Only when every result of a
 * batch is refused is the batch retried, since the fault is then unlikely to
 * be the rows'.
 */
export async function ingestBatch(
  db: Db,
  jobs: readonly ResultJob[],
  now: Date,
  settings: IngestSettings = { recheckDelayMs: null },
): Promise<IngestOutcome> {
  const storable = jobs.map((job): ResultJob => {
    if (job.skipped) {
      const reason = storableText(job.skipped.reason, STORABLE_LIMITS.errorMessageChars);
      return { ...job, skipped: { ...job.skipped, reason }, tools: null };
    }
    if (job.result === undefined) return job;
    const { result, tools } = storableResult({ result: job.result, tools: job.tools as Tool[] | null });
    return { ...job, result, tools };
  });
  const outcome = await storeIsolating(db, storable, now, settings);
  if (jobs.length > 1 && outcome.parked.length === jobs.length) {
    throw new BatchRefused(`every result of the batch was refused: ${outcome.parked[0]?.reason}`);
  }
  return outcome;
}
