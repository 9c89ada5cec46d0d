import { describe, expect, it } from 'vitest';
import { lateCheckReason } from '../src/prober/late-check.js';

const SLOT = '2026-11-26T12:00:00.000Z';
const at = (seconds: number) => Date.parse(SLOT) + seconds * 1000;

describe('lateCheckReason', () => {
  it('lets a check be probed up to one interval after its slot, and early', () => {
    expect(lateCheckReason({ slot: SLOT, intervalSeconds: 60 }, at(-5))).toBeNull();
    expect(lateCheckReason({ slot: SLOT, intervalSeconds: 60 }, at(0))).toBeNull();
    expect(lateCheckReason({ slot: SLOT, intervalSeconds: 60 }, at(59))).toBeNull();
    expect(lateCheckReason({ slot: SLOT, intervalSeconds: 60 }, at(60))).toBeNull();
  });

  it('skips a check picked up more than an interval late, saying how late and why', () => {
    expect(lateCheckReason({ slot: SLOT, intervalSeconds: 60 }, at(127))).toBe(
      "picked up 127 s after its slot, more than the 60 s interval: the region's worker was down or behind",
    );
    expect(lateCheckReason({ slot: SLOT, intervalSeconds: 300 }, at(301))).toMatch(
      /^picked up 301 s .* 300 s interval/,
    );
  });

  it('probes a job from an older release, which carries no interval, however late', () => {
    expect(lateCheckReason({ slot: SLOT }, at(3_600))).toBeNull();
  });
});
