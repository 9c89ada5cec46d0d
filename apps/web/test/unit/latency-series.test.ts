import { describe, expect, it } from 'vitest';
import { latencyByRegion, phasesOfRegion, regionsOf } from '../../src/lib/latency-series.js';
import { result } from './support/stored-result.js';

const RESULTS = [
  result('us-east', '2026-11-26T12:02:00Z', 'up', 40),
  result('eu-west', '2026-11-26T12:01:00Z', 'down', 10_000),
  result('eu-west', '2026-11-26T12:00:00Z', 'up', 25),
  result('eu-west', '2026-11-26T12:00:30Z', 'skipped', 0),
];
const seconds = (iso: string) => Date.parse(iso) / 1000;

describe('latency series for the charts', () => {
  it('makes one column per region on a shared time axis, failures and skipped slots as gaps', () => {
    const regions = regionsOf(RESULTS);
    expect(regions).toEqual(['eu-west', 'us-east']);
    expect(latencyByRegion(RESULTS, regions)).toEqual([
      [
        seconds('2026-11-26T12:00:00Z'),
        seconds('2026-11-26T12:00:30Z'),
        seconds('2026-11-26T12:01:00Z'),
        seconds('2026-11-26T12:02:00Z'),
      ],
      [25, null, null, null],
      [null, null, null, 40],
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
      [22],
      [25],
    ]);
  });
});
