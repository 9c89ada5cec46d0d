import { describe, expect, it } from 'vitest';
import { formatBytes, snapshotLimitText } from './snapshot-limit-text.js';
import { SNAPSHOT_LIMITS } from './storage-limits.js';

describe('formatBytes', () => {
  it('writes sizes in the binary units the limits use', () => {
    expect(formatBytes(512 * 1024)).toBe('512 KB');
    expect(formatBytes(2 * 1024 * 1024)).toBe('2 MB');
    expect(formatBytes(1.5 * 1024 * 1024)).toBe('1.5 MB');
    expect(formatBytes(1_100_000)).toBe('1 MB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(900)).toBe('900 bytes');
  });
});

describe('snapshotLimitText', () => {
  it('names the limit that applied, from the limits themselves', () => {
    expect(snapshotLimitText('too_large')).toBe(
      `tool lists over ${formatBytes(SNAPSHOT_LIMITS.maxBytes)} are not kept`,
    );
    expect(snapshotLimitText('too_frequent')).toBe(
      `each monitor keeps at most ${SNAPSHOT_LIMITS.perDayCount} tool lists or ${formatBytes(SNAPSHOT_LIMITS.perDayBytes)} of them a day`,
    );
  });
});
