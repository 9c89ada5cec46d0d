import type { MaintenanceWindow, Monitor } from '@mcpulse/contract';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client.js';
import {
  createMaintenanceWindow,
  endMaintenanceWindow,
  listMaintenanceWindows,
} from '../../api/maintenance-api.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { TextField } from '../../components/field.js';
import { humanize } from '../../lib/form-errors.js';
import { formatDuration } from '../../lib/format.js';
import { useNow, useResource } from '../../lib/use-resource.js';

const FIELDS = ['title', 'localStart', 'timeZone', 'durationMinutes', 'rrule'] as const;
type FieldName = (typeof FIELDS)[number];

/** A time in the window's own zone: the owner scheduled it there. */
function inZone(iso: string, timeZone: string): string {
  try {
    return new Date(iso).toLocaleString(undefined, {
      timeZone,
      dateStyle: 'medium',
      timeStyle: 'short',
    });
  } catch {
    return new Date(iso).toISOString();
  }
}

function WindowItem({
  window,
  now,
  onChanged,
}: {
  window: MaintenanceWindow;
  now: number;
  onChanged(): void;
}) {
  const [error, setError] = useState<unknown>(null);
  const current = window.occurrences.find((o) => Date.parse(o.startsAt) <= now && Date.parse(o.endsAt) > now);
  const end = async (cancel: boolean) => {
    setError(null);
    try {
      await endMaintenanceWindow(window.id, cancel);
      onChanged();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <li className="timeline-item" data-testid="maintenance-window">
      <div className="timeline-head">
        <strong>{window.title}</strong>
        {current ? <span className="tag tag-bad">in progress</span> : null}
        <span className="tag">{window.monitorId ? 'this monitor' : 'whole organisation'}</span>
        <span className="muted">
          {window.rrule ? `repeats ${window.rrule}` : 'once'} ·{' '}
          {formatDuration(window.durationMinutes * 60_000)} · {window.timeZone}
        </span>
      </div>
      <ul className="muted">
        {window.occurrences.map((occurrence) => (
          <li key={occurrence.id}>
            {inZone(occurrence.startsAt, window.timeZone)} – {inZone(occurrence.endsAt, window.timeZone)}
          </li>
        ))}
      </ul>
      <div className="actions">
        {current ? (
          <button type="button" className="button" onClick={() => void end(false)}>
            End now
          </button>
        ) : null}
        {window.rrule || !current ? (
          <button type="button" className="button button-quiet" onClick={() => void end(true)}>
            Cancel window
          </button>
        ) : null}
      </div>
      <ErrorBanner error={error} />
    </li>
  );
}

function MaintenanceForm({ monitor, onCreated }: { monitor: Monitor; onCreated(): void }) {
  const [title, setTitle] = useState('');
  const [wholeOrganisation, setWholeOrganisation] = useState(false);
  const [startNow, setStartNow] = useState(true);
  const [localStart, setLocalStart] = useState('');
  const [timeZone, setTimeZone] = useState(() => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
  const [duration, setDuration] = useState('60');
  const [rrule, setRrule] = useState('');
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      await createMaintenanceWindow({
        monitorId: wholeOrganisation ? null : monitor.id,
        title,
        startNow,
        ...(startNow ? {} : { localStart, rrule: rrule.trim() === '' ? null : rrule.trim() }),
        timeZone,
        durationMinutes: Number(duration),
      });
      setTitle('');
      onCreated();
    } catch (error) {
      const field = error instanceof ApiError ? FIELDS.find((name) => name === error.field) : undefined;
      if (field && error instanceof ApiError) setErrors({ [field]: humanize(error.message, field) });
      else setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form" onSubmit={(event) => void submit(event)} aria-label="Schedule maintenance">
      <TextField id="maintenance-title" label="Title" value={title} onValue={setTitle} error={errors.title} />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={wholeOrganisation}
          onChange={(e) => setWholeOrganisation(e.target.checked)}
        />{' '}
        Every monitor of the organisation
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={startNow} onChange={(e) => setStartNow(e.target.checked)} /> Start now
      </label>
      {startNow ? null : (
        <>
          <TextField
            id="maintenance-start"
            label="Starts at (in the time zone below)"
            type="datetime-local"
            value={localStart}
            onValue={setLocalStart}
            error={errors.localStart}
          />
          <TextField
            id="maintenance-rrule"
            label="Repeats (RFC 5545 RRULE, optional)"
            value={rrule}
            onValue={setRrule}
            error={errors.rrule}
            placeholder="FREQ=WEEKLY;BYDAY=SU"
          />
        </>
      )}
      <TextField
        id="maintenance-zone"
        label="Time zone"
        value={timeZone}
        onValue={setTimeZone}
        error={errors.timeZone}
      />
      <TextField
        id="maintenance-duration"
        label="Duration (minutes)"
        type="number"
        min={1}
        value={duration}
        onValue={setDuration}
        error={errors.durationMinutes}
      />
      <ErrorBanner error={failure} />
      <button type="submit" className="button button-primary" disabled={busy}>
        Schedule maintenance
      </button>
    </form>
  );
}

/** The monitor's maintenance windows (docs/maintenance.md): what is under way, what comes next, and a form. */
export function MaintenanceSection({ monitor }: { monitor: Monitor }) {
  const now = useNow();
  const windows = useResource(
    (signal) => listMaintenanceWindows(monitor.id, signal),
    `maintenance:${monitor.id}`,
    30_000,
  );
  const items = windows.data?.windows ?? [];
  return (
    <section className="section" aria-labelledby="maintenance-title-heading">
      <h2 id="maintenance-title-heading">Maintenance</h2>
      <p className="muted">
        During a window checks still run, but state changes send no alerts and its time is left out of uptime.
      </p>
      {windows.data && items.length === 0 ? <p>No maintenance scheduled.</p> : null}
      <ol className="timeline">
        {items.map((window) => (
          <WindowItem key={window.id} window={window} now={now} onChanged={windows.reload} />
        ))}
      </ol>
      <MaintenanceForm monitor={monitor} onCreated={windows.reload} />
    </section>
  );
}
