import { STATUS_PAGE_LIMITS } from '@mcpulse/core/domain';
import { incidentAnchor, maintenanceAnchor } from './feed-entries.js';
import { type Html, html } from './html.js';
import { durationText, INCIDENT_WORDS, timeText } from './page-format.js';
import type { PageView } from './page-view.js';

type IncidentView = NonNullable<PageView['incidents']>['active'][number];
type MaintenanceView = NonNullable<PageView['maintenance']>[number];

const time = (date: Date) => html`<time datetime="${date.toISOString()}">${timeText(date)}</time>`;

function renderIncident(incident: IncidentView): Html {
  const span =
    incident.endedAt === null
      ? html`since ${time(incident.startedAt)}`
      : html`${time(incident.startedAt)} to ${time(incident.endedAt)} (${durationText(incident.endedAt.getTime() - incident.startedAt.getTime())})`;
  return html`<article class="incident" id="${incidentAnchor(incident.id)}"><h3>${INCIDENT_WORDS[incident.kind]}: <bdi>${incident.monitor}</bdi></h3><p class="meta">${span}${incident.errorCode ? html`; error code <code>${incident.errorCode}</code>` : null}${incident.maintenance ? '; during scheduled maintenance' : null}</p>${
    incident.updates.length === 0
      ? null
      : html`<ol aria-label="Updates, newest first">${incident.updates.map(
          (update) =>
            html`<li><span class="update-status">${update.status}</span> <span class="meta">${time(update.createdAt)}</span><p class="message"><bdi>${update.message}</bdi></p></li>`,
        )}</ol>`
  }</article>`;
}

function renderMaintenance(item: MaintenanceView, past = false): Html {
  const when = past ? 'Completed: ' : item.active ? 'In progress: ' : 'Scheduled: ';
  return html`<article class="maintenance-item" id="${maintenanceAnchor(item.id)}"><h3>${past ? 'Maintenance: ' : null}<bdi>${item.title}</bdi></h3><p class="meta">${when}${time(item.startsAt)} to ${time(item.endsAt)}</p><p>Affects: ${item.monitors.map(
    (name, index) => html`${index > 0 ? ', ' : ''}<bdi>${name}</bdi>`,
  )}</p></article>`;
}

/** The maintenance and active-incident sections, shown above the monitors. */
export function renderCurrentEvents(view: PageView): Html | null {
  if (!view.incidents) return null;
  const maintenance = view.maintenance ?? [];
  return html`${
    maintenance.length === 0
      ? null
      : html`<section aria-labelledby="maintenance-heading"><h2 id="maintenance-heading">Maintenance</h2>${maintenance.map((item) => renderMaintenance(item))}</section>`
  }${
    view.incidents.active.length === 0
      ? null
      : html`<section aria-labelledby="active-heading"><h2 id="active-heading">Active incidents</h2>${view.incidents.active.map(renderIncident)}</section>`
  }`;
}

/** Past incidents and maintenance that ended within pastIncidentDays, below the monitors, latest begun first. */
export function renderPastIncidents(view: PageView): Html | null {
  if (!view.incidents) return null;
  const days = STATUS_PAGE_LIMITS.pastIncidentDays;
  const items = [
    ...view.incidents.past.map((incident) => ({ at: incident.startedAt, shown: renderIncident(incident) })),
    ...(view.pastMaintenance ?? []).map((item) => ({
      at: item.startsAt,
      shown: renderMaintenance(item, true),
    })),
  ].sort((a, b) => b.at.getTime() - a.at.getTime());
  return html`<section aria-labelledby="past-heading"><h2 id="past-heading">Past incidents and maintenance</h2>${
    items.length === 0
      ? html`<p>No incidents or maintenance in the last ${days} days.</p>`
      : items.map((item) => item.shown)
  }</section>`;
}
