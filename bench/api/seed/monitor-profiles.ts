import { createHash } from 'node:crypto';
import { LATENCY_CLASSES, OUTAGE_CODES, OUTAGE_MINUTES } from './check-model.js';
import { seededRandom } from './random.js';

/** What makes one seeded monitor's results its own. */
export interface MonitorProfile {
  index: number;
  name: string;
  latencyClass: number;
  medianMs: number;
  sigma: number;
  /** Where in the minute its checks run (the scheduler's phase), before the region offset. */
  phaseMs: number;
  /** One monitor in 40 has a daily outage: the first `outageMinutes` of UTC hour `outageHour`. */
  outageHour: number;
  outageMinutes: number;
  outageCode: (typeof OUTAGE_CODES)[number];
  transport: 'streamable-http' | 'sse';
  era: 'modern' | 'legacy';
  protocolVersion: string;
  toolCount: number;
  schemaHash: string;
  serverInfo: { name: string; version: string };
}

export function monitorProfiles(count: number, seed = 20_260_728): MonitorProfile[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, index) => {
    const latencyClass = index % LATENCY_CLASSES.length;
    const { medianMs, sigma } = LATENCY_CLASSES[latencyClass]!;
    const modern = random() < 0.3;
    const name = `bench-monitor-${String(index).padStart(4, '0')}`;
    return {
      index,
      name,
      latencyClass,
      medianMs,
      sigma,
      phaseMs: Math.floor(random() * 60_000),
      outageHour: Math.floor(random() * 24),
      outageMinutes: index % 40 === 3 ? OUTAGE_MINUTES[Math.floor(index / 40) % OUTAGE_MINUTES.length]! : 0,
      outageCode: OUTAGE_CODES[index % OUTAGE_CODES.length]!,
      transport: random() < 0.1 ? 'sse' : 'streamable-http',
      era: modern ? 'modern' : 'legacy',
      protocolVersion: modern ? '2026-07-28' : '2025-06-18',
      toolCount: 3 + Math.floor(random() * 40),
      schemaHash: createHash('sha256').update(name).digest('hex'),
      serverInfo: { name: `${name}-server`, version: `1.${Math.floor(random() * 9)}.0` },
    };
  });
}
