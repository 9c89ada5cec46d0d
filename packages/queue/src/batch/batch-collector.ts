import type { Logger } from '@mcpulse/config';
import { toError } from '../to-error.js';
import type { BatchHandler, Job } from '../types.js';
import { BatchFailed } from './batch-failed.js';

interface Pending<T> {
  job: Job<T>;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Gathers jobs handed over one at a time into batches of at most `maxBatch`, sent when full or
 * `maxWaitMs` after the first job arrived. Each job's promise settles with its batch, so the backend
 * completes or fails every job of a batch together.
 */
export class BatchCollector<T> {
  private pending: Pending<T>[] = [];
  private timer: NodeJS.Timeout | undefined;
  private draining = false;

  constructor(
    private readonly queue: string,
    private readonly handler: BatchHandler<T>,
    private readonly maxBatch: number,
    private readonly maxWaitMs: number,
    private readonly logger: Logger,
  ) {}

  add(job: Job<T>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ job, resolve, reject });
      if (this.draining || this.pending.length >= this.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.maxWaitMs);
    });
  }

  /** Sends what is gathered now, and every later job at once: a closing consumer should not sit out the wait. */
  drain(): void {
    this.draining = true;
    this.flush();
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    Promise.resolve()
      .then(() => this.handler(batch.map((entry) => entry.job)))
      .then(
        () => {
          for (const entry of batch) entry.resolve();
        },
        (thrown: unknown) => {
          const error = new BatchFailed(batch.length, toError(thrown));
          this.logger.warn({ queue: this.queue, size: batch.length, err: error.cause }, 'batch failed');
          for (const entry of batch) entry.reject(error);
        },
      );
  }
}
