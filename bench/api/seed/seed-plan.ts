export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** The time ranges a seeded database covers, all half-open [from, to) and UTC-aligned. */
export interface SeedPlan {
  /** Reads are measured as of this instant: the end of the seeded data. */
  now: Date;
  /** Raw results (and minute rollups) cover these minutes; `from` is a whole hour. */
  raw: { from: Date; to: Date };
  /** Hour rollups made up from templates, for the history before the raw results. */
  history: { from: Date; to: Date };
  /** Ingest writes after this minute, where nothing is seeded yet. */
  ingestFrom: Date;
  monitors: number;
  days: number;
  rollupDays: number;
}

const floorTo = (ms: number, unit: number) => Math.floor(ms / unit) * unit;

export function seedPlan(now: Date, monitors: number, days: number, rollupDays: number): SeedPlan {
  const end = floorTo(now.getTime(), MINUTE_MS);
  const rawFrom = floorTo(end - days * DAY_MS, HOUR_MS);
  const historyFrom = floorTo(end - rollupDays * DAY_MS, DAY_MS);
  return {
    now: new Date(end),
    raw: { from: new Date(rawFrom), to: new Date(end) },
    history: { from: new Date(Math.min(historyFrom, rawFrom)), to: new Date(rawFrom) },
    ingestFrom: new Date(end),
    monitors,
    days,
    rollupDays,
  };
}

/** [from, to) cut at UTC midnights, so each chunk is one statement over about one partition. */
export function dayChunks(from: Date, to: Date): Array<{ from: Date; to: Date }> {
  const chunks: Array<{ from: Date; to: Date }> = [];
  for (let start = from.getTime(); start < to.getTime(); ) {
    const end = Math.min(floorTo(start, DAY_MS) + DAY_MS, to.getTime());
    chunks.push({ from: new Date(start), to: new Date(end) });
    start = end;
  }
  return chunks;
}
