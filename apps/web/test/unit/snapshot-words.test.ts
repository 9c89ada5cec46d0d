import { SNAPSHOT_LIMITS, snapshotLimitText } from '@mcpulse/core/domain';
import { describe, expect, it } from 'vitest';
import {
  limitSentence,
  missingDiffWords,
  omissionHeadline,
  shortHash,
} from '../../src/lib/snapshot-words.js';

describe('words for tool lists that were not kept', () => {
  it('says what happened to a list and why a drift has no diff', () => {
    expect(omissionHeadline('too_large')).toBe('The current tool list was too large to keep.');
    expect(omissionHeadline('too_frequent')).toBe('The tools changed too often to keep the current list.');
    expect(missingDiffWords('too_large')).toBe('too large to keep, no diff');
    expect(missingDiffWords('too_frequent')).toBe('too frequent to keep, no diff');
    expect(missingDiffWords('not_stored')).toBe('no earlier snapshot to compare');
  });

  it("names the limit that applied in core's words, and none for a snapshot never stored", () => {
    expect(limitSentence('too_large')).toBe(`T${snapshotLimitText('too_large').slice(1)}.`);
    expect(limitSentence('too_large')).toContain(`${SNAPSHOT_LIMITS.maxBytes / 1024} KB`);
    expect(limitSentence('too_frequent')).toContain(`${SNAPSHOT_LIMITS.perDayCount} tool lists`);
    expect(limitSentence('not_stored')).toBeNull();
  });

  it('shortens a hash to its first twelve characters', () => {
    expect(shortHash('0123456789abcdef')).toBe('0123456789ab…');
  });
});
