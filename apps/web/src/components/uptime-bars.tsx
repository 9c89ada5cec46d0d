import type { Incident } from '../api/types.js';
import { formatDay, formatDuration, formatPercent } from '../lib/format.js';
import { uptimeDays } from '../lib/uptime-days.js';

function tone(uptime: number | null, degradedMs: number): string {
  if (uptime === null) return 'none';
  if (uptime < 0.95) return 'bad';
  if (uptime < 1) return 'warn';
  return degradedMs > 0 ? 'warn-soft' : 'good';
}

/** 90 daily bars; each carries its day, uptime and downtime in words for screen readers and as a tooltip. */
export function UptimeBars({
  incidents,
  createdAt,
  now,
}: {
  incidents: Incident[];
  createdAt: string;
  now: number;
}) {
  const days = uptimeDays(incidents, createdAt, now);
  const monitored = days.filter((day) => day.uptime !== null);
  const average = monitored.length
    ? monitored.reduce((sum, day) => sum + (day.uptime ?? 0), 0) / monitored.length
    : null;
  return (
    <figure className="uptime-bars">
      <ol className="uptime-bar-list" aria-label="Uptime per day, the last 90 days">
        {days.map((day) => {
          const date = formatDay(new Date(day.start).toISOString());
          const words =
            day.uptime === null
              ? `${date}: not monitored yet`
              : `${date}: ${formatPercent(day.uptime)} up${day.downMs > 0 ? `, down ${formatDuration(day.downMs)}` : ''}${
                  day.degradedMs > 0 ? `, degraded ${formatDuration(day.degradedMs)}` : ''
                }`;
          return (
            <li
              key={day.start}
              className={`uptime-bar uptime-${tone(day.uptime, day.degradedMs)}`}
              title={words}
            >
              <span className="visually-hidden">{words}</span>
            </li>
          );
        })}
      </ol>
      <figcaption className="uptime-bars-caption">
        <span>90 days ago</span>
        <span>
          {average === null ? 'no data yet' : `${formatPercent(average, 3)} over the days monitored`}
        </span>
        <span>today</span>
      </figcaption>
    </figure>
  );
}
