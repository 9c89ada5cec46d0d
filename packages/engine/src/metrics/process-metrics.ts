import type { ResultStatus } from '@mcpulse/core/domain';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { RegionHeartbeat } from '../regions/region-heartbeats.js';

/**
 * A process's operational metrics in the Prometheus text format, served on its health port (the
 * workers) or beside `/readyz` (the API, the embedded mode). Every series carries the process's
 * `role`; labels are only roles, regions and outcomes, so cardinality stays bounded by the
 * deployment's regions, never by monitors or tenants (docs/architecture.md, "Processes and roles").
 */
export interface ProcessMetrics {
  registry: Registry;
  contentType: string;
  /** The exposition text of every metric now. */
  render(): Promise<string>;
  /** Calls `start` as each scrape begins, before any metric is collected (see role-metrics.ts). */
  onScrape(start: () => void): void;
}

export function createProcessMetrics(role: string): ProcessMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ role });
  // Event-loop lag, heap, GC, CPU and handles: whether the process itself keeps up.
  collectDefaultMetrics({ register: registry, prefix: 'mcpulse_process_' });
  const starts: Array<() => void> = [];
  return {
    registry,
    contentType: registry.contentType,
    render: () => {
      for (const start of starts) start();
      return registry.metrics();
    },
    onScrape: (start) => void starts.push(start),
  };
}

/** What a probe worker counts of the checks it takes. */
export interface CheckMetrics {
  /** A check ended with this status (`skipped`: picked up more than an interval late, never probed). */
  checked(region: string, status: ResultStatus, totalMs: number | null): void;
  /** A check was picked up this long after its slot: how late the schedule runs. */
  started(region: string, lateMs: number): void;
  /** The same for a check of a directory monitor (`skipped` also: its host busy too long). */
  directoryChecked(region: string, status: ResultStatus, totalMs: number | null): void;
  /** A directory check was put back because another check of its host was running or just ran. */
  hostDeferred(region: string): void;
}

/** A counter of checks and a histogram of their total time, both by region and outcome. */
function outcomeMetrics(registry: Registry, prefix: string, what: string) {
  const checks = new Counter({
    name: `${prefix}_total`,
    help: `${what} taken by this probe worker, by region and outcome (up, degraded, down, skipped)`,
    labelNames: ['region', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: `${prefix.replace(/s$/, '')}_duration_seconds`,
    help: `Total time of the ${what.toLowerCase()} this probe worker ran, by region and outcome`,
    labelNames: ['region', 'status'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  return (region: string, status: string, totalMs: number | null) => {
    checks.inc({ region, status });
    if (totalMs !== null) duration.observe({ region, status }, totalMs / 1000);
  };
}

export function checkMetrics({ registry }: ProcessMetrics): CheckMetrics {
  const checked = outcomeMetrics(registry, 'mcpulse_checks', 'Checks');
  const directoryChecked = outcomeMetrics(
    registry,
    'mcpulse_directory_checks',
    'Checks of directory monitors',
  );
  const lateness = new Histogram({
    name: 'mcpulse_check_start_delay_seconds',
    help: 'How long after its slot each check was picked up by this probe worker, by region (schedule lateness)',
    labelNames: ['region'],
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
    registers: [registry],
  });
  const deferrals = new Counter({
    name: 'mcpulse_directory_host_deferrals_total',
    help: 'Directory checks put back because their host was busy with another directory check or resting after one',
    labelNames: ['region'],
    registers: [registry],
  });
  return {
    started(region, lateMs) {
      lateness.observe({ region }, Math.max(0, lateMs) / 1000);
    },
    checked,
    directoryChecked,
    hostDeferred(region) {
      deferrals.inc({ region });
    },
  };
}

/**
 * The regions' heartbeats, read at each scrape: a region none of whose probe workers beat lately is
 * silent, and a silent region neither confirms nor blocks a monitor's change (docs/uptime.md).
 */
export function regionMetrics(
  { registry }: ProcessMetrics,
  read: () => Promise<RegionHeartbeat[]>,
  now: () => Date = () => new Date(),
): void {
  // One read per scrape: the first gauge starts it, the second uses it and clears it.
  let reading: Promise<RegionHeartbeat[]> | null = null;
  new Gauge({
    name: 'mcpulse_region_silent',
    help: '1 while none of the region’s probe workers has beaten within the silence window, else 0',
    labelNames: ['region'],
    registers: [registry],
    async collect() {
      this.reset();
      reading = read();
      for (const region of await reading) this.set({ region: region.region }, region.silent ? 1 : 0);
    },
  });
  new Gauge({
    name: 'mcpulse_region_heartbeat_age_seconds',
    help: 'Seconds since the newest heartbeat of any of the region’s probe workers (absent: never heard from)',
    labelNames: ['region'],
    registers: [registry],
    async collect() {
      this.reset();
      const regions = reading ?? read();
      reading = null;
      const at = now().getTime();
      for (const region of await regions)
        if (region.lastHeartbeatAt)
          this.set({ region: region.region }, (at - region.lastHeartbeatAt.getTime()) / 1000);
    },
  });
}
