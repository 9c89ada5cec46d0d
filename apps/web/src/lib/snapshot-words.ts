import { type MissingSnapshotReason, type SnapshotOmission, snapshotLimitText } from '@mcpulse/core/domain';

/** The first characters of a schema hash: enough to tell two apart at a glance. */
export function shortHash(hash: string): string {
  return `${hash.slice(0, 12)}…`;
}

/** What happened to the current tool list, when its tools were not kept. */
export function omissionHeadline(omission: SnapshotOmission): string {
  return omission === 'too_large'
    ? 'The current tool list was too large to keep.'
    : 'The tools changed too often to keep the current list.';
}

/** Why a drift has no diff, as its line in the history ends: "…: too large to keep, no diff". */
export function missingDiffWords(reason: MissingSnapshotReason): string {
  switch (reason) {
    case 'not_stored':
      return 'no earlier snapshot to compare';
    case 'too_large':
      return 'too large to keep, no diff';
    case 'too_frequent':
      return 'too frequent to keep, no diff';
  }
}

/** The limit that applied, as a sentence ("Tool lists over 512 KB are not kept."); null when none did. */
export function limitSentence(reason: MissingSnapshotReason): string | null {
  if (reason === 'not_stored') return null;
  const text = snapshotLimitText(reason);
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
