import { incidentsSince } from '../../api/incidents.js';
import { getUptime } from '../../api/monitors-api.js';
import type { Monitor, WindowName } from '../../api/types.js';
import { UptimeBars } from '../../components/uptime-bars.js';
import { formatPercent } from '../../lib/format.js';
import { useNow, useReloadOn, useResource } from '../../lib/use-resource.js';

const WINDOWS: { name: WindowName; label: string }[] = [
  { name: '24h', label: '24 hours' },
  { name: '7d', label: '7 days' },
  { name: '30d', label: '30 days' },
  { name: '90d', label: '90 days' },
];
const NINETY_DAYS_MS = 90 * 86_400_000;

export function UptimeSection({ monitor }: { monitor: Monitor }) {
  const now = useNow(60_000);
  const uptime = useResource((signal) => getUptime(monitor.id, signal), `uptime:${monitor.id}`, 30_000);
  const incidents = useResource(
    (signal) => incidentsSince(monitor.id, Date.now() - NINETY_DAYS_MS, signal),
    `incidents90:${monitor.id}`,
    30_000,
  );
  useReloadOn(monitor.lastCheckedAt, uptime.reload);
  useReloadOn(monitor.status, incidents.reload);
  return (
    <section className="section" aria-labelledby="uptime-title">
      <h2 id="uptime-title">Uptime</h2>
      <dl className="stat-row">
        {WINDOWS.map((window) => {
          const figures = uptime.data?.windows[window.name].overall;
          return (
            <div key={window.name} className="stat">
              <dt>{window.label}</dt>
              <dd className="stat-value">{formatPercent(figures?.uptime ?? null, 3)}</dd>
              <dd className="stat-note">
                {figures
                  ? `${figures.checks} check${figures.checks === 1 ? '' : 's'}, ${figures.down} failed`
                  : '—'}
              </dd>
            </div>
          );
        })}
      </dl>
      {incidents.data ? (
        <UptimeBars incidents={incidents.data} createdAt={monitor.createdAt} now={now} />
      ) : null}
    </section>
  );
}
