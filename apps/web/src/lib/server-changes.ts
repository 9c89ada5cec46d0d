import type { Protocol, Release } from '@mcpulse/contract';
import { MONITOR_TRANSPORT_LABELS } from '@mcpulse/core/domain';
import { boundText } from './bounded-text.js';
import { describeEra } from './eras.js';
import { RENDER_LIMITS } from './render-limits.js';

/**
 * Characters that would change how the text around them reads without being
 * seen: controls, and the marks that reorder text (a version ending in U+202E
 * would draw the label after it backwards).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what must show
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/**
 * A server's words as the dashboard draws them: invisible and reordering
 * characters shown as U+FFFD, cut to `max` characters with an ellipsis. React
 * escapes the rest; this keeps what is drawn what the server sent.
 */
export function visibleText(value: string, max: number): string {
  const { text, cut } = boundText(value.replace(INVISIBLE, '\ufffd'), max);
  return cut === 0 ? text : `${text}…`;
}

/** "v1.4.2" for a version that starts with a digit; any other version as the server wrote it. */
export function releaseLabel(version: string): string {
  const shown = visibleText(version, RENDER_LIMITS.versionChars);
  return /^\d/.test(shown) ? `v${shown}` : shown;
}

/** "2026-07-28, modern era, Streamable HTTP": the negotiated version is the server's, the rest mcpulse's words. */
export function protocolWords(protocol: Protocol): string {
  const era = describeEra(protocol.era)?.label ?? protocol.era;
  const transport = MONITOR_TRANSPORT_LABELS[protocol.transport] ?? protocol.transport;
  return `${visibleText(protocol.protocolVersion, RENDER_LIMITS.serverTextChars)}, ${era}, ${transport}`;
}

export interface ChartMarker {
  /** Unix seconds: where the marker stands on the time axis. */
  at: number;
  label: string;
  /** The whole sentence, for a tooltip and for screen readers. */
  title: string;
}

/** A release as a chart marker, at the first check that showed it: "v1.4.2 deployed here". */
export function releaseMarker(release: Release): ChartMarker {
  const label = releaseLabel(release.toVersion);
  return {
    at: Date.parse(release.firstSeenAt) / 1000,
    label,
    title: `${label} deployed here (was ${releaseLabel(release.fromVersion)})`,
  };
}

/**
 * The markers that fall inside `window` (unix seconds), each with its place
 * across it from 0 to 1, oldest first; the newest `max` when there are more.
 */
export function placeMarkers(
  markers: readonly ChartMarker[],
  [min, max]: readonly [number, number],
  most: number = RENDER_LIMITS.chartMarkers,
): Array<ChartMarker & { position: number }> {
  if (!(max > min)) return [];
  return markers
    .filter((marker) => marker.at >= min && marker.at <= max)
    .sort((a, b) => a.at - b.at)
    .slice(-most)
    .map((marker) => ({ ...marker, position: (marker.at - min) / (max - min) }));
}
