import type { WebhookEvent } from './webhook-payload.js';

export type WebhookSeverity = 'down' | 'degraded' | 'up' | 'breaking' | 'changed' | 'test';

/** What a chat message says about an event, before a chat format lays it out. */
export interface WebhookSummary {
  title: string;
  severity: WebhookSeverity;
  fields: Array<{ name: string; value: string }>;
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

function toolList(names: readonly string[]): string {
  const shown = names.slice(0, MAX_LISTED_TOOLS).join(', ');
  const more = names.length - MAX_LISTED_TOOLS;
  return more > 0 ? `${shown} and ${more} more` : shown;
}

function slowest(event: Extract<WebhookEvent, { type: 'monitor.degraded' }>): string | null {
  const times = event.data.results.map((result) => result.totalMs);
  return times.length ? `${Math.round(Math.max(...times))} ms` : null;
}

function transitionFields(event: Exclude<WebhookEvent, { type: 'schema.drift' | 'webhook.test' }>) {
  const fields = [{ name: 'URL', value: event.data.monitor.url }];
  if (event.data.error) {
    const { code, message } = event.data.error;
    fields.push({ name: 'Error', value: message ? `${code}: ${message}` : code });
  }
  if (event.data.regions.length) fields.push({ name: 'Regions', value: event.data.regions.join(', ') });
  return fields;
}

/** The words of a chat message: one title and a few labelled fields, the same for every chat format. */
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
      if (slow) fields.push({ name: 'Slowest check', value: slow });
      return { title: `${event.data.monitor.name} is degraded`, severity: 'degraded', fields };
    }
    case 'monitor.up': {
      const fields = transitionFields(event);
      if (event.data.downtimeMs !== null) {
        fields.push({ name: 'Incident lasted', value: formatDuration(event.data.downtimeMs) });
      }
      return { title: `${event.data.monitor.name} is up again`, severity: 'up', fields };
    }
    case 'schema.drift': {
      const { monitor, diff, breaking } = event.data;
      const fields = [{ name: 'URL', value: monitor.url }];
      if (diff?.removed.length)
        fields.push({ name: 'Removed', value: toolList(diff.removed.map((t) => t.name)) });
      if (diff?.added.length) fields.push({ name: 'Added', value: toolList(diff.added.map((t) => t.name)) });
      if (diff?.changed.length)
        fields.push({ name: 'Changed', value: toolList(diff.changed.map((t) => t.name)) });
      return {
        title: breaking ? `Breaking tool change on ${monitor.name}` : `Tools changed on ${monitor.name}`,
        severity: breaking ? 'breaking' : 'changed',
        fields,
      };
    }
    case 'webhook.test':
      return {
        title: 'mcpulse test event',
        severity: 'test',
        fields: [{ name: 'Message', value: event.data.message }],
      };
  }
}
