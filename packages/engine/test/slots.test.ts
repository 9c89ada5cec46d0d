import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dueSlots, phaseOffsetMs, spreadHostPhases } from '../src/scheduler/slots.js';

const monitor = {
  id: '7b0e5c1e-4f0f-4f55-9d0b-6f2f1c1a2b3c',
  intervalSeconds: 60,
  regions: ['us-east', 'eu-west', 'ap-south'],
};

describe('slots', () => {
  it('gives each region exactly one slot per interval, spread evenly', () => {
    const slots = dueSlots(monitor, 0, 60_000 * 10);
    expect(slots).toHaveLength(30);
    for (const region of monitor.regions) {
      const times = slots.filter((s) => s.region === region).map((s) => s.slotMs);
      expect(times.slice(1).map((t, i) => t - (times[i] ?? 0))).toEqual(Array(9).fill(60_000));
    }
    const firstMinute = slots
      .slice(0, 3)
      .map((s) => s.slotMs % 60_000)
      .sort((a, b) => a - b);
    const gaps = [firstMinute[1]! - firstMinute[0]!, firstMinute[2]! - firstMinute[1]!];
    expect(gaps).toEqual([20_000, 20_000]);
  });

  it('is stable: the same monitor gets the same slots in any process', () => {
    expect(dueSlots(monitor, 1_000_000, 1_300_000)).toEqual(dueSlots({ ...monitor }, 1_000_000, 1_300_000));
  });

  it('never yields a slot twice across consecutive windows', () => {
    const a = dueSlots(monitor, 0, 123_456);
    const b = dueSlots(monitor, 123_456, 400_000);
    const all = [...a, ...b].map((s) => `${s.region}:${s.slotMs}`);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(dueSlots(monitor, 0, 400_000).map((s) => `${s.region}:${s.slotMs}`));
  });

  it('spreads many monitors across the interval', () => {
    const buckets = Array(10).fill(0);
    for (let i = 0; i < 10_000; i++) buckets[Math.floor(phaseOffsetMs(randomUUID(), 60_000) / 6_000)]++;
    for (const count of buckets) expect(count).toBeGreaterThan(800);
  });
});

describe('spreadHostPhases', () => {
  it('spreads the monitors of one host evenly across their interval, each host and interval apart', () => {
    const shared = Array.from({ length: 5 }, (_, i) => ({
      id: `m${i}`,
      host: 'a.example.com',
      intervalSeconds: 300,
    }));
    const phases = spreadHostPhases([
      ...shared,
      { id: 'x', host: 'b.example.com', intervalSeconds: 300 },
      { id: 'y', host: 'a.example.com', intervalSeconds: 600 },
    ]);
    const onShared = shared.map((m) => phases.get(m.id)!).sort((a, b) => a - b);
    const steps = onShared.map(
      (p, i) => (i + 1 < onShared.length ? onShared[i + 1]! : onShared[0]! + 300_000) - p,
    );
    expect(steps).toEqual([60_000, 60_000, 60_000, 60_000, 60_000]);
    expect(phases.get('x')).toBeLessThan(300_000);
    expect(phases.get('y')).toBeLessThan(600_000);
    // Stable: the same monitors get the same phases in any order.
    expect(spreadHostPhases([...shared].reverse())).toEqual(spreadHostPhases(shared));
    // A monitor with a chosen phase is due at it.
    const slots = dueSlots(
      { id: 'm0', intervalSeconds: 300, regions: ['a'], phaseMs: phases.get('m0')! },
      0,
      300_000,
    );
    expect(slots.map((s) => s.slotMs % 300_000)).toEqual([phases.get('m0')]);
  });
});
