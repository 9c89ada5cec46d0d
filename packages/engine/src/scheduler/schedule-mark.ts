import type { Redis } from 'ioredis';

/**
 * How far the schedule has been enqueued, kept where a standby can read it:
 * a new leader starts where the last one stopped, so the slots that fell due
 * while nobody led (a leader killed without a hand-over) are still probed.
 */
export interface ScheduleMark {
  /** Epoch ms up to which every slot has been enqueued, or null when nothing was recorded. */
  read(): Promise<number | null>;
  write(untilMs: number): Promise<void>;
}

/** One process is the only scheduler (the embedded mode): the mark lives as long as the process. */
export function memoryScheduleMark(): ScheduleMark {
  let mark: number | null = null;
  return {
    read: async () => mark,
    async write(untilMs) {
      mark = untilMs;
    },
  };
}

/** The schedule outlives a day of leaderless time at most: older marks are of no use to replay. */
const MARK_TTL_SECONDS = 86_400;

export function redisScheduleMark(redis: Redis, key: string): ScheduleMark {
  return {
    async read() {
      const value = await redis.get(key);
      const mark = value === null ? Number.NaN : Number(value);
      return Number.isFinite(mark) ? mark : null;
    },
    async write(untilMs) {
      await redis.set(key, String(untilMs), 'EX', MARK_TTL_SECONDS);
    },
  };
}
