import type { Monitor, WindowName } from '@mcpulse/contract';
import { getUptime } from '../../api/monitors-api.js';
import { UptimeBars } from '../../components/uptime-bars.js';
import { formatUptime } from '../../lib/format.js';
import { useReloadOn, useResource } from '../../lib/use-resource.js';

const WINDOWS: { name: WindowName; label: string }[] = [
  { name: '24h', label: '24 hours' },
  { name: '7d', label: '7 days' },
  { name: '30d', label: '30 days' },
  { name: '90d', label: '90 days' },
];

/** Every figure here comes from the API, which computes uptime in one place (docs/uptime.md). */
export function UptimeSection({ monitor }: { monitor: Monitor }) {
  const uptime = useResource((signal) => getUptime(monitor.id, signal), `uptime:${monitor.id}`, 30_000);
  useReloadOn(monitor.lastCheckedAt, uptime.reload);
  useReloadOn(monitor.status, uptime.reload);
  return (
    <section className="section" aria-labelledby="uptime-title">
      <h2 id="uptime-title">Uptime</h2>
      <dl className="stat-row">
        {WINDOWS.map((window) => {
          const figures = uptime.data?.windows[window.name];
          return (
            <div key={window.name} className="stat" data-window={window.name}>
              <dt>{window.label}</dt>
              <dd className="stat-value">{figures ? formatUptime(figures.uptime, 3) : '—'}</dd>
              <dd className="stat-note">
                {figures
                  ? `${figures.checks.total} check${figures.checks.total === 1 ? '' : 's'}, ${figures.checks.down} failed`
                  : '—'}
              </dd>
            </div>
          );
        })}
      </dl>
      {uptime.data ? (
        <UptimeBars days={uptime.data.days} ninetyDays={uptime.data.windows['90d'].uptime} />
      ) : null}
    </section>
  );
}
