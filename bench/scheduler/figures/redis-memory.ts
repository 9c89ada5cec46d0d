import type { Sample } from '../sampling/sampler.js';

/** What Redis held over the run: the bench is judged on its peak, since jobs come and go. */
export interface RedisMemoryFigures {
  /** used_memory, every client's: Redis is shared with whatever else runs on the machine. */
  usedMb: { atStart: number; peak: number; atEnd: number };
  /** The keys under the bench's prefix just before the roles stopped, and their MEMORY USAGE. */
  own: { keys: number; mb: number };
}

export function redisMemoryFigures(
  atStart: number,
  samples: readonly Sample[],
  atEnd: number,
  own: { keys: number; mb: number },
): RedisMemoryFigures {
  const sampled = samples.map((sample) => sample.redisUsedMb).filter(Number.isFinite);
  return { usedMb: { atStart, peak: Math.max(atStart, atEnd, ...sampled), atEnd }, own };
}
