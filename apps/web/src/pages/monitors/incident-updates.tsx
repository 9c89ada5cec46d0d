import type { IncidentUpdate } from '@mcpulse/contract';
import {
  INCIDENT_UPDATE_STATUSES,
  type IncidentUpdateStatus,
  STATUS_PAGE_LIMITS,
} from '@mcpulse/core/domain';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client.js';
import { deleteIncidentUpdate, listIncidentUpdates, postIncidentUpdate } from '../../api/status-pages-api.js';
import { ConfirmButton } from '../../components/confirm-button.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { Field } from '../../components/field.js';
import { humanize } from '../../lib/form-errors.js';
import { formatDateTime } from '../../lib/format.js';
import { UPDATE_STATUS_LABELS } from '../../lib/status-page-words.js';
import { useResource } from '../../lib/use-resource.js';

const newestFirst = (updates: readonly IncidentUpdate[]) =>
  [...updates].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));

function UpdateForm({
  incidentId,
  latest,
  onPosted,
}: {
  incidentId: string;
  latest: IncidentUpdateStatus | undefined;
  onPosted(): void;
}) {
  const [status, setStatus] = useState<IncidentUpdateStatus>(latest ?? 'investigating');
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<{ status?: string; message?: string }>({});
  const [banner, setBanner] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const id = `update-${incidentId}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBanner(undefined);
    const text = message.trim();
    if (text === '') return setErrors({ message: 'Write what you know, what you are doing or what changed' });
    if (text.length > STATUS_PAGE_LIMITS.updateMessageChars)
      return setErrors({
        message: `At most ${STATUS_PAGE_LIMITS.updateMessageChars.toLocaleString()} characters`,
      });
    setErrors({});
    setBusy(true);
    try {
      await postIncidentUpdate(incidentId, { status, message: text });
      setMessage('');
      onPosted();
    } catch (error) {
      if (error instanceof ApiError && (error.field === 'status' || error.field === 'message'))
        setErrors({ [error.field]: humanize(error.message, error.field) });
      else setBanner(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="update-form"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label="Post an update"
    >
      <ErrorBanner error={banner} title="Could not post the update." />
      <Field id={`${id}-status`} label="Status" error={errors.status}>
        {(describedBy, invalid) => (
          <select
            id={`${id}-status`}
            value={status}
            onChange={(event) => setStatus(event.target.value as IncidentUpdateStatus)}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
          >
            {INCIDENT_UPDATE_STATUSES.map((value) => (
              <option key={value} value={value}>
                {UPDATE_STATUS_LABELS[value]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="field-message">
        <Field
          id={`${id}-message`}
          label="Message"
          error={errors.message}
          hint="Shown as plain text on the status pages that list this monitor, and sent to your webhooks."
        >
          {(describedBy, invalid) => (
            <textarea
              id={`${id}-message`}
              className="json-input text-input"
              rows={3}
              maxLength={STATUS_PAGE_LIMITS.updateMessageChars}
              value={message}
              onChange={(event) => setMessage(event.target.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
            />
          )}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Posting…' : 'Post update'}
        </button>
      </div>
    </form>
  );
}

function UpdatesPanel({ incidentId }: { incidentId: string }) {
  const updates = useResource(
    (signal) => listIncidentUpdates(incidentId, signal),
    `incident-updates:${incidentId}`,
  );
  const [error, setError] = useState<unknown>();
  const list = newestFirst(updates.data?.updates ?? []);
  const remove = async (update: IncidentUpdate) => {
    setError(undefined);
    try {
      await deleteIncidentUpdate(incidentId, update.id);
    } catch (failure) {
      setError(failure);
    } finally {
      updates.reload();
    }
  };
  return (
    <>
      <ErrorBanner error={error ?? (updates.data ? undefined : updates.error)} />
      {updates.data && list.length === 0 ? <p className="muted">No updates posted yet.</p> : null}
      {list.length > 0 ? (
        <ol className="update-list">
          {list.map((update) => (
            <li key={update.id} className="update-item" data-testid="incident-update">
              <div className="update-head">
                <span className={`tag${update.status === 'resolved' ? '' : ' tag-info'}`}>
                  {UPDATE_STATUS_LABELS[update.status]}
                </span>
                <time className="muted" dateTime={update.createdAt}>
                  {formatDateTime(update.createdAt)}
                </time>
                <ConfirmButton
                  label={
                    <>
                      Delete
                      <span className="visually-hidden">
                        {' '}
                        the update of {formatDateTime(update.createdAt)}
                      </span>
                    </>
                  }
                  className="button button-quiet"
                  title="Delete this update?"
                  confirmLabel="Delete update"
                  onConfirm={() => remove(update)}
                >
                  <p>It disappears from the status pages at once. Webhooks already sent stay sent.</p>
                </ConfirmButton>
              </div>
              <p className="update-message">{update.message}</p>
            </li>
          ))}
        </ol>
      ) : null}
      <UpdateForm
        key={list[0]?.id ?? 'none'}
        incidentId={incidentId}
        latest={list[0]?.status}
        onPosted={updates.reload}
      />
    </>
  );
}

/**
 * What the owner has said about one incident, newest first, and a form to say more. Loaded when
 * opened (an ongoing incident opens at once), so a long list of incidents costs no requests.
 */
export function IncidentUpdates({ incidentId, ongoing }: { incidentId: string; ongoing: boolean }) {
  const [open, setOpen] = useState(ongoing);
  return (
    <details
      className="incident-updates"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
      data-testid="incident-updates"
    >
      <summary>Updates for visitors</summary>
      {open ? <UpdatesPanel incidentId={incidentId} /> : null}
    </details>
  );
}
