import { type Db, insertResults } from '@mcpulse/db';
import type { MonitorProfile } from '../seed/monitor-profiles.js';
import { seededRandom } from '../seed/random.js';
import { MINUTE_MS } from '../seed/seed-plan.js';
import { ingestRows } from './ingest-rows.js';
import { type CallTimings, summarize } from './time-calls.js';

export interface IngestFigures {
  batchSize: number;
  rows: number;
  inserted: number;
  batches: number;
  wallMs: number;
  rowsPerSecond: number;
  /** Time of one insertResults call, batch by batch. */
  batch: CallTimings;
}

/**
 * Ingests `rows` new results with insertResults, `batchSize` at a time, one
 * batch after another, into minutes after everything already stored; one
 * batch of the same size goes first, unmeasured. Rows are built before the
 * clock starts, so only the database work and its driver are timed.
 */
export async function measureIngest(
  db: Db,
  profiles: readonly MonitorProfile[],
  monitorIds: readonly string[],
  fromMinute: Date,
  rows: number,
  batchSize: number,
): Promise<{ figures: IngestFigures; nextMinute: Date }> {
  const all = ingestRows(seededRandom(batchSize), profiles, monitorIds, fromMinute, batchSize + rows);
  await insertResults(db, all.slice(0, batchSize));
  const measured = all.slice(batchSize);
  const samples: number[] = [];
  let inserted = 0;
  const started = performance.now();
  for (let offset = 0; offset < measured.length; offset += batchSize) {
    const batchStarted = performance.now();
    const result = await insertResults(db, measured.slice(offset, offset + batchSize));
    samples.push(performance.now() - batchStarted);
    inserted += result.inserted.length;
  }
  const wallMs = performance.now() - started;
  const last = all[all.length - 1]!.slot.getTime();
  return {
    figures: {
      batchSize,
      rows: measured.length,
      inserted,
      batches: samples.length,
      wallMs,
      rowsPerSecond: (measured.length / wallMs) * 1000,
      batch: summarize(samples),
    },
    nextMinute: new Date(Math.floor(last / MINUTE_MS) * MINUTE_MS + MINUTE_MS),
  };
}
