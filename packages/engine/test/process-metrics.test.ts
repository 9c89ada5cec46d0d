import { parsePrometheus, sampleValue } from '@mcpulse/testkit';
import { describe, expect, it } from 'vitest';
import { checkMetrics, createProcessMetrics, regionMetrics } from '../src/index.js';

describe('process metrics', () => {
  it("count a probe worker's checks by region and outcome, skipped ones included", async () => {
    const metrics = createProcessMetrics('probe');
    const checks = checkMetrics(metrics);
    checks.checked('eu-west', 'up', 120);
    checks.checked('eu-west', 'up', 80);
    checks.checked('eu-west', 'down', 10_000);
    checks.checked('eu-west', 'skipped', null);

    const text = await metrics.render();
    const families = parsePrometheus(text);
    const total = (status: string) =>
      sampleValue(families, 'mcpulse_checks_total', { region: 'eu-west', status, role: 'probe' });
    expect([total('up'), total('down'), total('skipped'), total('degraded')]).toEqual([2, 1, 1, undefined]);
    // The parser drops a histogram's labels, so its counts are read off the text: a skipped check was
    // never probed and has no duration.
    const durations = (status: string) =>
      new RegExp(`^mcpulse_check_duration_seconds_count\\{[^}]*status="${status}"[^}]*\\} (\\d+)$`, 'm').exec(
        text,
      )?.[1];
    expect([durations('up'), durations('down'), durations('skipped')]).toEqual(['2', '1', undefined]);
  });

  it("report each region's silence and heartbeat age, read once per scrape", async () => {
    const metrics = createProcessMetrics('api');
    let reads = 0;
    const at = new Date('2026-12-05T12:00:00Z');
    regionMetrics(
      metrics,
      async () => {
        reads++;
        return [
          { region: 'eu-west', lastHeartbeatAt: new Date(at.getTime() - 4_000), silent: false },
          { region: 'us-east', lastHeartbeatAt: new Date(at.getTime() - 90_000), silent: true },
          { region: 'ap-south', lastHeartbeatAt: null, silent: true },
        ];
      },
      () => at,
    );
    const families = parsePrometheus(await metrics.render());
    expect(reads).toBe(1);
    const silent = (region: string) => sampleValue(families, 'mcpulse_region_silent', { region });
    const age = (region: string) => sampleValue(families, 'mcpulse_region_heartbeat_age_seconds', { region });
    expect([silent('eu-west'), silent('us-east'), silent('ap-south')]).toEqual([0, 1, 1]);
    // A region never heard from has no age: Prometheus sees it absent, not "0 s ago".
    expect([age('eu-west'), age('us-east'), age('ap-south')]).toEqual([4, 90, undefined]);

    await metrics.render();
    expect(reads).toBe(2);
  });

  it("carry the process's own health: event-loop lag and heap", async () => {
    const families = parsePrometheus(await createProcessMetrics('ingest').render());
    const names = families.map((family) => family.name);
    expect(names).toContain('mcpulse_process_nodejs_eventloop_lag_seconds');
    expect(names).toContain('mcpulse_process_nodejs_heap_size_used_bytes');
  });
});
