import type { MonitorDisplayStatus, ResultStatus } from '@mcpulse/core/domain';

export interface StatusLook {
  /** The word shown beside the colour: status is never told by colour alone. */
  label: string;
  /** A shape that differs per status, for people who cannot tell the colours apart. */
  symbol: string;
  tone: 'good' | 'warn' | 'bad' | 'muted';
}

const LOOKS: Record<MonitorDisplayStatus | ResultStatus, StatusLook> = {
  up: { label: 'Up', symbol: '●', tone: 'good' },
  degraded: { label: 'Degraded', symbol: '▲', tone: 'warn' },
  down: { label: 'Down', symbol: '■', tone: 'bad' },
  pending: { label: 'Pending', symbol: '○', tone: 'muted' },
  paused: { label: 'Paused', symbol: '❚❚', tone: 'muted' },
  skipped: { label: 'Skipped', symbol: '↷', tone: 'muted' },
};

export function statusLook(status: MonitorDisplayStatus | ResultStatus): StatusLook {
  return LOOKS[status];
}

/** Worst first: the order a person triaging wants to see monitors in. */
export const STATUS_SEVERITY: Record<MonitorDisplayStatus, number> = {
  down: 0,
  degraded: 1,
  pending: 2,
  up: 3,
  paused: 4,
};
