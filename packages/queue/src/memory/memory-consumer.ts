import type { Logger } from '@mcpulse/config';
import type { z } from 'zod';
import { deliver } from '../deliver.js';
import type { Consumer, JobHandler } from '../types.js';
import type { JobTaker, MemoryQueue, StoredJob } from './memory-queue.js';

export class MemoryConsumer<T> implements Consumer, JobTaker {
  private inFlight = 0;
  private closing: Promise<void> | undefined;
  private onIdle: (() => void) | undefined;

  constructor(
    private readonly queue: MemoryQueue,
    private readonly schema: z.ZodType<T>,
    private readonly handler: JobHandler<T>,
    private readonly concurrency: number,
    private readonly logger: Logger,
  ) {}

  hasCapacity(): boolean {
    return this.closing === undefined && this.inFlight < this.concurrency;
  }

  take(job: StoredJob): void {
    this.inFlight++;
    void this.run(job);
  }

  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      this.queue.detach(this);
      if (this.inFlight === 0) resolve();
      else this.onIdle = resolve;
    });
    return this.closing;
  }

  private async run(job: StoredJob): Promise<void> {
    const outcome = await deliver(
      this.queue.name,
      this.schema,
      this.handler,
      {
        id: job.id,
        data: job.data,
        attempt: job.failures + 1,
        attempts: job.attempts,
        enqueuedAt: job.enqueuedAt,
      },
      this.logger,
    );
    // The slot is freed before the queue hears back, so the queue can refill it straight away.
    this.inFlight--;
    if (outcome.ok) this.queue.complete(job);
    else this.queue.fail(job, outcome.retry);
    if (this.inFlight === 0) this.onIdle?.();
  }
}
