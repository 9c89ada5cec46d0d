import type { CreateWebhookBody, WebhookEndpoint } from '@mcpulse/contract';
import {
  DEFAULT_WEBHOOK_FORMAT,
  EVENT_TYPES,
  type EventType,
  WEBHOOK_CHANNELS,
  WEBHOOK_FORMATS,
  type WebhookFormat,
} from '@mcpulse/core/domain';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client.js';
import { listMonitors } from '../../api/monitors-api.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { Field, TextField } from '../../components/field.js';
import { humanize } from '../../lib/form-errors.js';
import { useResource } from '../../lib/use-resource.js';

const EVENT_WORDS: Record<EventType, string> = {
  'monitor.down': 'a monitor goes down',
  'monitor.up': 'a monitor recovers',
  'monitor.degraded': 'a monitor turns slow (degraded)',
  'schema.drift': "a server's tools change",
  'protocol.changed': "a server's protocol era, version or transport changes",
  'maintenance.started': 'a maintenance window begins',
  'maintenance.ended': 'a maintenance window ends',
  'incident.updated': 'you post an update to an incident',
  'webhook.test': 'you send a test event',
};
const FIELDS = ['url', 'description', 'format', 'eventTypes', 'monitorIds'];

interface WebhookFormProps {
  initial?: WebhookEndpoint;
  submitLabel: string;
  /** Also the body of an update: it sets every field the form shows. */
  onSubmit(input: CreateWebhookBody): Promise<void>;
  onCancel?(): void;
}

export function WebhookForm({ initial, submitLabel, onSubmit, onCancel }: WebhookFormProps) {
  const monitors = useResource((signal) => listMonitors(signal), 'webhook-form-monitors');
  const [url, setUrl] = useState(initial?.url ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [format, setFormat] = useState<WebhookFormat>(initial?.format ?? DEFAULT_WEBHOOK_FORMAT);
  const [eventTypes, setEventTypes] = useState<EventType[]>(initial?.eventTypes ?? []);
  const [monitorIds, setMonitorIds] = useState<string[] | null>(initial?.monitorIds ?? null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const idPrefix = initial ? `webhook-${initial.id}` : 'webhook-new';

  const toggle = <T,>(list: T[], value: T, on: boolean) =>
    on ? [...list, value] : list.filter((item) => item !== value);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    try {
      const parsed = new URL(url.trim());
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') found.url = 'Use an https:// URL';
    } catch {
      found.url = 'Enter the full URL that receives the events, e.g. https://example.com/hooks/mcpulse';
    }
    if (monitorIds !== null && monitorIds.length === 0)
      found.monitorIds = 'Choose at least one monitor, or “All monitors”';
    setErrors(found);
    setBanner(undefined);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await onSubmit({ url: url.trim(), description: description.trim(), format, eventTypes, monitorIds });
    } catch (error) {
      const field =
        error instanceof ApiError && error.field
          ? FIELDS.find((name) => error.field?.startsWith(name))
          : undefined;
      if (error instanceof ApiError && field)
        setErrors({ [field]: humanize(error.message, error.field ?? field) });
      else setBanner(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form webhook-form" onSubmit={(event) => void submit(event)} noValidate>
      <ErrorBanner error={banner} />
      <TextField
        id={`${idPrefix}-url`}
        label="Endpoint URL"
        type="url"
        value={url}
        onValue={setUrl}
        error={errors.url}
        placeholder="https://example.com/hooks/mcpulse"
        spellCheck={false}
        hint={
          initial?.url.endsWith('/••••••') && url === initial.url
            ? `A ${WEBHOOK_CHANNELS[format].label} URL is a credential, so it is stored sealed and shown by its origin only. Leave it as it is to keep it, or paste a new one.`
            : undefined
        }
      />
      <TextField
        id={`${idPrefix}-description`}
        label="Description (optional)"
        value={description}
        onValue={setDescription}
        error={errors.description}
        placeholder="On-call Slack channel"
      />
      <Field
        id={`${idPrefix}-format`}
        label="Format"
        error={errors.format}
        hint={WEBHOOK_CHANNELS[format].hint}
      >
        {(describedBy) => (
          <select
            id={`${idPrefix}-format`}
            value={format}
            onChange={(event) => setFormat(event.target.value as WebhookFormat)}
            aria-describedby={describedBy}
          >
            {WEBHOOK_FORMATS.map((choice) => (
              <option key={choice} value={choice}>
                {WEBHOOK_CHANNELS[choice].label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset className="fieldset">
        <legend>Events</legend>
        <p className="field-hint">None ticked means every event.</p>
        <div className="checkbox-list">
          {EVENT_TYPES.map((type) => (
            <label key={type} className="checkbox">
              <input
                type="checkbox"
                checked={eventTypes.includes(type)}
                onChange={(event) => setEventTypes(toggle(eventTypes, type, event.target.checked))}
              />
              <code>{type}</code> — when {EVENT_WORDS[type]}
            </label>
          ))}
        </div>
        {errors.eventTypes ? <p className="field-error">{errors.eventTypes}</p> : null}
      </fieldset>
      <fieldset className="fieldset">
        <legend>Monitors</legend>
        <label className="checkbox">
          <input
            type="radio"
            name={`${idPrefix}-scope`}
            checked={monitorIds === null}
            onChange={() => setMonitorIds(null)}
          />
          All monitors, including ones added later
        </label>
        <label className="checkbox">
          <input
            type="radio"
            name={`${idPrefix}-scope`}
            checked={monitorIds !== null}
            onChange={() => setMonitorIds(monitorIds ?? [])}
          />
          Only these monitors
        </label>
        {monitorIds !== null ? (
          <div className="checkbox-list nested">
            {(monitors.data?.monitors ?? []).map((monitor) => (
              <label key={monitor.id} className="checkbox">
                <input
                  type="checkbox"
                  checked={monitorIds.includes(monitor.id)}
                  onChange={(event) => setMonitorIds(toggle(monitorIds, monitor.id, event.target.checked))}
                />
                {monitor.name}
              </label>
            ))}
            {monitors.data?.monitors.length === 0 ? <p className="muted">You have no monitors yet.</p> : null}
          </div>
        ) : null}
        {errors.monitorIds ? <p className="field-error">{errors.monitorIds}</p> : null}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button button-quiet" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
