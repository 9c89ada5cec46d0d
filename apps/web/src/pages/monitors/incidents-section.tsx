import type { Monitor } from '@mcpulse/contract';
import { getIncidents } from '../../api/monitors-api.js';
import { ClippedText } from '../../components/clipped-text.js';
import { EmptyState } from '../../components/empty-state.js';
import { formatDateTime, formatDuration } from '../../lib/format.js';
import { describeProbeError } from '../../lib/probe-errors.js';
import { RENDER_LIMITS } from '../../lib/render-limits.js';
import { useNow, useReloadOn, useResource } from '../../lib/use-resource.js';
import { IncidentUpdates } from './incident-updates.js';
import { StatusPagesHint } from './status-pages-hint.js';

export function IncidentsSection({ monitor }: { monitor: Monitor }) {
  const now = useNow();
  const incidents = useResource(
    (signal) => getIncidents(monitor.id, { limit: 50 }, signal),
    `incidents:${monitor.id}`,
    10_000,
  );
  useReloadOn(monitor.status, incidents.reload);
  const items = incidents.data?.items ?? [];
  return (
    <section className="section" aria-labelledby="incidents-title">
      <h2 id="incidents-title">Incidents</h2>
      <StatusPagesHint monitorId={monitor.id} />
      {incidents.data && items.length === 0 ? (
        <EmptyState title="No incidents">
          <p>
            {monitor.confirmations === 1
              ? 'When a check fails'
              : `When ${monitor.confirmations} checks in a row fail`}
            , an incident opens here with its error code, and closes when the server recovers.
          </p>
        </EmptyState>
      ) : (
        <ol className="timeline">
          {items.map((incident) => {
            const open = incident.endedAt === null;
            const duration =
              (open ? now : Date.parse(incident.endedAt as string)) - Date.parse(incident.startedAt);
            return (
              <li
                key={incident.id}
                className={`timeline-item incident-${incident.kind}${open ? ' incident-open' : ''}`}
              >
                <div className="timeline-head">
                  <strong>{incident.kind === 'down' ? 'Down' : 'Degraded'}</strong>
                  {open ? (
                    <span className="tag tag-bad">ongoing</span>
                  ) : (
                    <span className="tag">resolved</span>
                  )}
                  {incident.maintenance ? <span className="tag">maintenance</span> : null}
                  <span className="muted">
                    {formatDateTime(incident.startedAt)} · {open ? 'for ' : 'lasted '}
                    {formatDuration(duration)}
                  </span>
                </div>
                {incident.errorCode ? (
                  <p>
                    <code className="error-code">{incident.errorCode}</code>{' '}
                    {describeProbeError(incident.errorCode)}
                  </p>
                ) : null}
                {incident.errorMessage ? (
                  <p className="muted probe-error-message">
                    <ClippedText text={incident.errorMessage} max={RENDER_LIMITS.messageChars} />
                  </p>
                ) : null}
                {incident.regions.length > 0 ? (
                  <p className="muted">Regions: {incident.regions.join(', ')}</p>
                ) : null}
                <IncidentUpdates incidentId={incident.id} ongoing={open} />
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
