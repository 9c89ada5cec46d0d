import { LEGACY_PROTOCOL_VERSIONS, MODERN_PROTOCOL_VERSION } from '@mcpulse/core/domain';
import { describe, expect, it } from 'vitest';
import { describeEra, ERA_VERSIONS } from '../../src/lib/eras.js';

describe('protocol eras in plain words', () => {
  it('names the versions core probes for', () => {
    expect(ERA_VERSIONS.modern).toEqual([MODERN_PROTOCOL_VERSION]);
    expect(ERA_VERSIONS.legacy).toEqual([...LEGACY_PROTOCOL_VERSIONS]);
  });

  it('explains each era', () => {
    expect(describeEra('modern')).toEqual({
      label: 'modern era',
      explanation:
        'the 2026-07-28 stateless protocol: every request stands alone, and the server describes itself through server/discover',
    });
    expect(describeEra('legacy')).toEqual({
      label: 'legacy era',
      explanation: 'the session-based protocol (2024-11-05 … 2025-11-25): a session opened with initialize',
    });
    expect(describeEra(null)).toBeNull();
    expect(describeEra('future')).toBeNull();
  });
});
