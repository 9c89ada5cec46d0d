import type { Monitor } from '@mcpulse/contract';
import { getResults } from '../../api/monitors-api.js';
import { AuthSummary } from '../../components/auth-summary.js';
import { ProbeErrorText } from '../../components/probe-result-panel.js';
import { StatusBadge } from '../../components/status-badge.js';
import { formatAgo, formatDateTime, formatDuration, formatMs } from '../../lib/format.js';
import { type RegionStatus, regionStatuses } from '../../lib/region-status.js';
import { useNow, useReloadOn, useResource } from '../../lib/use-resource.js';

/** The newest check of every region: where it works, where it fails and how, and where nothing reports. */
export function RegionStatusSection({ monitor }: { monitor: Monitor }) {
  const now = useNow();
  const results = useResource(
    (signal) => getResults(monitor.id, { limit: Math.min(500, monitor.regions.length * 4) }, signal),
    `latest:${monitor.id}`,
    10_000,
  );
  useReloadOn(monitor.lastCheckedAt, results.reload);
  const regions = regionStatuses(monitor, results.data?.items ?? [], now);
  return (
    <section className="section" aria-labelledby="regions-title">
      <h2 id="regions-title">Status by region</h2>
      <ul className="region-cards">
        {regions.map((status) => (
          <RegionCard key={status.region} status={status} monitor={monitor} now={now} />
        ))}
      </ul>
    </section>
  );
}

function RegionCard({ status, monitor, now }: { status: RegionStatus; monitor: Monitor; now: number }) {
  const { region, latest, skipped, silent, silentSince } = status;
  return (
    <li className="card region-card" data-region={region} data-silent={silent ? 'true' : undefined}>
      <div className="region-card-head">
        <span className="region-name">{region}</span>
        {latest ? <StatusBadge status={latest.status} /> : <StatusBadge status="pending" />}
      </div>
      {silent ? (
        <p className="region-silent">
          <strong>Silent</strong>{' '}
          {silentSince
            ? `since ${formatDateTime(silentSince)} (${formatAgo(silentSince, now)})`
            : 'for longer than the latest results go back'}
          : no check from this region for more than {formatDuration(2 * monitor.intervalSeconds * 1000)}. Its
          probe worker is down or behind, and the other regions confirm this monitor&apos;s status meanwhile.
        </p>
      ) : null}
      {latest ? (
        <>
          <p className="muted">
            {formatAgo(latest.checkedAt, now)} · {formatMs(latest.timings.totalMs)}
            {latest.protocolVersion ? ` · MCP ${latest.protocolVersion}` : ''}
          </p>
          {latest.error ? <ProbeErrorText error={latest.error} httpAlive={latest.httpAlive} /> : null}
          {latest.auth ? <AuthSummary auth={latest.auth} /> : null}
        </>
      ) : silent ? null : (
        <p className="muted">
          Waiting for the first check from this region (within {monitor.intervalSeconds} s).
        </p>
      )}
      {skipped ? (
        <p className="muted region-skipped">
          <StatusBadge status="skipped" /> the check due {formatDateTime(skipped.slot)}: {skipped.skipReason}
        </p>
      ) : null}
    </li>
  );
}
