import type { IncidentUpdateStatus, StatusPageFigure } from '@mcpulse/core/domain';

/** What each figure a status page may show is, in the owner's words (docs/status-pages.md). */
export const FIGURE_LABELS: Record<StatusPageFigure, { label: string; hint: string }> = {
  history: { label: '90-day history', hint: 'a bar for each of the last 90 days' },
  uptime: { label: 'Uptime figures', hint: 'the uptime percentages' },
  latency: { label: 'Latency', hint: 'the p95 response time of the last 24 hours' },
  mcp: { label: 'MCP details', hint: 'protocol version, tool count and last schema change' },
  incidents: { label: 'Incidents', hint: 'active and past incidents and maintenance, with your updates' },
};

export const UPDATE_STATUS_LABELS: Record<IncidentUpdateStatus, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};
