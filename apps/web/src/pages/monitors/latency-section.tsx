import type { Monitor, WindowName } from '@mcpulse/contract';
import { useMemo, useState } from 'react';
import { getLatency, getReleases, getResultsSince } from '../../api/monitors-api.js';
import { TimeSeriesChart } from '../../components/time-series-chart.js';
import { formatCount, formatMs } from '../../lib/format.js';
import { latencyByRegion, PHASES, phasesOfRegion, regionsOf } from '../../lib/latency-series.js';
import { RENDER_LIMITS } from '../../lib/render-limits.js';
import { releaseMarker } from '../../lib/server-changes.js';
import { useReloadOn, useResource } from '../../lib/use-resource.js';

const RANGES: { window: WindowName; label: string; ms: number }[] = [
  { window: '1h', label: '1 hour', ms: 3_600_000 },
  { window: '24h', label: '24 hours', ms: 86_400_000 },
  { window: '7d', label: '7 days', ms: 7 * 86_400_000 },
];
/** uPlot draws this many points without effort; more would only cost the download. */
const MAX_POINTS = 10_000;
const YOUNG_MS = 6 * 3_600_000;

export function LatencySection({ monitor }: { monitor: Monitor }) {
  // A young monitor has only minutes of checks: a 24-hour axis would squeeze them into its last pixels.
  const [range, setRange] = useState<WindowName>(() =>
    Date.now() - Date.parse(monitor.createdAt) < YOUNG_MS ? '1h' : '24h',
  );
  const [phaseRegion, setPhaseRegion] = useState<string | null>(null);
  const span = RANGES.find((item) => item.window === range) ?? (RANGES[1] as (typeof RANGES)[number]);
  const results = useResource(
    (signal) => getResultsSince(monitor.id, new Date(Date.now() - span.ms), MAX_POINTS, signal),
    `results:${monitor.id}:${range}`,
    range === '1h' ? 15_000 : 60_000,
  );
  const latency = useResource((signal) => getLatency(monitor.id, signal), `latency:${monitor.id}`, 30_000);
  // Releases confirmed in the range; a marker stands where each was first seen.
  const releases = useResource(
    (signal) =>
      getReleases(
        monitor.id,
        { from: new Date(Date.now() - span.ms).toISOString(), limit: RENDER_LIMITS.chartMarkers },
        signal,
      ),
    `releases:${monitor.id}:${range}`,
    60_000,
  );
  useReloadOn(monitor.lastCheckedAt, results.reload);
  useReloadOn(monitor.lastCheckedAt, releases.reload);
  useReloadOn(monitor.lastCheckedAt, latency.reload);

  const items = results.data ?? [];
  const skipped = items.filter((item) => item.status === 'skipped').length;
  const regions = useMemo(() => regionsOf(items), [items]);
  const byRegion = useMemo(() => latencyByRegion(items, regions), [items, regions]);
  const selected = phaseRegion && regions.includes(phaseRegion) ? phaseRegion : (regions[0] ?? null);
  const phases = useMemo(() => (selected ? phasesOfRegion(items, selected) : null), [items, selected]);
  const figures = latency.data?.windows[range];
  const markers = useMemo(() => (releases.data?.items ?? []).map(releaseMarker), [releases.data]);
  // The window moves with each load, not with each render, so the chart is not redrawn for nothing.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new load is what moves the window
  const shown = useMemo<[number, number]>(() => {
    const end = Math.round(Date.now() / 1000);
    return [end - span.ms / 1000, end];
  }, [span, results.data]);

  return (
    <section className="section" aria-labelledby="latency-title">
      <div className="section-head">
        <h2 id="latency-title">Latency</h2>
        <fieldset className="segmented">
          <legend className="visually-hidden">Time range</legend>
          {RANGES.map((item) => (
            <label key={item.window} className={range === item.window ? 'active' : undefined}>
              <input
                type="radio"
                name="latency-range"
                value={item.window}
                checked={range === item.window}
                onChange={() => setRange(item.window)}
              />
              {item.label}
            </label>
          ))}
        </fieldset>
      </div>
      {figures ? (
        <table className="table compact percentiles">
          <caption className="visually-hidden">Latency percentiles per region over {span.label}</caption>
          <thead>
            <tr>
              <th scope="col">Region</th>
              <th scope="col" className="numeric">
                p50
              </th>
              <th scope="col" className="numeric">
                p95
              </th>
              <th scope="col" className="numeric">
                p99
              </th>
              <th scope="col" className="numeric">
                Checks
              </th>
            </tr>
          </thead>
          <tbody>
            {[['All regions', figures.overall] as const, ...Object.entries(figures.regions)].map(
              ([name, row]) => (
                <tr key={name}>
                  <th scope="row">{name}</th>
                  <td className="numeric">{formatMs(row.p50)}</td>
                  <td className="numeric">{formatMs(row.p95)}</td>
                  <td className="numeric">{formatMs(row.p99)}</td>
                  <td className="numeric">{row.checks}</td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      ) : null}
      {items.length === 0 ? (
        <p className="muted">
          {results.loading ? 'Loading checks…' : `No checks in the last ${span.label} yet.`}
        </p>
      ) : (
        <>
          <h3>Total check time by region</h3>
          <TimeSeriesChart
            data={byRegion}
            series={regions.map((region, index) => ({ label: region, colorVar: `--series-${index % 6}` }))}
            window={shown}
            markers={markers}
            label={`Total check time per region over the last ${span.label}, ${items.length - skipped} checks${
              markers.length
                ? `, with ${markers.length} ${markers.length === 1 ? 'release' : 'releases'} marked`
                : ''
            }`}
          />
          {skipped > 0 ? (
            <p className="muted">
              {formatCount(skipped)} {skipped === 1 ? 'check was' : 'checks were'} skipped in this range:
              picked up by their region&apos;s worker more than an interval late, they were not run and count
              in no figure.
            </p>
          ) : null}
          {phases && selected ? (
            <>
              <div className="section-head">
                <h3>Where the time goes</h3>
                {regions.length > 1 ? (
                  <label className="inline-select">
                    Region{' '}
                    <select value={selected} onChange={(event) => setPhaseRegion(event.target.value)}>
                      {regions.map((region) => (
                        <option key={region}>{region}</option>
                      ))}
                    </select>
                  </label>
                ) : null}
              </div>
              <TimeSeriesChart
                data={phases}
                series={PHASES.map((phase) => ({
                  label: phase.label,
                  colorVar: `--phase-${phase.tone}`,
                  band: true,
                }))}
                window={shown}
                markers={markers}
                label={`Check time in ${selected} split into DNS, connect, TLS, era negotiation, handshake, tools/list and other, stacked`}
                height={200}
              />
            </>
          ) : null}
        </>
      )}
    </section>
  );
}
