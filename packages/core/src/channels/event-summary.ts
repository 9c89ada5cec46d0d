import { snapshotLimitText } from '../domain/snapshot-limit-text.js';
import type { MissingSnapshotReason } from '../domain/storage-limits.js';
import type { WebhookEvent } from '../webhook-payload.js';

export type WebhookSeverity = 'down' | 'degraded' | 'up' | 'breaking' | 'changed' | 'test';

/**
 * A run of a field's words. `text` is written by mcpulse or by the monitor's
 * owner; `literal` came from a monitored server (an error message, a tool
 * name) and must reach a chat exactly as sent and never be interpreted: no
 * link, mention or formatting of a server's choosing may come alive in a
 * message. Each chat channel renders the two its own way.
 */
export type SummaryPart = { text: string } | { literal: string };

export interface SummaryField {
  name: string;
  value: SummaryPart[];
}

/** What a chat message says about an event, before a chat channel lays it out. */
export interface WebhookSummary {
  /** Written from the monitor's name, which its owner chose. */
  title: string;
  severity: WebhookSeverity;
  fields: SummaryField[];
}

const MAX_LISTED_TOOLS = 10;

/** "1 h 4 min", "3 min 20 s", "12 s": precise enough for a person, short enough for a chat line. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

const text = (value: string): SummaryPart => ({ text: value });
const literal = (value: string): SummaryPart => ({ literal: value });

/** Tool names are the server's: each one a literal of its own, the first ten and a count of the rest. */
function toolList(names: readonly string[]): SummaryPart[] {
  const parts: SummaryPart[] = [];
  names.slice(0, MAX_LISTED_TOOLS).forEach((name, index) => {
    if (index > 0) parts.push(text(', '));
    parts.push(literal(name));
  });
  const more = names.length - MAX_LISTED_TOOLS;
  if (more > 0) parts.push(text(` and ${more} more`));
  return parts;
}

/** Why a drift comes without a diff, with the limit that applied: a reader should not suspect a fault. */
function missingDiff(reason: MissingSnapshotReason): string {
  switch (reason) {
    case 'not_stored':
      return 'No earlier snapshot to compare.';
    case 'too_large':
      return `A tool list was too large to keep (${snapshotLimitText(reason)}).`;
    case 'too_frequent':
      return `The tools changed too often to keep (${snapshotLimitText(reason)}).`;
  }
}

function slowest(event: Extract<WebhookEvent, { type: 'monitor.degraded' }>): string | null {
  const times = event.data.results.map((result) => result.totalMs);
  return times.length ? `${Math.round(Math.max(...times))} ms` : null;
}

type Protocol = Extract<WebhookEvent, { type: 'protocol.changed' }>['data']['to'];

/** A protocol as one run of the server's words: its version is whatever the server negotiated. */
function protocolWords(protocol: Protocol): SummaryPart {
  return literal(`${protocol.protocolVersion} (${protocol.era}, ${protocol.transport})`);
}

function transitionFields(event: Extract<WebhookEvent, { type: `monitor.${string}` }>) {
  const fields: SummaryField[] = [{ name: 'URL', value: [text(event.data.monitor.url)] }];
  if (event.data.error) {
    const { code, message } = event.data.error;
    fields.push({
      name: 'Error',
      value: message ? [text(`${code}: `), literal(message)] : [text(code)],
    });
  }
  if (event.data.regions.length)
    fields.push({ name: 'Regions', value: [text(event.data.regions.join(', '))] });
  return fields;
}

/** The words of a chat message: one title and a few labelled fields, the same for every chat channel. */
export function summarizeWebhookEvent(event: WebhookEvent): WebhookSummary {
  switch (event.type) {
    case 'monitor.down':
      return {
        title: `${event.data.monitor.name} is down`,
        severity: 'down',
        fields: transitionFields(event),
      };
    case 'monitor.degraded': {
      const fields = transitionFields(event);
      const slow = slowest(event);
      if (slow) fields.push({ name: 'Slowest check', value: [text(slow)] });
      return { title: `${event.data.monitor.name} is degraded`, severity: 'degraded', fields };
    }
    case 'monitor.up': {
      const fields = transitionFields(event);
      const { downtimeMs, degradedMs } = event.data;
      if (downtimeMs !== null || degradedMs !== null) {
        const lasted = (downtimeMs ?? 0) + (degradedMs ?? 0);
        fields.push({ name: 'Incident lasted', value: [text(formatDuration(lasted))] });
      }
      return { title: `${event.data.monitor.name} is up again`, severity: 'up', fields };
    }
    case 'schema.drift': {
      const { monitor, diff, breaking, diffUnavailable, toHash } = event.data;
      const fields: SummaryField[] = [{ name: 'URL', value: [text(monitor.url)] }];
      if (!diff) {
        fields.push({ name: 'No diff', value: [text(missingDiff(diffUnavailable ?? 'not_stored'))] });
        fields.push({ name: 'New schema hash', value: [literal(toHash)] });
      }
      if (diff?.removed.length)
        fields.push({ name: 'Removed', value: toolList(diff.removed.map((t) => t.name)) });
      if (diff?.added.length) fields.push({ name: 'Added', value: toolList(diff.added.map((t) => t.name)) });
      if (diff?.changed.length)
        fields.push({ name: 'Changed', value: toolList(diff.changed.map((t) => t.name)) });
      const across = event.data.protocolChange;
      if (across) {
        fields.push({
          name: 'Across a protocol change',
          value: [
            protocolWords(across.from),
            text(' → '),
            protocolWords(across.to),
            text(': the same tools can hash differently in another era'),
          ],
        });
      }
      return {
        title: breaking ? `Breaking tool change on ${monitor.name}` : `Tools changed on ${monitor.name}`,
        severity: breaking ? 'breaking' : 'changed',
        fields,
      };
    }
    case 'protocol.changed': {
      const { monitor, from, to, changed } = event.data;
      return {
        title: `Protocol changed on ${monitor.name}`,
        severity: 'changed',
        fields: [
          { name: 'URL', value: [text(monitor.url)] },
          { name: 'From', value: [protocolWords(from)] },
          { name: 'To', value: [protocolWords(to)] },
          { name: 'What changed', value: [text(changed.join(', '))] },
        ],
      };
    }
    case 'maintenance.started':
    case 'maintenance.ended': {
      const { monitor, maintenance } = event.data;
      const what = monitor ? monitor.name : 'all monitors';
      const started = event.type === 'maintenance.started';
      return {
        title: started ? `Maintenance started on ${what}` : `Maintenance ended on ${what}`,
        severity: started ? 'changed' : 'up',
        fields: [
          { name: 'Window', value: [literal(maintenance.title)] },
          { name: started ? 'Until' : 'Ended', value: [text(maintenance.endsAt)] },
        ],
      };
    }
    case 'incident.updated': {
      const { monitor, update } = event.data;
      return {
        title: `Incident update on ${monitor.name}: ${update.status}`,
        severity: update.status === 'resolved' ? 'up' : 'changed',
        fields: [{ name: 'Update', value: [text(update.message)] }],
      };
    }
    case 'webhook.test':
      return {
        title: 'mcpulse test event',
        severity: 'test',
        fields: [{ name: 'Message', value: [text(event.data.message)] }],
      };
  }
}
