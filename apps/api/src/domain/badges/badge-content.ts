import { BADGE_LABELS, BADGE_LIMITS, type BadgeKind, type MonitorDisplayStatus } from '@mcpulse/core/domain';

/** What a monitor's badges are drawn from, read once per cache period (badge-cache.ts). */
export interface BadgeFacts {
  status: MonitorDisplayStatus;
  uptime: { '24h': number | null; '7d': number | null; '30d': number | null; '90d': number | null };
  /** p95 of total check time over the last 24 hours; null without an answered check. */
  p95Ms: number | null;
  degradedThresholdMs: number;
  toolCount: number | null;
  /** As the server sent it: hostile text, cleaned and cut by `serverText` before it is shown. */
  protocolVersion: string | null;
}

/** A badge before it is drawn: the same three parts feed the SVG and the shields.io document. */
export interface BadgeContent {
  label: string;
  message: string;
  /** A shields.io named colour. */
  color: string;
}

const STATUS_COLORS: Record<MonitorDisplayStatus, string> = {
  up: 'brightgreen',
  degraded: 'yellow',
  down: 'red',
  pending: 'lightgrey',
  paused: 'lightgrey',
};

/** Uptime colour steps, best first: an uptime at or above the ratio takes the colour. */
const UPTIME_COLORS: ReadonlyArray<readonly [number, string]> = [
  [0.999, 'brightgreen'],
  [0.99, 'green'],
  [0.97, 'yellowgreen'],
  [0.95, 'yellow'],
  [0.9, 'orange'],
  [0, 'red'],
];

const NO_DATA = 'lightgrey';

/**
 * Control characters (C0, DEL, C1), bidirectional overrides and isolates, zero-width and line or
 * paragraph separators: none belongs on a badge, and each could make a badge lie about its text.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSHOWABLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/gu;

/**
 * Text from outside (a server's protocol version, a label in a badge URL) as a badge may show it:
 * unshowable characters replaced, at most `maxChars` code points (the last an ellipsis when cut).
 * XML escaping is the renderer's, the JSON document's escaping JSON's.
 */
export function badgeText(text: string, maxChars: number): string {
  const points = Array.from(text.replace(UNSHOWABLE, '\ufffd'));
  if (points.length <= maxChars) return points.join('');
  return `${points.slice(0, maxChars - 1).join('')}…`;
}

/** Uptime as the dashboard shows it: 99.999 % never rounds up to 100 %. */
export function uptimeText(ratio: number): string {
  const percent = ratio * 100;
  const text = percent < 100 && percent.toFixed(2) === '100.00' ? '99.99' : percent.toFixed(2);
  return `${text.replace(/\.00$/, '')}%`;
}

export function latencyText(ms: number): string {
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

function uptimeContent(ratio: number | null): Omit<BadgeContent, 'label'> {
  if (ratio === null) return { message: 'no data', color: NO_DATA };
  const color = UPTIME_COLORS.find(([floor]) => ratio >= floor)?.[1] ?? 'red';
  return { message: uptimeText(ratio), color };
}

/** The label, message and colour of one badge of a monitor. */
export function badgeContent(facts: BadgeFacts, kind: BadgeKind, label?: string): BadgeContent {
  const shownLabel = badgeText(label ?? BADGE_LABELS[kind], BADGE_LIMITS.labelChars);
  const part = ((): Omit<BadgeContent, 'label'> => {
    switch (kind) {
      case 'status':
        return { message: facts.status, color: STATUS_COLORS[facts.status] };
      case 'uptime-24h':
        return uptimeContent(facts.uptime['24h']);
      case 'uptime-7d':
        return uptimeContent(facts.uptime['7d']);
      case 'uptime-30d':
        return uptimeContent(facts.uptime['30d']);
      case 'uptime-90d':
        return uptimeContent(facts.uptime['90d']);
      case 'p95':
        if (facts.p95Ms === null) return { message: 'no data', color: NO_DATA };
        return {
          message: latencyText(facts.p95Ms),
          color: facts.p95Ms < facts.degradedThresholdMs ? 'brightgreen' : 'yellow',
        };
      case 'tools':
        if (facts.toolCount === null) return { message: 'unknown', color: NO_DATA };
        return { message: String(facts.toolCount), color: 'blue' };
      case 'protocol':
        if (!facts.protocolVersion) return { message: 'unknown', color: NO_DATA };
        return { message: badgeText(facts.protocolVersion, BADGE_LIMITS.serverTextChars), color: 'blue' };
    }
  })();
  return { label: shownLabel, ...part };
}
