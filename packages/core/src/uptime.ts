import type { IncidentKind } from './domain/monitor-values.js';
import { intersectSpans, mergeSpans, spansLength, subtractSpans, type TimeSpan } from './time-spans.js';

const DAY_MS = 86_400_000;

/** Something that began and, unless it still goes on, ended. */
export interface Stretch {
  startedAt: Date;
  /** Null while it goes on: it lasts until `now`. */
  endedAt: Date | null;
}

/** What uptime is computed from: a monitor's history as far as docs/uptime.md needs it. */
export interface UptimeHistory {
  /** The first check ever stored for the monitor; null before it has one. */
  firstCheckedAt: Date | null;
  pauses: readonly Stretch[];
  /** Maintenance window occurrences that cover the monitor (its own and its organisation's). */
  maintenance: readonly Stretch[];
  /** Confirmed incidents; unconfirmed failed checks never become one and are not downtime. */
  incidents: ReadonlyArray<Stretch & { kind: IncidentKind }>;
  now: Date;
}

export interface UptimeFigure {
  /** 1 − downtime / monitored time, 0…1; null when the window holds no monitored time. */
  uptime: number | null;
  /** The part of the window after the first check and before now, paused and maintenance time left out. */
  monitoredMs: number;
  /** Monitored time inside a confirmed down incident. */
  downtimeMs: number;
  /** Monitored time inside a confirmed degraded incident: up, yet reported apart. */
  degradedMs: number;
}

export interface DayUptime extends UptimeFigure {
  /** Midnight UTC that starts the day. */
  start: Date;
}

/** A history prepared once, to read any number of windows from. */
export interface UptimeTimeline {
  now: number;
  monitored: TimeSpan[];
  down: TimeSpan[];
  degraded: TimeSpan[];
}

function spansOf(stretches: readonly Stretch[], now: number): TimeSpan[] {
  return mergeSpans(
    stretches.map((stretch) => ({
      from: stretch.startedAt.getTime(),
      to: Math.min(stretch.endedAt?.getTime() ?? now, now),
    })),
  );
}

export function uptimeTimeline(history: UptimeHistory): UptimeTimeline {
  const now = history.now.getTime();
  const first = history.firstCheckedAt?.getTime();
  const watched = first === undefined || first >= now ? [] : [{ from: first, to: now }];
  // Maintenance is neither up nor down: the owner said in advance the server may be away.
  const monitored = subtractSpans(
    subtractSpans(watched, spansOf(history.pauses, now)),
    spansOf(history.maintenance, now),
  );
  const down = spansOf(
    history.incidents.filter((incident) => incident.kind === 'down'),
    now,
  );
  // Time that is both is downtime: an outage is never reported as mere slowness.
  const degraded = subtractSpans(
    spansOf(
      history.incidents.filter((incident) => incident.kind === 'degraded'),
      now,
    ),
    down,
  );
  return { now, monitored, down, degraded };
}

/** The uptime of the window [from, to) by the definition of docs/uptime.md. */
export function uptimeIn(timeline: UptimeTimeline, from: Date, to: Date): UptimeFigure {
  const window = [{ from: from.getTime(), to: Math.min(to.getTime(), timeline.now) }].filter(
    (span) => span.to > span.from,
  );
  const monitored = intersectSpans(timeline.monitored, window);
  const monitoredMs = spansLength(monitored);
  const downtimeMs = spansLength(intersectSpans(timeline.down, monitored));
  const degradedMs = spansLength(intersectSpans(timeline.degraded, monitored));
  return {
    uptime: monitoredMs > 0 ? 1 - downtimeMs / monitoredMs : null,
    monitoredMs,
    downtimeMs,
    degradedMs,
  };
}

/** One figure per UTC day for the last `days` days, oldest first; the last is today, up to now. */
export function uptimeByDay(timeline: UptimeTimeline, days: number): DayUptime[] {
  const today = Math.floor(timeline.now / DAY_MS) * DAY_MS;
  return Array.from({ length: days }, (_, index) => {
    const start = new Date(today - (days - 1 - index) * DAY_MS);
    return { start, ...uptimeIn(timeline, start, new Date(start.getTime() + DAY_MS)) };
  });
}
