import { describe, expect, it } from 'vitest';
import type { StoredResult } from '../../src/api/types.js';
import { latencyByRegion, latestPerRegion, phasesOfRegion, regionsOf } from '../../src/lib/latency-series.js';

function result(region: string, slot: string, status: StoredResult['status'], totalMs: number): StoredResult {
  return {
    region,
    slot,
    checkedAt: slot,
    status,
    error: status === 'down' ? { code: 'timeout', message: 'late', phase: 'handshake' } : null,
    httpAlive: status !== 'down',
    transport: 'streamable-http',
    era: 'modern',
    protocolVersion: '2026-07-28',
    serverInfo: null,
    toolCount: 3,
    schemaHash: null,
    timings: {
      dnsMs: 1,
      connectMs: 2,
      tlsMs: null,
      negotiationMs: 4,
      handshakeMs: 10,
      toolsListMs: 5,
      otherMs: totalMs - 22,
      totalMs,
    },
  };
}

const RESULTS = [
  result('us-east', '2026-11-26T12:02:00Z', 'up', 40),
  result('eu-west', '2026-11-26T12:01:00Z', 'down', 10_000),
  result('eu-west', '2026-11-26T12:00:00Z', 'up', 25),
];
const seconds = (iso: string) => Date.parse(iso) / 1000;

describe('latency series for the charts', () => {
  it('makes one column per region on a shared time axis, failures as gaps', () => {
    const regions = regionsOf(RESULTS);
    expect(regions).toEqual(['eu-west', 'us-east']);
    expect(latencyByRegion(RESULTS, regions)).toEqual([
      [seconds('2026-11-26T12:00:00Z'), seconds('2026-11-26T12:01:00Z'), seconds('2026-11-26T12:02:00Z')],
      [25, null, null],
      [null, null, 40],
    ]);
  });

  it('stacks the phases of one region, missing phases adding nothing, up to the total', () => {
    expect(phasesOfRegion(RESULTS, 'eu-west')).toEqual([
      [seconds('2026-11-26T12:00:00Z')],
      [1],
      [3],
      [3],
      [7],
      [17],
      [22],
      [25],
    ]);
  });

  it('finds the newest result of each region', () => {
    expect(latestPerRegion(RESULTS).map((r) => [r.region, r.status])).toEqual([
      ['eu-west', 'down'],
      ['us-east', 'up'],
    ]);
  });
});
