import { type Db, latencyWindows, monitorsOverview, uptimeWindows } from '@mcpulse/db';
import { type CallTimings, timeCalls } from './time-calls.js';

export interface ReadFigures {
  /** uptimeWindows then latencyWindows for one monitor: every window up to 90 days, as the two routes ask. */
  monitorWindows: CallTimings;
  uptimeWindows: CallTimings;
  latencyWindows: CallTimings;
  /** The same pair, each repetition on a different monitor, so no plan or page is warm for it alone. */
  monitorWindowsRotating: CallTimings;
  /** monitorsOverview for the whole organisation: 24 h uptime, p95 and sparkline, 30 d uptime. */
  overview: CallTimings;
  overviewMonitors: number;
  /** What the measured calls answered, to show that they read real data. */
  sample: {
    uptime30d: number | null;
    p95Ms30d: number | null;
    checks30d: number;
    overviewUptime24h: number | null;
  };
}

/** Times the query functions behind the API's read routes, directly (bench may not import apps/api). */
export async function measureReads(
  db: Db,
  organizationId: string,
  monitorIds: readonly string[],
  now: Date,
  warmup: number,
  repetitions: number,
): Promise<ReadFigures> {
  const monitorId = monitorIds[0]!;
  const both = async (id: string) => {
    await uptimeWindows(db, id, now);
    await latencyWindows(db, id, now);
  };
  const monitorWindows = await timeCalls(warmup, repetitions, () => both(monitorId));
  const uptime = await timeCalls(warmup, repetitions, () => uptimeWindows(db, monitorId, now));
  const latency = await timeCalls(warmup, repetitions, () => latencyWindows(db, monitorId, now));
  const rotating = await timeCalls(warmup, repetitions, (i) =>
    both(monitorIds[(i * 7919 + 1) % monitorIds.length]!),
  );
  const overview = await timeCalls(warmup, repetitions, () => monitorsOverview(db, organizationId, now));

  const uptimeAnswer = await uptimeWindows(db, monitorId, now);
  const latencyAnswer = await latencyWindows(db, monitorId, now);
  const listed = await monitorsOverview(db, organizationId, now);
  return {
    monitorWindows,
    uptimeWindows: uptime,
    latencyWindows: latency,
    monitorWindowsRotating: rotating,
    overview,
    overviewMonitors: listed.length,
    sample: {
      uptime30d: uptimeAnswer.windows['30d'].uptime,
      p95Ms30d: latencyAnswer['30d'].overall.p95,
      checks30d: uptimeAnswer.windows['30d'].checks.total,
      overviewUptime24h: listed[0]?.uptime24h ?? null,
    },
  };
}
