import type { DayUptime } from '@mcpulse/contract';
import { formatDay, formatDuration, formatUptime } from '../lib/format.js';

function tone(day: DayUptime): string {
  if (day.uptime === null) return 'none';
  if (day.uptime < 0.95) return 'bad';
  if (day.uptime < 1) return 'warn';
  return day.degradedMs > 0 ? 'warn-soft' : 'good';
}

function words(day: DayUptime): string {
  const date = formatDay(day.start);
  if (day.uptime === null) return `${date}: no data (not monitored)`;
  const down = day.downtimeMs > 0 ? `, down ${formatDuration(day.downtimeMs)}` : '';
  const degraded = day.degradedMs > 0 ? `, degraded ${formatDuration(day.degradedMs)}` : '';
  return `${date}: ${formatUptime(day.uptime)} up${down}${degraded}`;
}

/**
 * 90 daily bars as the API computed them; each carries its day, uptime and
 * downtime in words for screen readers and as a tooltip. The caption is the
 * 90-day window's uptime, the same figure as the headline's.
 */
export function UptimeBars({ days, ninetyDays }: { days: DayUptime[]; ninetyDays: number | null }) {
  return (
    <figure className="uptime-bars">
      <ol className="uptime-bar-list" aria-label="Uptime per day (UTC), the last 90 days">
        {days.map((day) => (
          <li key={day.start} className={`uptime-bar uptime-${tone(day)}`} title={words(day)}>
            <span className="visually-hidden">{words(day)}</span>
          </li>
        ))}
      </ol>
      <figcaption className="uptime-bars-caption">
        <span>90 days ago</span>
        <span data-testid="uptime-90d-caption">
          {ninetyDays === null ? 'no data yet' : `${formatUptime(ninetyDays, 3)} over 90 days`}
        </span>
        <span>today</span>
      </figcaption>
    </figure>
  );
}
