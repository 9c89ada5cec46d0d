import type { Logger } from '@mcpulse/config';
import { MONITOR_LIMITS } from '@mcpulse/core/domain';
import type { Db } from '@mcpulse/db';
import type { Producer, QueueBackend } from '@mcpulse/queue';
import { checkQueueName, JOB_POLICIES, type ProbeJob, probeJobId, probeJobSchema } from '../job-catalog.js';
import type { Leadership } from './leadership.js';
import {
  loadScheduledMonitors,
  type ScheduledMonitor,
  scheduledMonitorsFingerprint,
} from './monitor-source.js';
import type { ScheduleMark } from './schedule-mark.js';
import { dueSlots } from './slots.js';

export interface SchedulerOptions {
  db: Db;
  queues: QueueBackend;
  leadership: Leadership;
  /** Where the schedule has been enqueued up to: a new leader replays from there. */
  mark: ScheduleMark;
  logger: Logger;
  /** How often due slots are enqueued. */
  tickMs?: number;
  /** Slots are enqueued this far ahead, delayed to their start, so they start on time. */
  lookaheadMs?: number;
  /** Monitor changes are picked up at least this often (the issue asks for 5 s). */
  refreshMs?: number;
  /** However unchanged the fingerprint, every monitor is reloaded this often. */
  fullReloadMs?: number;
  now?: () => number;
}

export interface Scheduler {
  /** Reload monitors at once (a monitor was created, changed or deleted in this process). */
  refresh(): void;
  stop(): Promise<void>;
  /** `reloads`: how many times every monitor was read, which an unchanged fingerprint spares. */
  stats(): { enqueued: number; monitors: number; leader: boolean; reloads: number };
}

/**
 * Enqueues one probe job per monitor, region and slot on `probe:<region>`. The
 * job id is the slot's identity, so a slot enqueued twice (two leaders during
 * a hand-over, a restart) is still probed once.
 */
/** A new leader never replays more than the longest interval a monitor may have. */
const MAX_REPLAY_MS = MONITOR_LIMITS.intervalSeconds.max * 1000;

export function startScheduler(options: SchedulerOptions): Scheduler {
  const tickMs = options.tickMs ?? 1_000;
  const lookaheadMs = options.lookaheadMs ?? 2_000;
  const refreshMs = options.refreshMs ?? 2_000;
  const fullReloadMs = options.fullReloadMs ?? 300_000;
  const now = options.now ?? Date.now;
  const producers = new Map<string, Producer<ProbeJob>>();
  let monitors: ScheduledMonitor[] = [];
  let scheduledUntil: number | null = null;
  let lastRefresh = 0;
  let lastFullReload = 0;
  let fingerprint: string | null = null;
  let refreshWanted = true;
  let enqueued = 0;
  let reloads = 0;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  const producerFor = (queue: string) => {
    let producer = producers.get(queue);
    if (!producer) {
      producer = options.queues.producer(queue, probeJobSchema, JOB_POLICIES.probe);
      producers.set(queue, producer);
    }
    return producer;
  };

  const tick = async () => {
    if (!options.leadership.isLeader()) {
      scheduledUntil = null;
      return;
    }
    const current = now();
    if (refreshWanted || current - lastRefresh >= refreshMs) {
      const wanted = refreshWanted || current - lastFullReload >= fullReloadMs;
      refreshWanted = false;
      lastRefresh = current;
      // Polling compares a fingerprint computed in the database; the monitors travel only when it moved.
      const seen = await scheduledMonitorsFingerprint(options.db);
      if (wanted || seen !== fingerprint) {
        monitors = await loadScheduledMonitors(options.db);
        fingerprint = seen;
        lastFullReload = current;
        reloads += 1;
      }
    }
    // A new leader starts where the schedule was last enqueued, so a slot that fell due while nobody
    // led is still probed, late by the hand-over; a slot older than its monitor's interval is not.
    let replayFrom: number | null = null;
    if (scheduledUntil === null) {
      const mark = await options.mark.read();
      scheduledUntil = mark === null ? current : Math.min(current, Math.max(mark, current - MAX_REPLAY_MS));
      if (scheduledUntil < current) {
        replayFrom = scheduledUntil;
        options.logger.info(
          { fromMs: scheduledUntil, missedMs: current - scheduledUntil },
          'replaying missed slots',
        );
      }
    }
    const from = scheduledUntil;
    const until = current + lookaheadMs;
    if (until <= from) return;
    const byQueue = new Map<string, Array<{ data: ProbeJob; options: { jobId: string; delayMs: number } }>>();
    for (const monitor of monitors) {
      const oldest = current - monitor.intervalSeconds * 1000;
      for (const slot of dueSlots(monitor, from, until)) {
        if (replayFrom !== null && slot.slotMs <= oldest) continue;
        const queue = checkQueueName(slot.region, monitor.directory);
        const batch = byQueue.get(queue) ?? [];
        batch.push({
          data: { ...monitor.job, region: slot.region, slot: new Date(slot.slotMs).toISOString() },
          options: {
            jobId: probeJobId(monitor.id, slot.region, slot.slotMs),
            delayMs: Math.max(0, slot.slotMs - current),
          },
        });
        byQueue.set(queue, batch);
      }
    }
    for (const [queue, jobs] of byQueue) {
      await producerFor(queue).addBulk(jobs);
      enqueued += jobs.length;
    }
    scheduledUntil = until;
    await options.mark.write(until);
  };

  const loop = async () => {
    while (!stopped) {
      const started = now();
      running = tick().catch((error: unknown) => {
        options.logger.error({ err: error }, 'scheduler tick failed; retrying on the next tick');
      });
      await running;
      const wait = Math.max(0, tickMs - (now() - started));
      await new Promise((resolve) => {
        timer = setTimeout(resolve, wait);
      });
    }
  };
  let timer: NodeJS.Timeout | undefined;
  void loop();

  return {
    refresh() {
      refreshWanted = true;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      await options.leadership.stop();
    },
    stats: () => ({ enqueued, monitors: monitors.length, leader: options.leadership.isLeader(), reloads }),
  };
}
