import { latencyText, uptimeText } from '../../badges/badge-content.js';
import { type Html, html } from './html.js';
import { dayText, durationText, STATUS_WORDS, timeText } from './page-format.js';
import type { PageView } from './page-view.js';

type MonitorView = PageView['groups'][number]['monitors'][number];
type DayView = NonNullable<MonitorView['days']>[number];

/** The bar's colour step, as the dashboard's uptime bars draw it (apps/web/src/components/uptime-bars.tsx). */
function tone(day: DayView): string {
  if (day.uptime === null) return 'none';
  if (day.uptime < 0.95) return 'bad';
  if (day.uptime < 1) return 'warn';
  return day.degradedMs > 0 ? 'warn-soft' : 'good';
}

/** A day in words, as the dashboard words it: the bars' text alternative. */
export function dayWords(day: DayView): string {
  const date = dayText(day.start);
  if (day.uptime === null) return `${date}: no data (not monitored)`;
  const down = day.downtimeMs > 0 ? `, down ${durationText(day.downtimeMs)}` : '';
  const degraded = day.degradedMs > 0 ? `, degraded ${durationText(day.degradedMs)}` : '';
  return `${date}: ${uptimeText(day.uptime)} up${down}${degraded}`;
}

function bars(days: DayView[], ninetyDays: number | null | undefined): Html {
  const caption =
    ninetyDays === undefined
      ? ''
      : ninetyDays === null
        ? 'no data yet'
        : `${uptimeText(ninetyDays)} over 90 days`;
  return html`<figure class="history"><ol class="bars" aria-label="Uptime per day (UTC), the last 90 days">${days.map(
    (day) => {
      const words = dayWords(day);
      // The words once, hidden until the bar is hovered (the stylesheet's tooltip): a `title` as well
      // would double every bar's bytes and have some screen readers read each day twice.
      return html`<li class="bar bar-${tone(day)}"><span class="sr">${words}</span></li>`;
    },
  )}</ol><figcaption class="bars-caption"><span>90 days ago</span><span>${caption}</span><span>today</span></figcaption></figure>`;
}

function figure(term: string, value: string | Html): Html {
  return html`<div><dt>${term}</dt><dd>${value}</dd></div>`;
}

function figures(monitor: MonitorView): Html | null {
  const items: Html[] = [];
  if (monitor.uptime) {
    const shown = (ratio: number | null) => (ratio === null ? 'no data' : uptimeText(ratio));
    items.push(figure('Uptime 24 h', shown(monitor.uptime['24h'])));
    items.push(figure('7 days', shown(monitor.uptime['7d'])));
    items.push(figure('30 days', shown(monitor.uptime['30d'])));
    items.push(figure('90 days', shown(monitor.uptime['90d'])));
  }
  if (monitor.p95Ms24h !== undefined) {
    items.push(
      figure('p95 latency 24 h', monitor.p95Ms24h === null ? 'no data' : latencyText(monitor.p95Ms24h)),
    );
  }
  if (monitor.mcp) {
    const { protocolVersion, toolCount, lastSchemaChangeAt } = monitor.mcp;
    items.push(
      figure('MCP protocol', protocolVersion === null ? 'unknown' : html`<bdi>${protocolVersion}</bdi>`),
    );
    items.push(figure('Tools', toolCount === null ? 'unknown' : String(toolCount)));
    items.push(
      figure(
        'Last schema change',
        lastSchemaChangeAt === null
          ? 'none in 90 days'
          : html`<time datetime="${lastSchemaChangeAt.toISOString()}">${timeText(lastSchemaChangeAt)}</time>`,
      ),
    );
  }
  return items.length === 0 ? null : html`<dl class="figures">${items}</dl>`;
}

/** One monitor of a group: its name, state in words, figures and bars, as the page's figures allow. */
export function renderMonitor(monitor: MonitorView, headingId: string): Html {
  return html`<li class="monitor"><div class="monitor-head"><h3 id="${headingId}"><bdi>${monitor.name}</bdi></h3><span class="state s-${monitor.status}">${STATUS_WORDS[monitor.status]}</span></div>${figures(monitor)}${monitor.days ? bars(monitor.days, monitor.uptime?.['90d']) : null}</li>`;
}
