import { SNAPSHOT_LIMITS, type SnapshotOmission } from './storage-limits.js';

/** "512 KB", "2 MB", "1.5 MB": binary units, as the limits are written. */
export function formatBytes(bytes: number): string {
  const units = [
    ['MB', 1024 * 1024],
    ['KB', 1024],
  ] as const;
  for (const [unit, size] of units) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  }
  return `${bytes} bytes`;
}

/**
 * The limit that kept a snapshot's tools out, in words a user reads next to
 * it (dashboard, chat messages), from SNAPSHOT_LIMITS so they never disagree.
 */
export function snapshotLimitText(omission: SnapshotOmission): string {
  switch (omission) {
    case 'too_large':
      return `tool lists over ${formatBytes(SNAPSHOT_LIMITS.maxBytes)} are not kept`;
    case 'too_frequent':
      return `each monitor keeps at most ${SNAPSHOT_LIMITS.perDayCount} tool lists or ${formatBytes(SNAPSHOT_LIMITS.perDayBytes)} of them a day`;
  }
}
