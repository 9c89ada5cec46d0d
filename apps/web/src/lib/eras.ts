import type { ProtocolEra } from '@mcpulse/core/domain';

/** The protocol versions of each era, newest first (a test holds them to core's lists). */
export const ERA_VERSIONS: Record<ProtocolEra, readonly string[]> = {
  modern: ['2026-07-28'],
  legacy: ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05'],
};

export interface EraWords {
  label: string;
  explanation: string;
}

/** An era in plain words: what "modern" and "legacy" mean where the dashboard shows them. */
export function describeEra(era: string | null | undefined): EraWords | null {
  if (era === 'modern')
    return {
      label: 'modern era',
      explanation: `the ${ERA_VERSIONS.modern[0]} stateless protocol: every request stands alone, and the server describes itself through server/discover`,
    };
  if (era === 'legacy')
    return {
      label: 'legacy era',
      explanation: `the session-based protocol (${ERA_VERSIONS.legacy.at(-1)} … ${ERA_VERSIONS.legacy[0]}): a session opened with initialize`,
    };
  return null;
}
