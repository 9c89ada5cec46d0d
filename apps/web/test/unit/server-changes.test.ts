import type { Release } from '@mcpulse/contract';
import { describe, expect, it } from 'vitest';
import { RENDER_LIMITS } from '../../src/lib/render-limits.js';
import {
  placeMarkers,
  protocolWords,
  releaseLabel,
  releaseMarker,
  visibleText,
} from '../../src/lib/server-changes.js';

const release = (toVersion: string, fromVersion = '1.4.1'): Release => ({
  id: '00000000-0000-4000-8000-000000000001',
  occurredAt: '2026-11-26T10:02:00.000Z',
  firstSeenAt: '2026-11-26T10:01:00.000Z',
  serverName: 'docs',
  fromVersion,
  toVersion,
});

describe('what a server announced, as the dashboard draws it', () => {
  it('labels a numeric version with a v, any other as the server wrote it', () => {
    expect(releaseLabel('1.4.2')).toBe('v1.4.2');
    expect(releaseLabel('v2')).toBe('v2');
    expect(releaseLabel('2026.08-beta')).toBe('v2026.08-beta');
    expect(releaseLabel('nightly')).toBe('nightly');
  });

  it('shows invisible and reordering characters, and cuts a long version', () => {
    expect(visibleText('1.0\u202e2.1\u0000', 40)).toBe('1.0\ufffd2.1\ufffd');
    const label = releaseLabel('9'.repeat(500));
    expect(label).toBe(`v${'9'.repeat(RENDER_LIMITS.versionChars)}…`);
    // Markup stays words: React writes it as text, and nothing here turns it into anything else.
    expect(releaseLabel('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
  });

  it('names a protocol by its version, era and transport', () => {
    expect(
      protocolWords({ era: 'modern', protocolVersion: '2026-07-28', transport: 'streamable-http' }),
    ).toBe('2026-07-28, modern era, Streamable HTTP');
    expect(protocolWords({ era: 'legacy', protocolVersion: '2025-11-25', transport: 'sse' })).toBe(
      '2025-11-25, legacy era, HTTP + SSE (the older transport)',
    );
  });
});

describe('release markers on a chart', () => {
  it('stands where the release was first seen, saying what was deployed', () => {
    expect(releaseMarker(release('1.4.2'))).toEqual({
      at: Date.parse('2026-11-26T10:01:00.000Z') / 1000,
      label: 'v1.4.2',
      title: 'v1.4.2 deployed here (was v1.4.1)',
    });
  });

  it('places the markers inside the window from 0 to 1, oldest first, the newest when there are too many', () => {
    const at = (seconds: number) => ({ at: seconds, label: String(seconds), title: '' });
    expect(placeMarkers([at(150), at(100), at(50), at(300)], [100, 200])).toEqual([
      { ...at(100), position: 0 },
      { ...at(150), position: 0.5 },
    ]);
    expect(placeMarkers([at(110), at(120), at(130)], [100, 200], 2).map((m) => m.at)).toEqual([120, 130]);
    expect(placeMarkers([at(100)], [100, 100])).toEqual([]);
  });
});
