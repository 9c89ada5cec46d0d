import { QueueClosed } from '../errors.js';
import { type Backoff, backoffDelay, type ResolvedJobOptions } from '../job-options.js';
import type { QueueDepth } from '../types.js';

export interface StoredJob {
  id: string;
  /** Added with a caller-chosen id, which then deduplicates. */
  custom: boolean;
  /** How long the id is remembered once the job has finished. */
  dedupeWindowMs: number;
  data: unknown;
  enqueuedAt: number;
  attempts: number;
  backoff: Backoff | undefined;
  failures: number;
  /** When it last joined the waiting line (added, or its delay or backoff over). */
  readyAt: number;
}

/** A consumer as the queue sees it: something with free slots that takes jobs. */
export interface JobTaker {
  hasCapacity(): boolean;
  take(job: StoredJob): void;
}

/** One queue's jobs, held in process: waiting in order, delayed on timers, and counted while active. */
export class MemoryQueue {
  private readonly waiting: StoredJob[] = [];
  private readonly timers = new Map<StoredJob, NodeJS.Timeout>();
  private readonly liveIds = new Set<string>();
  /**
   * Finished custom ids and their finish times, kept so a re-added id still deduplicates: one map
   * per dedupe window, so each holds its ids oldest first and forgetting stops at the first young one.
   */
  private readonly finishedIds = new Map<number, Map<string, number>>();
  private readonly takers = new Set<JobTaker>();
  private active = 0;
  private lastId = 0;
  private closed = false;

  constructor(readonly name: string) {}

  add(data: unknown, options: ResolvedJobOptions): void {
    if (this.closed) throw new QueueClosed(this.name);
    const { jobId } = options;
    if (jobId !== undefined) {
      this.forgetExpiredIds();
      if (this.liveIds.has(jobId) || this.finishedRecently(jobId)) return;
      this.liveIds.add(jobId);
    }
    const job: StoredJob = {
      id: jobId ?? String(++this.lastId),
      custom: jobId !== undefined,
      dedupeWindowMs: options.dedupeWindowMs,
      data,
      enqueuedAt: Date.now(),
      attempts: options.attempts,
      backoff: options.backoff,
      failures: 0,
      readyAt: 0,
    };
    this.schedule(job, options.delayMs);
  }

  attach(taker: JobTaker): void {
    if (this.closed) throw new QueueClosed(this.name);
    this.takers.add(taker);
    this.pump();
  }

  detach(taker: JobTaker): void {
    this.takers.delete(taker);
  }

  complete(job: StoredJob): void {
    this.active--;
    this.finish(job);
    this.pump();
  }

  fail(job: StoredJob, retry: boolean): void {
    this.active--;
    if (retry && !this.closed) {
      job.failures++;
      this.schedule(job, backoffDelay(job.backoff, job.failures));
    } else {
      this.finish(job);
    }
    this.pump();
  }

  depth(): QueueDepth {
    return { waiting: this.waiting.length, delayed: this.timers.size, active: this.active };
  }

  oldestWaiting(): number | null {
    return this.waiting[0]?.readyAt ?? null;
  }

  /** Drops what has not started: in-process jobs do not outlive the process anyway. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.waiting.length = 0;
    this.takers.clear();
  }

  pump(): void {
    for (const taker of this.takers) {
      while (this.waiting.length > 0 && taker.hasCapacity()) {
        const job = this.waiting.shift()!;
        this.active++;
        taker.take(job);
      }
    }
  }

  private schedule(job: StoredJob, delayMs: number): void {
    if (delayMs <= 0) {
      job.readyAt = Date.now();
      this.waiting.push(job);
      this.pump();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(job);
      job.readyAt = Date.now();
      this.waiting.push(job);
      this.pump();
    }, delayMs);
    // A pending retry hours away must not keep an otherwise finished process alive.
    timer.unref();
    this.timers.set(job, timer);
  }

  private finish(job: StoredJob): void {
    if (!job.custom) return;
    this.liveIds.delete(job.id);
    if (job.dedupeWindowMs === 0) return;
    let ids = this.finishedIds.get(job.dedupeWindowMs);
    if (!ids) {
      ids = new Map();
      this.finishedIds.set(job.dedupeWindowMs, ids);
    }
    ids.delete(job.id);
    ids.set(job.id, Date.now());
  }

  private finishedRecently(id: string): boolean {
    for (const ids of this.finishedIds.values()) if (ids.has(id)) return true;
    return false;
  }

  private forgetExpiredIds(): void {
    const now = Date.now();
    for (const [windowMs, ids] of this.finishedIds) {
      for (const [id, finishedAt] of ids) {
        if (finishedAt > now - windowMs) break;
        ids.delete(id);
      }
    }
  }
}
