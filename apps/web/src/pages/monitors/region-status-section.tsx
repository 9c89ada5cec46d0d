import { getResults } from '../../api/monitors-api.js';
import type { Monitor } from '../../api/types.js';
import { ProbeErrorText } from '../../components/probe-result-panel.js';
import { StatusBadge } from '../../components/status-badge.js';
import { formatAgo, formatMs } from '../../lib/format.js';
import { latestPerRegion } from '../../lib/latency-series.js';
import { useNow, useReloadOn, useResource } from '../../lib/use-resource.js';

/** The newest check of every region: where it works, where it fails and how. */
export function RegionStatusSection({ monitor }: { monitor: Monitor }) {
  const now = useNow();
  const results = useResource(
    (signal) => getResults(monitor.id, { limit: Math.min(500, monitor.regions.length * 4) }, signal),
    `latest:${monitor.id}`,
    10_000,
  );
  useReloadOn(monitor.lastCheckedAt, results.reload);
  const latest = latestPerRegion(results.data?.items ?? []);
  const regions = [...new Set([...monitor.regions, ...latest.map((result) => result.region)])].sort();
  return (
    <section className="section" aria-labelledby="regions-title">
      <h2 id="regions-title">Status by region</h2>
      <ul className="region-cards">
        {regions.map((region) => {
          const result = latest.find((item) => item.region === region);
          return (
            <li key={region} className="card region-card" data-region={region}>
              <div className="region-card-head">
                <span className="region-name">{region}</span>
                {result ? <StatusBadge status={result.status} /> : <StatusBadge status="pending" />}
              </div>
              {result ? (
                <>
                  <p className="muted">
                    {formatAgo(result.checkedAt, now)} · {formatMs(result.timings.totalMs)}
                    {result.protocolVersion ? ` · MCP ${result.protocolVersion}` : ''}
                  </p>
                  {result.error ? <ProbeErrorText error={result.error} httpAlive={result.httpAlive} /> : null}
                </>
              ) : (
                <p className="muted">
                  Waiting for the first check from this region (within {monitor.intervalSeconds} s).
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
