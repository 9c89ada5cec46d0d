import type { z } from 'zod';

export interface JobOptions {
  /**
   * Deduplicates: adding a job whose id is waiting, delayed or active is a no-op, and so is adding it
   * again within `dedupeWindowMs` after it was due (added + delayed).
   */
  jobId?: string;
  /**
   * How long after it was due a finished job's id still deduplicates; 0: not at all once it has
   * finished. Only the id is remembered, not the job. Defaults to the backend's window.
   */
  dedupeWindowMs?: number;
  delayMs?: number;
  /** Total tries, the first included. Defaults to 1 (no retry). */
  attempts?: number;
  backoff?: { type: 'exponential' | 'fixed'; delayMs: number };
}

export interface Job<T> {
  id: string;
  /** The queue the job came from. */
  name: string;
  data: T;
  /** 1 on the first delivery, 2 on the first retry. */
  attempt: number;
  /** Epoch milliseconds of the add. */
  enqueuedAt: number;
}

export interface Producer<T> {
  /** Validates `data` with the queue's schema and throws `InvalidJobData` before anything is stored. */
  add(data: T, options?: JobOptions): Promise<void>;
  /** All items are validated before any is stored. */
  addBulk(items: ReadonlyArray<{ data: T; options?: JobOptions }>): Promise<void>;
}

export interface ConsumerOptions {
  /** Handlers running at once in this consumer. */
  concurrency: number;
  /**
   * How long a job stays claimed by a consumer that stops renewing it; after that (a crash, kill -9)
   * it is delivered again. Defaults to 30 s. Only the BullMQ backend can lose a consumer this way.
   */
  lockMs?: number;
}

export interface BatchConsumerOptions {
  maxBatch: number;
  /** How long the first job of a batch waits for more before the batch goes out short. */
  maxWaitMs: number;
  lockMs?: number;
}

export interface Consumer {
  /** Takes no new job, lets running handlers finish, then releases its connections. */
  close(): Promise<void>;
}

export type JobHandler<T> = (job: Job<T>) => Promise<void>;
export type BatchHandler<T> = (jobs: Job<T>[]) => Promise<void>;

export interface QueueDepth {
  waiting: number;
  delayed: number;
  active: number;
}

/**
 * Both backends keep these promises: every added job reaches a handler at least once, so handlers
 * must be idempotent; a handler that throws is retried per the job's `attempts` and `backoff`, unless
 * it throws `PermanentJobError`; job data must survive JSON (it is stored as JSON by BullMQ, and the
 * memory backend copies it the same way so both behave alike).
 */
export interface QueueBackend {
  /** `defaults` apply to every job this producer adds, under the options given per job. */
  producer<T>(queue: string, schema: z.ZodType<T>, defaults?: JobOptions): Producer<T>;
  consume<T>(queue: string, schema: z.ZodType<T>, handler: JobHandler<T>, options: ConsumerOptions): Consumer;
  /**
   * The handler gets up to `maxBatch` jobs; if it throws, every job of the batch fails and is retried
   * per its own options (at-least-once: the handler must be idempotent).
   */
  consumeBatch<T>(
    queue: string,
    schema: z.ZodType<T>,
    handler: BatchHandler<T>,
    options: BatchConsumerOptions,
  ): Consumer;
  depth(queue: string): Promise<QueueDepth>;
  /**
   * Epoch milliseconds since which the job next in line has been ready to run (added, or its delay
   * or backoff over); null when nothing waits. How far behind the queue's consumers are (metrics).
   */
  oldestWaiting(queue: string): Promise<number | null>;
  /**
   * Records that `name` (a worker, or what it serves) is alive now, where every backend on the same
   * store can read it: a worker beats every few seconds, and a reader judges it silent once its
   * newest beat is old. Names follow the rules of queue names.
   */
  beat(name: string): Promise<void>;
  /** The newest beat of every name that ever beat on this store, by the clock of whoever beat. */
  beats(): Promise<Map<string, Date>>;
  /** Rejects when the queue store cannot be reached. */
  ping(): Promise<void>;
  /** Closes every consumer (gracefully) and producer this backend opened. */
  close(): Promise<void>;
}
