import { bucketBounds, type LatencyHistogram } from '@mcpulse/core';
import { INCIDENT_KINDS, MONITOR_STATUSES } from '@mcpulse/core/domain';
import { type Db, type MetricPhase, type PhaseWindowRow, readOrganizationMetrics } from '@mcpulse/db';
import {
  boundedLabelValue,
  CONTENT_TYPES,
  Exposition,
  type ExpositionFormat,
  type HistogramSeries,
} from './exposition.js';
import { addTotals, type SettledTotals, settledBefore } from './settled-totals.js';

/** The upper bounds of the latency histogram, in seconds (docs/metrics.md). */
export const LATENCY_BOUNDS_SECONDS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] as const;
/** The upper bounds of the phase histograms, in seconds. */
export const PHASE_BOUNDS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] as const;
/** Phase timings are the answered checks of this last window (a gauge histogram). */
export const PHASE_WINDOW_MS = 3_600_000;

const CHECK_STATUSES = ['up', 'degraded', 'down'] as const;

/**
 * A stored latency bucket counts under the first bound at least its geometric middle: the stored
 * buckets are 10 % wide, so a count sits under a bound it may overshoot by at most 5 %.
 */
function middleMs(bucket: number): number {
  const { lower, upper } = bucketBounds(bucket);
  if (bucket <= 0) return 0.5;
  return Number.isFinite(upper) ? Math.sqrt(lower * upper) : lower;
}

function latencySeries(
  labels: Record<string, string>,
  histogram: LatencyHistogram,
  sumMs: number,
): HistogramSeries {
  const perBound = LATENCY_BOUNDS_SECONDS.map(() => 0);
  let count = 0;
  for (const [key, value] of Object.entries(histogram)) {
    const ms = middleMs(Number(key));
    count += value;
    const at = LATENCY_BOUNDS_SECONDS.findIndex((bound) => ms <= bound * 1000);
    if (at >= 0) perBound[at] = (perBound[at] ?? 0) + value;
  }
  let running = 0;
  const buckets = LATENCY_BOUNDS_SECONDS.map((bound, i) => {
    running += perBound[i] ?? 0;
    return [bound, running] as const;
  });
  return { labels, buckets, count, sum: sumMs / 1000 };
}

function phaseSeries(rows: readonly PhaseWindowRow[]): HistogramSeries[] {
  const byKey = new Map<string, { labels: Record<string, string>; rows: PhaseWindowRow[] }>();
  for (const row of rows) {
    const key = `${row.monitorId}\u0000${row.region}\u0000${row.phase}`;
    const entry = byKey.get(key) ?? {
      labels: { monitor_id: row.monitorId, region: row.region, phase: row.phase satisfies MetricPhase },
      rows: [],
    };
    entry.rows.push(row);
    byKey.set(key, entry);
  }
  return [...byKey.values()].map(({ labels, rows: own }) => {
    let running = 0;
    const buckets = PHASE_BOUNDS_SECONDS.map((bound, i) => {
      running += own.filter((row) => row.bucket === i).reduce((total, row) => total + row.count, 0);
      return [bound, running] as const;
    });
    const count = own.reduce((total, row) => total + row.count, 0);
    const sum = own.reduce((total, row) => total + row.sumMs, 0) / 1000;
    return { labels, buckets, count, sum };
  });
}

const seconds = (date: Date) => date.getTime() / 1000;

/**
 * One organisation's monitors as Prometheus metrics: every series is labelled by monitor id (and
 * region, phase, state or kind, all from closed lists or the deployment's regions); the monitor's
 * name, a person's text, appears only in `mcpulse_monitor_info`, bounded and escaped. So the series
 * are bounded by the organisation's quota and the deployment's regions (docs/metrics.md).
 */
export async function organizationMetrics(
  db: Db,
  organizationId: string,
  now: Date,
  format: ExpositionFormat,
  settled: SettledTotals,
): Promise<{ contentType: string; body: string }> {
  const [recent, settledTotals] = await Promise.all([
    readOrganizationMetrics(db, organizationId, {
      since: new Date(now.getTime() - PHASE_WINDOW_MS),
      boundsMs: PHASE_BOUNDS_SECONDS.map((bound) => bound * 1000),
      totalsFrom: settledBefore(now),
    }),
    settled.totals(db, organizationId, now),
  ]);
  const data = { ...recent, totals: addTotals(settledTotals, recent.totals) };
  const out = new Exposition(format);
  const monitorIds = data.monitors.map((monitor) => monitor.monitorId);
  // Regions a monitor no longer uses keep their history in rollups; they are still shown, so a
  // counter never vanishes while its monitor lives.
  const regionPairs = new Map<string, { monitorId: string; region: string }>();
  for (const monitor of data.monitors)
    for (const region of monitor.regions)
      regionPairs.set(`${monitor.monitorId}\u0000${region}`, { monitorId: monitor.monitorId, region });
  for (const row of data.totals)
    regionPairs.set(`${row.monitorId}\u0000${row.region}`, { monitorId: row.monitorId, region: row.region });
  const pairs = [...regionPairs.values()].sort(
    (a, b) => a.monitorId.localeCompare(b.monitorId) || a.region.localeCompare(b.region),
  );
  const totals = new Map(data.totals.map((row) => [`${row.monitorId}\u0000${row.region}`, row]));

  out.info(
    'mcpulse_monitor',
    'A monitor of this organisation: always 1, with its name (cut to 128 characters)',
    data.monitors.map((monitor) => ({
      labels: { monitor_id: monitor.monitorId, name: boundedLabelValue(monitor.name) },
    })),
  );
  out.gauge(
    'mcpulse_monitor_paused',
    '1 while the monitor is paused (its state is then the last one confirmed), else 0',
    data.monitors.map((monitor) => ({
      labels: { monitor_id: monitor.monitorId },
      value: monitor.paused ? 1 : 0,
    })),
  );
  out.gauge(
    'mcpulse_monitor_state',
    'The monitor’s confirmed state across its regions: 1 for the state it is in, 0 for the others',
    data.monitors.flatMap((monitor) =>
      MONITOR_STATUSES.map((state) => ({
        labels: { monitor_id: monitor.monitorId, state },
        value: monitor.status === state ? 1 : 0,
      })),
    ),
  );
  out.gauge(
    'mcpulse_monitor_region_state',
    'The monitor’s state in one region: 1 for the state it is in, 0 for the others',
    data.regions.flatMap((row) =>
      MONITOR_STATUSES.map((state) => ({
        labels: { monitor_id: row.monitorId, region: row.region, state },
        value: row.status === state ? 1 : 0,
      })),
    ),
  );
  out.gauge(
    'mcpulse_monitor_last_check_timestamp_seconds',
    'When the monitor’s latest check was stored, in seconds since the epoch (absent before the first)',
    data.monitors.flatMap((monitor) =>
      monitor.lastCheckedAt
        ? [{ labels: { monitor_id: monitor.monitorId }, value: seconds(monitor.lastCheckedAt) }]
        : [],
    ),
  );
  out.gauge(
    'mcpulse_monitor_region_last_check_timestamp_seconds',
    'The scheduled time of the latest check of the monitor in one region, in seconds since the epoch',
    data.regions.flatMap((row) =>
      row.lastSlot
        ? [{ labels: { monitor_id: row.monitorId, region: row.region }, value: seconds(row.lastSlot) }]
        : [],
    ),
  );
  out.gauge(
    'mcpulse_monitor_tools',
    'Tools in the monitor’s confirmed tool schema (absent before one is confirmed)',
    data.monitors.flatMap((monitor) =>
      monitor.toolCount === null
        ? []
        : [{ labels: { monitor_id: monitor.monitorId }, value: monitor.toolCount }],
    ),
  );
  out.counter(
    'mcpulse_monitor_checks',
    'Checks stored for the monitor in one region since it was created, by outcome (skipped slots are no check)',
    pairs.flatMap((pair) =>
      CHECK_STATUSES.map((status) => ({
        labels: { monitor_id: pair.monitorId, region: pair.region, status },
        value: totals.get(`${pair.monitorId}\u0000${pair.region}`)?.[status] ?? 0,
      })),
    ),
  );
  out.histogram(
    'mcpulse_monitor_latency_seconds',
    'Total time of the monitor’s answered checks (up or degraded) in one region since it was created',
    pairs.map((pair) => {
      const row = totals.get(`${pair.monitorId}\u0000${pair.region}`);
      return latencySeries(
        { monitor_id: pair.monitorId, region: pair.region },
        row?.latencyHistogram ?? {},
        row?.latencySumMs ?? 0,
      );
    }),
  );
  out.gaugeHistogram(
    'mcpulse_monitor_phase_latency_seconds',
    'Time of each phase of the monitor’s answered checks in one region over the last hour',
    phaseSeries(data.phases),
  );
  const incidents = new Map(data.incidents.map((row) => [`${row.monitorId}\u0000${row.kind}`, row]));
  out.counter(
    'mcpulse_monitor_incidents',
    'Incidents the monitor has had, open or ended, by kind',
    monitorIds.flatMap((monitorId) =>
      INCIDENT_KINDS.map((kind) => ({
        labels: { monitor_id: monitorId, kind },
        value: incidents.get(`${monitorId}\u0000${kind}`)?.total ?? 0,
      })),
    ),
  );
  out.gauge(
    'mcpulse_monitor_open_incidents',
    'Incidents of the monitor open now, by kind (at most one)',
    monitorIds.flatMap((monitorId) =>
      INCIDENT_KINDS.map((kind) => ({
        labels: { monitor_id: monitorId, kind },
        value: incidents.get(`${monitorId}\u0000${kind}`)?.open ?? 0,
      })),
    ),
  );
  return { contentType: CONTENT_TYPES[format], body: out.text() };
}
